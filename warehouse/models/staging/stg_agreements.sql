-- Every agreement version with its version number per district-year: a function of the
-- documents, never of their arrival order (a rebuild from the same inbox in any order gives the
-- same versions). Review decisions in force apply here: a withdrawn document is no version at
-- all, a version a reviewer chose for its district-year (settle) is current, and a corrected
-- field replaces the parsed value (kept in parsed_budget_total_eur / parsed_signed_on;
-- review_note says why).
-- * Same parsed content, one version: documents whose parsed fields are equal (district, year,
--   budget, ministry, signature date, measures, projects, earmarks, other budgets) share a
--   content_fingerprint (view agreement_fingerprints, migration 012, whose
--   decision_current_agreements gives the matcher the same current version); one of them
--   stands for all (the one a reviewer chose or corrected, else the smallest sha256), so a
--   byte-different copy is a duplicate, not a correction, and never takes over the version's
--   provenance.
-- * from_scan: the version was read by OCR from a scanned PDF (issue 16); the dashboard and
--   downloads mark its figures "aus Scan gelesen".
-- * Versions are ordered by the latest signature date (undated first): a corrected agreement
--   supersedes the old one (is_current), which stays as an earlier version. Of versions with the
--   same signature date (or both undated), one still in the inbox (a sighting without
--   last_seen_at) comes after one whose file is gone or was rewritten in place: a file replaced
--   at its path is the newer version, as a rebuild from today's inbox, which no longer holds the
--   old bytes, would have it. Left ties are ordered by content_fingerprint, the documented
--   tie rule: the larger fingerprint is current. has_version_conflict marks such a district-year
--   whose current version was decided by that rule and that no reviewer settled (a warning
--   check, gx_version_conflicts, and a review item).
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
fingerprinted AS (
    SELECT a.*, f.content_fingerprint
    FROM agreements AS a
    JOIN agreement_fingerprints AS f USING (sha256)
    WHERE a.sha256 NOT IN (SELECT sha256 FROM stg_review_decisions WHERE kind = 'withdraw')
),
distinct_contents AS (
    SELECT f.*
    FROM fingerprinted AS f
    LEFT JOIN settled AS s ON s.district_ags = f.district_ags AND s.year = f.year
    QUALIFY row_number() OVER (
        PARTITION BY f.content_fingerprint
        ORDER BY coalesce(s.chosen_sha256 = f.sha256, false) DESC,
            f.sha256 IN (SELECT sha256 FROM corrections) DESC, f.sha256
    ) = 1
),
versions AS (
    SELECT
        a.sha256,
        a.content_fingerprint,
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
        coalesce(a.from_scan, false) AS from_scan,
        r.original_name AS source_name,
        r.first_seen_at,
        r.registration_seq,
        r.is_sample,
        a.sha256 IN (SELECT sha256 FROM raw_document_sightings WHERE last_seen_at IS NULL)
            AS is_present,
        s.chosen_sha256 AS settled_sha256,
        concat_ws('; ', c.review_note, CASE WHEN s.chosen_sha256 = a.sha256 THEN s.review_note END)
            AS review_note,
        row_number() OVER (
            PARTITION BY a.district_ags, a.year
            ORDER BY coalesce(s.chosen_sha256 = a.sha256, false),
                coalesce(CAST(c.signed_on AS DATE), a.signed_on) NULLS FIRST,
                a.sha256 IN (SELECT sha256 FROM raw_document_sightings WHERE last_seen_at IS NULL),
                a.content_fingerprint
        ) AS version,
        count(*) OVER (PARTITION BY a.district_ags, a.year) AS versions
    FROM distinct_contents AS a
    JOIN raw_documents AS r USING (sha256)
    LEFT JOIN corrections AS c USING (sha256)
    LEFT JOIN settled AS s ON s.district_ags = a.district_ags AND s.year = a.year
),
current_ties AS (
    -- district-years whose current version shares its signature date with another version
    SELECT cur.district_ags, cur.year
    FROM versions AS cur
    JOIN versions AS other
        ON other.district_ags = cur.district_ags AND other.year = cur.year
        AND other.sha256 <> cur.sha256 AND other.signed_on IS NOT DISTINCT FROM cur.signed_on
        AND other.is_present = cur.is_present
    WHERE cur.version = cur.versions AND cur.settled_sha256 IS NULL
    GROUP BY ALL
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
    t.district_ags IS NOT NULL AS has_version_conflict,
    v.content_fingerprint,
    v.source_name,
    v.first_seen_at,
    v.is_sample,
    v.budget_page,
    v.budget_line,
    v.district_page,
    v.district_line,
    v.from_scan,
    v.parsed_budget_total_eur,
    v.parsed_signed_on,
    v.settled_sha256,
    nullif(v.review_note, '') AS review_note
FROM versions AS v
LEFT JOIN ref_districts AS d USING (district_ags)
LEFT JOIN current_ties AS t USING (district_ags, year)
ORDER BY v.district_ags, v.year, v.version
