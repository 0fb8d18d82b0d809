-- Reference dates of the population figures behind "€ je Einwohner".
SELECT DISTINCT population_reference_date
FROM mart_district_year
WHERE population_reference_date IS NOT NULL
ORDER BY population_reference_date
