-- The check rules one run failed (errors and warnings), one row per rule and budget year.
SELECT suite, rule, year, severity, unexpected_count, detail, waiver_status, waiver_until,
       waiver_reason, waived_by
FROM check_results
WHERE run_id = ? AND NOT success
ORDER BY suite, rule, year NULLS LAST
