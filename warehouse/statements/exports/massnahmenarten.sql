-- Measure-type mix: district x year x measure type with counts and money (Maßnahmenarten).
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, district_name, year, measure_type, measure_name, n_projects,
       agreed_amount_eur, approved_eur, share_of_projects
FROM mart_measure_mix
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND (?::INTEGER IS NULL OR measure_type = ?::INTEGER)
