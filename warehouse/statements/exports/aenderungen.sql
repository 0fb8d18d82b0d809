-- Projects added, continued and ended against the previous year.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, year, measure_type, project_name, change
FROM mart_project_changes
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
