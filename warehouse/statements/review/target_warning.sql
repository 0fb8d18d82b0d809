-- A warning check result of one suite and year in the snapshot (target of a waiver).
SELECT suite, rule, year, success, unexpected_count, detail, waiver_status
FROM mart_check_results
WHERE severity = 'warning' AND suite = ? AND year = ?
ORDER BY success, rule
