-- Statewide totals per year (Überblick): raw totals and the like-for-like change beside them.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT year, budget_total_eur, n_districts_with_agreement, n_districts,
       lfl_change_eur, lfl_change_pct, n_districts_comparable,
       lfl_prev_year_budget_eur, lfl_budget_eur,
       prev_year_budget_eur, change_eur, change_pct,
       districts_missing, districts_not_comparable,
       n_districts_with_decisions, n_projects,
       published_figure_eur, published_figure_source, deviation_from_published_pct
FROM mart_state_year
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
