-- Agreements a run superseded: versions after the first whose file arrived at or after the
-- run's start (naive UTC), with the budget of the version before (the `aqb ingest` summary).
SELECT district_ags, district_name, year, version, prev_version_budget_eur, budget_total_eur,
       source_name
FROM mart_agreement_versions
WHERE version > 1 AND first_seen_at >= ?::TIMESTAMP
ORDER BY district_ags, year, version
