-- The check rules one run failed (errors and warnings), one row per rule and budget year.
SELECT suite, rule, year, severity, unexpected_count, detail
FROM check_results
WHERE run_id = ? AND NOT success
ORDER BY suite, rule, year NULLS LAST
