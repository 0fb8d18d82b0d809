-- Long form of the four comparison metrics; the export pivots years into columns.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, district_name, year, budget_total_eur, population, eur_per_inhabitant,
       share_of_state, n_projects
FROM mart_district_year
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
