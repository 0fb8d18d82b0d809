-- The latest result of every quality check (suite, rule, year): a run partitioned by year only
-- replaces the results of its own year, so the other years keep theirs.
SELECT
    run_id,
    suite,
    rule,
    severity,
    year,
    success,
    unexpected_count,
    detail,
    checked_at
FROM check_results
QUALIFY row_number() OVER (PARTITION BY suite, rule, year ORDER BY checked_at DESC, run_id DESC) = 1
ORDER BY suite, rule, year
