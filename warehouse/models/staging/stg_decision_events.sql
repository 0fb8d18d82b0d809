-- Every grant decision once (one row per file number), with the source it is read from. The
-- same decision may arrive as a letter and in the funding system's export: the letter (the
-- legal document) wins, then the earliest upload. event_order numbers the events of a
-- district-year in the order they apply (decision date, then file number). When the copies of
-- one file number disagree (type, date, district, year or amounts), has_source_conflict says so:
-- the letter is still used, but the conflict must be visible, not silently resolved.
WITH versions AS (
    SELECT decision_id, count(*) AS n_versions
    FROM (
        SELECT DISTINCT decision_id, decision_type, decision_date, district_ags, year, total_eur,
               used_total_eur, reclaimed_total_eur
        FROM decisions
    )
    GROUP BY decision_id
),
sources AS (
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
    coalesce(v.n_versions, 1) > 1 AS has_source_conflict,
    s.sha256 AS source_sha256,
    s.source_name,
    s.source_format,
    s.page AS source_page,
    s.line AS source_line,
    s.first_seen_at
FROM sources AS s
LEFT JOIN versions AS v ON v.decision_id = s.decision_id
LEFT JOIN ref_districts AS districts ON districts.district_ags = s.district_ags
ORDER BY s.district_ags, s.year, event_order
