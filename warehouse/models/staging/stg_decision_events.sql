-- Every grant decision once (one row per file number), with the source it is read from. The
-- same decision may arrive as a letter and in the funding system's export: the letter (the
-- legal document) wins, then the earliest upload. event_order numbers the events of a
-- district-year in the order they apply (decision date, then file number).
WITH sources AS (
    SELECT
        d.*,
        r.original_name AS source_name,
        r.first_seen_at,
        count(*) OVER (PARTITION BY d.decision_id) AS n_sources
    FROM decisions AS d
    LEFT JOIN raw_documents AS r ON r.sha256 = d.sha256
    QUALIFY row_number() OVER (
        PARTITION BY d.decision_id
        ORDER BY (d.source_format = 'letter') DESC, r.first_seen_at NULLS LAST,
                 r.registration_seq NULLS LAST, d.sha256
    ) = 1
)
SELECT
    s.decision_id,
    s.decision_type,
    s.decision_date,
    s.district_ags,
    districts.official_name AS district_name,
    s.year,
    s.total_eur,
    s.refers_to,
    s.used_total_eur,
    s.reclaimed_total_eur,
    row_number() OVER (
        PARTITION BY s.district_ags, s.year ORDER BY s.decision_date, s.decision_id
    )::INTEGER AS event_order,
    s.n_sources::INTEGER AS n_sources,
    s.sha256 AS source_sha256,
    s.source_name,
    s.source_format,
    s.page AS source_page,
    s.line AS source_line,
    s.first_seen_at
FROM sources AS s
LEFT JOIN ref_districts AS districts ON districts.district_ags = s.district_ags
ORDER BY s.district_ags, s.year, event_order
