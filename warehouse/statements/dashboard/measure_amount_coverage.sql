-- How much of a year's budget the agreements split by measure type: agreements that state at
-- least one per-measure amount, and the sum of those amounts beside the state total.
WITH per_agreement AS (
    SELECT district_ags,
           count(agreed_amount_eur) > 0 AS states_amounts,
           sum(agreed_amount_eur) AS agreed_amount_eur
    FROM mart_measure_mix
    WHERE year = ?
    GROUP BY district_ags
)
SELECT (SELECT count(*) FROM mart_district_year WHERE year = ? AND has_agreement)::INTEGER AS n_agreements,
       count(*) FILTER (WHERE states_amounts)::INTEGER AS n_with_amounts,
       coalesce(sum(agreed_amount_eur), 0) AS agreed_amount_eur,
       (SELECT sum(budget_total_eur) FROM mart_district_year WHERE year = ? AND has_agreement) AS budget_total_eur
FROM per_agreement
