-- Latest quality check results by rule and year. All mart columns are read; the table keeps its
-- declared columns (tables.py), the technical rule name ("expectation") only where it exists.
SELECT *
FROM mart_check_results
WHERE (len(?::INTEGER[]) = 0 OR year IS NULL OR list_contains(?::INTEGER[], year))
ORDER BY success, severity, suite, rule, year NULLS FIRST
