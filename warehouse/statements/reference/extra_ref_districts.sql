-- ? = path of the extra districts CSV (pipelines.reference.EXTRA_DISTRICT_COLUMNS).
INSERT INTO ref_districts BY NAME
SELECT district_ags, official_name, destatis_name, district_type, regierungsbezirk, nuts3, seat,
       seat_confirmed, valid_from, valid_to
FROM read_csv(?, header = true, all_varchar = true, auto_detect = true);
