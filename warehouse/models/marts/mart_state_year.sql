-- One row per year: statewide totals of the current agreements, compared with the previous year
-- and with a published statewide figure where one is known (ref_published_figures, scope 'state').
-- change_pct and deviation_from_published_pct in percent (3.25 = +3.25 %).
-- Two changes against the previous year: change_eur compares the raw totals (whatever districts
-- each year holds); lfl_change_eur ("like for like") only districts with an agreement in both
-- years, so a missing agreement never reads as a cut or a rise. districts_missing names the
-- districts without an agreement in the year, districts_not_comparable those left out of the
-- like-for-like change (agreement in only one of the two years).
WITH totals AS (
    SELECT
        year,
        sum(budget_total_eur) AS budget_total_eur,
        count(*) AS n_districts,
        count(*) FILTER (WHERE has_agreement) AS n_districts_with_agreement,
        count(*) FILTER (WHERE has_decisions) AS n_districts_with_decisions,
        sum(n_projects) AS n_projects,
        string_agg(district_name, ', ' ORDER BY district_ags) FILTER (WHERE NOT has_agreement) AS districts_missing
    FROM mart_district_year
    GROUP BY year
),
pairs AS (
    SELECT
        cur.year,
        sum(cur.budget_total_eur) FILTER (WHERE prev.has_agreement AND cur.has_agreement) AS lfl_budget_eur,
        sum(prev.budget_total_eur) FILTER (WHERE prev.has_agreement AND cur.has_agreement) AS lfl_prev_year_budget_eur,
        count(*) FILTER (WHERE prev.has_agreement AND cur.has_agreement) AS n_districts_comparable,
        string_agg(cur.district_name, ', ' ORDER BY cur.district_ags)
            FILTER (WHERE prev.has_agreement <> cur.has_agreement) AS districts_not_comparable
    FROM mart_district_year AS cur
    JOIN mart_district_year AS prev ON prev.district_ags = cur.district_ags AND prev.year = cur.year - 1
    GROUP BY cur.year
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
    coalesce(l.n_districts_comparable, 0)::INTEGER AS n_districts_comparable,
    l.lfl_budget_eur::DECIMAL(14, 2) AS lfl_budget_eur,
    l.lfl_prev_year_budget_eur::DECIMAL(14, 2) AS lfl_prev_year_budget_eur,
    (l.lfl_budget_eur - l.lfl_prev_year_budget_eur)::DECIMAL(14, 2) AS lfl_change_eur,
    round(100 * (l.lfl_budget_eur - l.lfl_prev_year_budget_eur) / nullif(l.lfl_prev_year_budget_eur, 0), 2)::DOUBLE AS lfl_change_pct,
    t.n_districts::INTEGER AS n_districts,
    t.n_districts_with_agreement::INTEGER AS n_districts_with_agreement,
    t.n_districts_with_decisions::INTEGER AS n_districts_with_decisions,
    t.districts_missing,
    l.districts_not_comparable,
    t.n_projects::INTEGER AS n_projects,
    p.amount_eur::DECIMAL(14, 2) AS published_figure_eur,
    p.source AS published_figure_source,
    round(100 * (t.budget_total_eur - p.amount_eur) / nullif(p.amount_eur, 0), 2)::DOUBLE AS deviation_from_published_pct
FROM totals AS t
LEFT JOIN totals AS prev ON prev.year = t.year - 1
LEFT JOIN pairs AS l ON l.year = t.year
LEFT JOIN published AS p ON p.year = t.year
ORDER BY t.year
