-- Per year: of the chosen districts (empty list = all) with an agreement or a decision, how
-- many have their euros per measure type from the agreement, from approved decisions, or from
-- neither (then their money is not split by measure type; named in districts_not_split).
WITH chosen AS (
    SELECT district_ags, district_name, year
    FROM mart_district_year
    WHERE (has_agreement OR has_decisions)
      AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
),
sources AS (
    SELECT DISTINCT district_ags, year, amount_source FROM mart_measure_money
)
SELECT c.year,
       count(*) FILTER (WHERE s.amount_source = 'agreement')::INTEGER AS n_from_agreements,
       count(*) FILTER (WHERE s.amount_source = 'decision')::INTEGER AS n_from_decisions,
       count(*) FILTER (WHERE s.amount_source IS NULL)::INTEGER AS n_not_split,
       string_agg(c.district_name, ', ' ORDER BY c.district_ags)
           FILTER (WHERE s.amount_source IS NULL) AS districts_not_split
FROM chosen AS c
LEFT JOIN sources AS s ON s.district_ags = c.district_ags AND s.year = c.year
GROUP BY c.year
ORDER BY c.year
