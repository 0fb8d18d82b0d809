-- Is the chosen document a version of this district-year's agreement?
-- Parameters: district_ags, year, sha256.
SELECT 1 FROM mart_agreement_versions WHERE district_ags = ? AND year = ? AND source_sha256 = ?
