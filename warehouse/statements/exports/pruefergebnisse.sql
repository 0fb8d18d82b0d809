-- Latest quality check results by rule and year. Reads only the table's declared columns
-- (tables.py, the first ``?``) that the mart has: the technical rule name ("expectation") only
-- where it exists.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT COLUMNS(lambda column_name: list_contains(?::VARCHAR[], column_name))
FROM mart_check_results
WHERE (len(?::INTEGER[]) = 0 OR year IS NULL OR list_contains(?::INTEGER[], year))
