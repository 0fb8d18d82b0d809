-- Every agreement version with its version number per district-year. Versions are ordered by the
-- latest signature date, then when the document was first seen, then registration order: a
-- corrected agreement supersedes the old one (is_current), which stays as an earlier version.
-- Review decisions in force apply here: a withdrawn document is no version at all, a version a
-- reviewer chose for its district-year (settle) is current, and a corrected field replaces the
-- parsed value (kept in parsed_budget_total_eur / parsed_signed_on; review_note says why).
WITH corrections AS (
    SELECT
        sha256,
        max(new_value) FILTER (WHERE field = 'budget_total_eur') AS budget_total_eur,
        max(new_value) FILTER (WHERE field = 'signed_on') AS signed_on,
        string_agg(review_note, '; ' ORDER BY field) AS review_note
    FROM stg_review_decisions
    WHERE kind = 'correct' AND decision_id IS NULL
    GROUP BY sha256
),
settled AS (
    SELECT district_ags, year, chosen_sha256, review_note
    FROM stg_review_decisions
    WHERE kind = 'settle' AND decision_id IS NULL
),
versions AS (
    SELECT
        a.sha256,
        a.district_ags,
        a.year,
        coalesce(CAST(c.budget_total_eur AS DECIMAL(14, 2)), a.budget_total_eur) AS budget_total_eur,
        a.budget_total_eur AS parsed_budget_total_eur,
        a.ministry,
        a.ministry_short,
        coalesce(CAST(c.signed_on AS DATE), a.signed_on) AS signed_on,
        a.signed_on AS parsed_signed_on,
        a.budget_page,
        a.budget_line,
        a.district_page,
        a.district_line,
        r.original_name AS source_name,
        r.first_seen_at,
        r.registration_seq,
        r.is_sample,
        s.chosen_sha256 AS settled_sha256,
        concat_ws('; ', c.review_note, CASE WHEN s.chosen_sha256 = a.sha256 THEN s.review_note END)
            AS review_note,
        row_number() OVER (
            PARTITION BY a.district_ags, a.year
            ORDER BY coalesce(s.chosen_sha256 = a.sha256, false),
                coalesce(CAST(c.signed_on AS DATE), a.signed_on) NULLS FIRST, r.first_seen_at,
                r.registration_seq, a.sha256
        ) AS version,
        count(*) OVER (PARTITION BY a.district_ags, a.year) AS versions
    FROM agreements AS a
    JOIN raw_documents AS r USING (sha256)
    LEFT JOIN corrections AS c USING (sha256)
    LEFT JOIN settled AS s ON s.district_ags = a.district_ags AND s.year = a.year
    WHERE a.sha256 NOT IN (SELECT sha256 FROM stg_review_decisions WHERE kind = 'withdraw')
)
SELECT
    v.sha256,
    v.district_ags,
    d.official_name AS district_name,
    v.year,
    v.budget_total_eur,
    v.ministry,
    v.ministry_short,
    v.signed_on,
    v.version::INTEGER AS version,
    v.versions::INTEGER AS versions,
    v.version = v.versions AS is_current,
    v.source_name,
    v.first_seen_at,
    v.is_sample,
    v.budget_page,
    v.budget_line,
    v.district_page,
    v.district_line,
    v.parsed_budget_total_eur,
    v.parsed_signed_on,
    v.settled_sha256,
    nullif(v.review_note, '') AS review_note
FROM versions AS v
LEFT JOIN ref_districts AS d USING (district_ags)
ORDER BY v.district_ags, v.year, v.version
