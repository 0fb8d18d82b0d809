-- Every agreement version with its version number per district-year. Versions are ordered by the
-- latest signature date, then when the document was first seen, then registration order: a
-- corrected agreement supersedes the old one (is_current), which stays as an earlier version.
WITH versions AS (
    SELECT
        a.sha256,
        a.district_ags,
        a.year,
        a.budget_total_eur,
        a.ministry,
        a.ministry_short,
        a.signed_on,
        a.budget_page,
        a.budget_line,
        a.district_page,
        a.district_line,
        r.original_name AS source_name,
        r.first_seen_at,
        r.registration_seq,
        r.is_sample,
        row_number() OVER (
            PARTITION BY a.district_ags, a.year
            ORDER BY a.signed_on NULLS FIRST, r.first_seen_at, r.registration_seq, a.sha256
        ) AS version,
        count(*) OVER (PARTITION BY a.district_ags, a.year) AS versions
    FROM agreements AS a
    JOIN raw_documents AS r USING (sha256)
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
    v.district_line
FROM versions AS v
LEFT JOIN ref_districts AS d USING (district_ags)
ORDER BY v.district_ags, v.year, v.version
