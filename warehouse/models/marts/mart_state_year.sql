-- One row per year: statewide totals of the current agreements, compared with the previous year
-- and with a published statewide figure where one is known (ref_published_figures, scope 'state').
-- change_pct and deviation_from_published_pct in percent (3.25 = +3.25 %).
WITH totals AS (
    SELECT
        year,
        sum(budget_total_eur) AS budget_total_eur,
        count(*) FILTER (WHERE has_agreement) AS n_districts_with_agreement,
        count(*) FILTER (WHERE has_decisions) AS n_districts_with_decisions,
        sum(n_projects) AS n_projects
    FROM mart_district_year
    GROUP BY year
),
published AS (
    SELECT year, amount_eur, source
    FROM ref_published_figures
    WHERE scope = 'state'
    QUALIFY row_number() OVER (PARTITION BY year ORDER BY confirmed DESC, source) = 1
)
SELECT
    t.year,
    t.budget_total_eur::DECIMAL(14, 2) AS budget_total_eur,
    prev.budget_total_eur::DECIMAL(14, 2) AS prev_year_budget_eur,
    (t.budget_total_eur - prev.budget_total_eur)::DECIMAL(14, 2) AS change_eur,
    round(100 * (t.budget_total_eur - prev.budget_total_eur) / nullif(prev.budget_total_eur, 0), 2)::DOUBLE AS change_pct,
    t.n_districts_with_agreement::INTEGER AS n_districts_with_agreement,
    t.n_districts_with_decisions::INTEGER AS n_districts_with_decisions,
    t.n_projects::INTEGER AS n_projects,
    p.amount_eur::DECIMAL(14, 2) AS published_figure_eur,
    p.source AS published_figure_source,
    round(100 * (t.budget_total_eur - p.amount_eur) / nullif(p.amount_eur, 0), 2)::DOUBLE AS deviation_from_published_pct
FROM totals AS t
LEFT JOIN totals AS prev ON prev.year = t.year - 1
LEFT JOIN published AS p ON p.year = t.year
ORDER BY t.year
