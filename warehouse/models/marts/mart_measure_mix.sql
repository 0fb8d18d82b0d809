-- District x year x measure type, four rows per current agreement. measure_name is the short
-- German name; share_of_projects is a fraction of the agreement's projects (NULL without any);
-- approved_eur comes from the current decision state (NULL without decisions for that type).
SELECT
    m.district_ags,
    m.district_name,
    m.year,
    m.measure_type,
    m.measure_name,
    m.n_projects,
    m.amount_eur::DECIMAL(14, 2) AS agreed_amount_eur,
    s.approved_eur::DECIMAL(14, 2) AS approved_eur,
    round(m.n_projects / nullif(sum(m.n_projects) OVER (PARTITION BY m.district_ags, m.year), 0), 6)::DOUBLE AS share_of_projects,
    m.listed,
    m.sha256 AS source_sha256,
    m.source_name,
    m.page AS source_page,
    m.line AS source_line
FROM stg_agreement_measures AS m
LEFT JOIN (
    SELECT district_ags, year, measure_type, sum(approved_eur) AS approved_eur
    FROM stg_decision_state
    GROUP BY district_ags, year, measure_type
) AS s ON s.district_ags = m.district_ags AND s.year = m.year AND s.measure_type = m.measure_type
ORDER BY m.year, m.district_ags, m.measure_type
