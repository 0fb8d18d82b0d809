-- One row per district and year: budget, per capita, change and rank (Kreisvergleich), with the
-- note of a reviewer's correction (review_note). Reads only the table's declared columns
-- (tables.py, the first ``?``) that the mart has.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT COLUMNS(lambda column_name: list_contains(?::VARCHAR[], column_name))
FROM mart_district_year
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
