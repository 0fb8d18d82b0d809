-- Failed warning checks no running waiver covers (expired waivers included: they need a look).
SELECT suite, rule, year, unexpected_count, detail, waiver_status, waiver_until, waiver_reason,
       waived_by
FROM mart_check_results
WHERE severity = 'warning' AND NOT success AND coalesce(waiver_status, '') <> 'waived'
ORDER BY suite, rule, year
