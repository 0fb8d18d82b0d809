-- Every district in the reference data with its latest population figure and reference date.
SELECT
    d.district_ags,
    d.official_name AS district_name,
    d.destatis_name,
    d.district_type,
    d.regierungsbezirk,
    d.nuts3,
    d.seat,
    d.valid_from,
    d.valid_to,
    p.population,
    p.reference_date AS population_reference_date,
    p.source AS population_source
FROM ref_districts AS d
LEFT JOIN (
    SELECT district_ags, population, reference_date, source
    FROM ref_district_population
    QUALIFY row_number() OVER (PARTITION BY district_ags ORDER BY reference_date DESC) = 1
) AS p USING (district_ags)
ORDER BY d.district_ags
