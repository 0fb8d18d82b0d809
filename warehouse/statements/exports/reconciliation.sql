-- Agreed vs approved vs used per district, year and measure type, with the flags (Soll/Ist).
-- Reads only the table's declared columns (tables.py, the first ``?``) that the mart has, so the
-- district-year agreed total (agreed_total_eur) is shown where the snapshot has it, and the mart's
-- other columns (hashes, file names) are never fetched.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT COLUMNS(lambda column_name: list_contains(?::VARCHAR[], column_name))
FROM mart_reconciliation
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND (?::INTEGER IS NULL OR measure_type = ?::INTEGER)
