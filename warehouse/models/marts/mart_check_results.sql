-- The latest result of every quality check rule per year (NULL year: all years); ``rule`` is the
-- German rule ("Technische Regel" = ``expectation``); waiver_*: a reviewer excepted a failed
-- warning ('waived' until waiver_until, or 'expired').
SELECT suite, rule, severity, year, success, unexpected_count, detail, checked_at, run_id, expectation,
       waiver_status, waiver_until, waiver_reason, waived_by, waiver_id
FROM stg_check_results
ORDER BY success, severity, suite, rule, year
