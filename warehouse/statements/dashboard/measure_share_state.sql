-- Statewide mix of measure types in one year: projects and money.
SELECT measure_type, any_value(measure_name) AS measure_name,
       sum(n_projects)::INTEGER AS n_projects,
       sum(agreed_amount_eur) AS agreed_amount_eur,
       sum(approved_eur) AS approved_eur,
       sum(n_projects) / nullif(sum(sum(n_projects)) OVER (), 0) AS share_of_projects
FROM mart_measure_mix
WHERE year = ?
GROUP BY measure_type
ORDER BY measure_type
