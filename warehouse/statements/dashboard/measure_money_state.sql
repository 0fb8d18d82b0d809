-- Euros per measure type and year over the chosen districts (empty list = all), with the type's
-- share of the year's euros (a fraction, by euros, not by projects) and the part of the amount
-- taken from agreements and from approved decisions (mart_measure_money.amount_source).
WITH per_type AS (
    SELECT year, measure_type, any_value(measure_name) AS measure_name,
           sum(measure_amount_eur) AS measure_amount_eur,
           sum(measure_amount_eur) FILTER (WHERE amount_source = 'agreement') AS from_agreements_eur,
           sum(measure_amount_eur) FILTER (WHERE amount_source = 'decision') AS from_decisions_eur
    FROM mart_measure_money
    WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags)
    GROUP BY year, measure_type
)
SELECT year, measure_type, measure_name,
       measure_amount_eur::DECIMAL(14, 2) AS measure_amount_eur,
       round(measure_amount_eur / nullif(sum(measure_amount_eur) OVER (PARTITION BY year), 0), 6)::DOUBLE AS share_of_year,
       coalesce(from_agreements_eur, 0)::DECIMAL(14, 2) AS from_agreements_eur,
       coalesce(from_decisions_eur, 0)::DECIMAL(14, 2) AS from_decisions_eur
FROM per_type
ORDER BY year, measure_type
