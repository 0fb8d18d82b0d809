-- Latest quality check results by rule and year.
SELECT suite, rule, severity, year, success, unexpected_count, detail, checked_at
FROM mart_check_results
WHERE (len(?::INTEGER[]) = 0 OR year IS NULL OR list_contains(?::INTEGER[], year))
ORDER BY success, severity, suite, rule, year NULLS FIRST
