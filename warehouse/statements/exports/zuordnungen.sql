-- Decision lines with the agreement project they are linked to, automatic or by a reviewer
-- (review_status "manuell bestätigt" / "manuell zugeordnet" / "manuell abgelehnt", review_note).
-- Reads only the table's declared columns (tables.py, the first ``?``) that the mart has.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT COLUMNS(lambda column_name: list_contains(?::VARCHAR[], column_name))
FROM (SELECT *, status AS match_status FROM mart_project_matches)
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
