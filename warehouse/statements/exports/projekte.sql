-- Every project of the current agreements with the document it comes from.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, district_name, year, measure_type, position, project_name, amount_eur,
       continuity, source_name, source_page, source_line, source_sha256
FROM mart_projects
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND (?::INTEGER IS NULL OR measure_type = ?::INTEGER)
