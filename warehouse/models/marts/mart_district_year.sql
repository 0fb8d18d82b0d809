-- One row per district x year in the data (years with an agreement or a grant decision).
-- Conventions: amounts DECIMAL(14,2) euro; change_pct in percent (3.25 = +3.25 %);
-- share_of_state a fraction of the statewide total (0.0412 = 4.12 %); ranks 1 = largest budget,
-- NULL without agreement. approved_eur/used_eur: current decision state (stg_decision_state).
-- review_note: the current agreement was corrected or chosen by a reviewer (who, when, why), and
-- the warnings a reviewer waived for this district-year, while the waiver runs ("Warnung
-- ausgenommen bis 31.12.2026 von anna: ..."; revoked or past its end date: no note).
-- from_scan: the current agreement was read by OCR from a scan ("aus Scan gelesen", issue 16).
WITH as_of AS (
    SELECT coalesce(CAST(getvariable('as_of_date') AS DATE), current_date) AS as_of_date
),
years AS (
    SELECT year FROM stg_agreements
    UNION
    SELECT year FROM stg_decision_state
),
current_agreements AS (
    SELECT * FROM stg_agreements WHERE is_current
),
project_counts AS (
    SELECT district_ags, year, count(*) AS n_projects
    FROM stg_agreement_projects
    GROUP BY district_ags, year
),
decision_totals AS (
    SELECT district_ags, year, sum(approved_eur) AS approved_eur, sum(used_eur) AS used_eur
    FROM stg_decision_state
    GROUP BY district_ags, year
),
waiver_notes AS (
    SELECT
        w.district_ags,
        w.year,
        string_agg(
            'Warnung ausgenommen bis ' || strftime(w.valid_until, '%d.%m.%Y') || ' von '
                || w.reviewer || ': ' || w.reason,
            '; ' ORDER BY w.suite
        ) AS waiver_note
    FROM stg_review_decisions AS w
    CROSS JOIN as_of
    WHERE w.kind = 'waive' AND w.district_ags IS NOT NULL AND w.valid_until >= as_of.as_of_date
    GROUP BY w.district_ags, w.year
),
grid AS (
    SELECT
        d.district_ags,
        d.district_name,
        d.district_type,
        d.regierungsbezirk,
        y.year,
        d.population,
        d.population_reference_date,
        a.budget_total_eur,
        prev.budget_total_eur AS prev_year_budget_eur,
        a.version AS agreement_version,
        a.versions AS agreement_versions,
        a.signed_on,
        a.sha256 AS source_sha256,
        a.source_name,
        a.budget_page AS source_page,
        a.budget_line AS source_line,
        nullif(concat_ws('; ', a.review_note, wn.waiver_note), '') AS review_note,
        coalesce(a.from_scan, false) AS from_scan,
        coalesce(pc.n_projects, 0) AS n_projects,
        dt.district_ags IS NOT NULL AS has_decisions,
        dt.approved_eur,
        dt.used_eur
    FROM stg_districts AS d
    CROSS JOIN years AS y
    LEFT JOIN current_agreements AS a ON a.district_ags = d.district_ags AND a.year = y.year
    LEFT JOIN current_agreements AS prev ON prev.district_ags = d.district_ags AND prev.year = y.year - 1
    LEFT JOIN project_counts AS pc ON pc.district_ags = d.district_ags AND pc.year = y.year
    LEFT JOIN decision_totals AS dt ON dt.district_ags = d.district_ags AND dt.year = y.year
    LEFT JOIN waiver_notes AS wn ON wn.district_ags = d.district_ags AND wn.year = y.year
)
SELECT
    district_ags,
    district_name,
    district_type,
    regierungsbezirk,
    year,
    budget_total_eur IS NOT NULL AS has_agreement,
    budget_total_eur::DECIMAL(14, 2) AS budget_total_eur,
    population,
    population_reference_date,
    round(budget_total_eur / nullif(population, 0), 2)::DECIMAL(14, 2) AS eur_per_inhabitant,
    prev_year_budget_eur::DECIMAL(14, 2) AS prev_year_budget_eur,
    (budget_total_eur - prev_year_budget_eur)::DECIMAL(14, 2) AS change_eur,
    round(100 * (budget_total_eur - prev_year_budget_eur) / nullif(prev_year_budget_eur, 0), 2)::DOUBLE AS change_pct,
    CASE WHEN budget_total_eur IS NOT NULL THEN
        rank() OVER (PARTITION BY year, budget_total_eur IS NULL ORDER BY budget_total_eur DESC)
    END::INTEGER AS rank_in_state,
    CASE WHEN budget_total_eur IS NOT NULL THEN
        rank() OVER (PARTITION BY year, district_type, budget_total_eur IS NULL ORDER BY budget_total_eur DESC)
    END::INTEGER AS rank_in_peer_group,
    round(budget_total_eur / nullif(sum(budget_total_eur) OVER (PARTITION BY year), 0), 6)::DOUBLE AS share_of_state,
    n_projects::INTEGER AS n_projects,
    has_decisions,
    approved_eur::DECIMAL(14, 2) AS approved_eur,
    used_eur::DECIMAL(14, 2) AS used_eur,
    agreement_version,
    agreement_versions,
    signed_on,
    source_sha256,
    source_name,
    source_page,
    source_line,
    review_note,
    from_scan
FROM grid
ORDER BY year, district_ags
