-- ? = path of the extra districts CSV (pipelines.reference.EXTRA_DISTRICT_COLUMNS).
INSERT INTO ref_district_population BY NAME
SELECT district_ags, population, reference_date, 'extra districts file' AS source
FROM read_csv(?, header = true, all_varchar = true, auto_detect = true);
