-- Districts over the years beside the state average (Zeitreihen). The state average counts
-- only districts with an agreement, so a missing agreement does not pull the average down.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
WITH state AS (
    SELECT year,
           avg(budget_total_eur) FILTER (WHERE has_agreement) AS state_avg_budget_eur,
           sum(budget_total_eur) FILTER (WHERE has_agreement)
             / nullif(sum(population) FILTER (WHERE has_agreement), 0) AS state_eur_per_inhabitant
    FROM mart_district_year
    GROUP BY year
)
SELECT d.district_ags, d.district_name, d.year, d.budget_total_eur, d.eur_per_inhabitant,
       round(s.state_avg_budget_eur, 2) AS state_avg_budget_eur,
       round(s.state_eur_per_inhabitant, 2) AS state_eur_per_inhabitant
FROM mart_district_year AS d
JOIN state AS s USING (year)
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], d.year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], d.district_ags))
