-- One row per district and year: budget, per capita, change and rank (Kreisvergleich).
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, district_name, district_type, regierungsbezirk, year, has_agreement,
       budget_total_eur, population, population_reference_date, eur_per_inhabitant,
       prev_year_budget_eur, change_eur, change_pct, rank_in_state, rank_in_peer_group,
       share_of_state, n_projects, has_decisions, approved_eur, signed_on,
       source_name, source_page, source_line, source_sha256
FROM mart_district_year
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
