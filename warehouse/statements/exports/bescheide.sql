-- Every grant decision event with its source document. Reads only the table's declared columns
-- (tables.py, the first ``?``) that the mart has, so a snapshot without a newer optional column
-- (has_source_conflict, source_page) still exports.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT COLUMNS(lambda column_name: list_contains(?::VARCHAR[], column_name))
FROM mart_decisions
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
