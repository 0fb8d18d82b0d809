-- The latest result of every quality check rule per year (NULL year: all years).
SELECT suite, rule, severity, year, success, unexpected_count, detail, checked_at, run_id
FROM stg_check_results
ORDER BY success, severity, suite, rule, year
