-- The check state a published snapshot carries: every failing rule with severity and year
-- (the `aqb ingest` summary reports it, not only the checks of the run that just ended).
SELECT severity, suite, rule, year
FROM mart_check_results
WHERE NOT success
ORDER BY severity, suite, rule, year
