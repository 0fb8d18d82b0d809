-- The latest result of every quality check rule per year (NULL year: all years); ``rule`` is the
-- German rule ("Technische Regel" = ``expectation``).
SELECT suite, rule, severity, year, success, unexpected_count, detail, checked_at, run_id, expectation
FROM stg_check_results
ORDER BY success, severity, suite, rule, year
