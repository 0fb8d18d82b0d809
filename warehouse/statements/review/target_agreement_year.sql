-- The current agreement of one district-year in the snapshot (target of settle).
SELECT district_ags, year, source_sha256 AS current_sha256, source_name, signed_on, versions
FROM mart_agreement_versions
WHERE district_ags = ? AND year = ? AND is_current
