-- Every grant decision once (one row per file number), with the source it is read from. The
-- same decision may arrive as a letter and in the funding system's export: the letter (the
-- legal document) wins, then the earliest upload. event_order numbers the events of a
-- district-year in the order they apply (decision date, then file number). When the copies of
-- one file number disagree (type, date, district, year or amounts), has_source_conflict says so:
-- the letter is still used, but the conflict must be visible, not silently resolved.
-- Review decisions in force apply first: copies from a withdrawn document are dropped, a
-- corrected field replaces the parsed value, and a source a reviewer chose (settle) wins over
-- the letter rule (conflict_settled; review_note says who chose it and why).
-- from_scan: the copy used was read by OCR from a scanned letter ("aus Scan gelesen", issue 16).
WITH corrections AS (
    SELECT
        sha256,
        decision_id,
        max(new_value) FILTER (WHERE field = 'total_eur') AS total_eur,
        max(new_value) FILTER (WHERE field = 'used_total_eur') AS used_total_eur,
        max(new_value) FILTER (WHERE field = 'reclaimed_total_eur') AS reclaimed_total_eur,
        max(new_value) FILTER (WHERE field = 'decision_date') AS decision_date,
        string_agg(review_note, '; ' ORDER BY field) AS review_note
    FROM stg_review_decisions
    WHERE kind = 'correct' AND decision_id IS NOT NULL
    GROUP BY sha256, decision_id
),
reviewed AS (
    SELECT
        d.decision_id,
        d.sha256,
        d.decision_type,
        coalesce(CAST(c.decision_date AS DATE), d.decision_date) AS decision_date,
        d.district_ags,
        d.year,
        coalesce(CAST(c.total_eur AS DECIMAL(14, 2)), d.total_eur) AS total_eur,
        d.refers_to,
        coalesce(CAST(c.used_total_eur AS DECIMAL(14, 2)), d.used_total_eur) AS used_total_eur,
        coalesce(CAST(c.reclaimed_total_eur AS DECIMAL(14, 2)), d.reclaimed_total_eur)
            AS reclaimed_total_eur,
        d.source_format,
        d.page,
        d.line,
        coalesce(d.from_scan, false) AS from_scan,
        c.review_note AS correction_note
    FROM decisions AS d
    LEFT JOIN corrections AS c ON c.sha256 = d.sha256 AND c.decision_id = d.decision_id
    WHERE d.sha256 NOT IN (SELECT sha256 FROM stg_review_decisions WHERE kind = 'withdraw')
),
settled AS (
    SELECT decision_id, chosen_sha256, review_note
    FROM stg_review_decisions
    WHERE kind = 'settle' AND decision_id IS NOT NULL
),
versions AS (
    SELECT decision_id, count(*) AS n_versions
    FROM (
        SELECT DISTINCT decision_id, decision_type, decision_date, district_ags, year, total_eur,
               used_total_eur, reclaimed_total_eur
        FROM reviewed
    )
    GROUP BY decision_id
),
sources AS (
    SELECT
        d.*,
        r.original_name AS source_name,
        r.first_seen_at,
        count(*) OVER (PARTITION BY d.decision_id) AS n_sources,
        st.chosen_sha256 = d.sha256 AS is_settled_choice,
        st.review_note AS settle_note
    FROM reviewed AS d
    LEFT JOIN raw_documents AS r ON r.sha256 = d.sha256
    LEFT JOIN settled AS st ON st.decision_id = d.decision_id
    QUALIFY row_number() OVER (
        PARTITION BY d.decision_id
        ORDER BY coalesce(st.chosen_sha256 = d.sha256, false) DESC,
                 (d.source_format = 'letter') DESC, r.first_seen_at NULLS LAST,
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
    s.from_scan,
    s.first_seen_at,
    coalesce(s.is_settled_choice, false) AS conflict_settled,
    nullif(concat_ws('; ', s.correction_note, CASE WHEN s.is_settled_choice THEN s.settle_note END), '')
        AS review_note
FROM sources AS s
LEFT JOIN versions AS v ON v.decision_id = s.decision_id
LEFT JOIN ref_districts AS districts ON districts.district_ags = s.district_ags
ORDER BY s.district_ags, s.year, event_order
