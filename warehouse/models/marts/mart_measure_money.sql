-- Euros per measure type, district x year x measure type: from the current agreement where it
-- names per-measure amounts (amount_source 'agreement'), otherwise from the approved amounts of
-- the current grant decisions (amount_source 'decision'). A district-year with neither has no
-- rows (its money is not split by measure type). share_of_district_year is the type's share of
-- the euros of that district-year, a fraction (0.25 = 25 %); source_* name the agreement, or the
-- latest decision behind the approved amounts.
WITH agreed AS (
    SELECT
        district_ags, district_name, year, measure_type, measure_name,
        amount_eur, sha256 AS source_sha256, source_name, page AS source_page, line AS source_line,
        count(amount_eur) OVER (PARTITION BY district_ags, year) > 0 AS names_amounts
    FROM stg_agreement_measures
),
from_agreements AS (
    SELECT district_ags, district_name, year, measure_type, measure_name,
           amount_eur, 'agreement' AS amount_source,
           source_sha256, source_name, source_page, source_line
    FROM agreed
    WHERE names_amounts AND amount_eur IS NOT NULL
),
from_decisions AS (
    SELECT s.district_ags, s.district_name, s.year, s.measure_type, t.short_name_de AS measure_name,
           sum(s.approved_eur) AS amount_eur, 'decision' AS amount_source,
           any_value(s.source_sha256) AS source_sha256, any_value(s.source_name) AS source_name,
           NULL::INTEGER AS source_page, NULL::INTEGER AS source_line
    FROM stg_decision_state AS s
    JOIN ref_measure_types AS t ON t.measure_type = s.measure_type
    WHERE NOT EXISTS (
        SELECT 1 FROM from_agreements AS a
        WHERE a.district_ags = s.district_ags AND a.year = s.year
    )
    GROUP BY s.district_ags, s.district_name, s.year, s.measure_type, t.short_name_de
),
money AS (
    SELECT * FROM from_agreements
    UNION ALL
    SELECT * FROM from_decisions
)
SELECT
    district_ags,
    district_name,
    year,
    measure_type::INTEGER AS measure_type,
    measure_name,
    amount_eur::DECIMAL(14, 2) AS measure_amount_eur,
    amount_source,
    round(amount_eur / nullif(sum(amount_eur) OVER (PARTITION BY district_ags, year), 0), 6)::DOUBLE AS share_of_district_year,
    source_sha256,
    source_name,
    source_page::INTEGER AS source_page,
    source_line::INTEGER AS source_line
FROM money
ORDER BY year, district_ags, measure_type
