-- Current agreement per district-year (also those without projects), for the matcher.
-- Parameters: years INTEGER[] or NULL (all years), given twice.
SELECT district_ags, year, sha256 AS agreement_sha256
FROM decision_current_agreements
WHERE CAST(? AS INTEGER[]) IS NULL OR list_contains(CAST(? AS INTEGER[]), year)
