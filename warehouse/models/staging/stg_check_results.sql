-- The latest result of every quality check (suite, rule, year): a run partitioned by year only
-- replaces the results of its own year, so the other years keep theirs. ``rule`` is the German
-- rule; ``expectation`` the GX expectation behind it. Results written before migration 007 (no
-- expectation, the technical name in ``rule``) are left out: their rule names never recur, so
-- they would otherwise stay "latest" forever next to the German ones. waiver_status 'waived' /
-- 'expired': a reviewer's waiver covers the failed warning (until waiver_until; who and why).
-- Only rules the suite's latest run still checked: every run writes a row for each rule of a
-- suite it validates, so a rule reworded or removed since then no longer shows its old result.
WITH current_rules AS (
    SELECT DISTINCT suite, rule
    FROM check_results
    WHERE expectation IS NOT NULL
    QUALIFY checked_at = max(checked_at) OVER (PARTITION BY suite)
)
SELECT
    run_id,
    suite,
    rule,
    severity,
    year,
    success,
    unexpected_count,
    detail,
    checked_at,
    expectation,
    waiver_status,
    waiver_until,
    waiver_reason,
    waived_by,
    waiver_id
FROM check_results
SEMI JOIN current_rules USING (suite, rule)
WHERE expectation IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY suite, rule, year ORDER BY checked_at DESC, run_id DESC) = 1
ORDER BY suite, rule, year
