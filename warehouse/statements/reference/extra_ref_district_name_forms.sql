-- ? = path of the extra districts CSV; its name_forms column holds every form, separated by "|".
INSERT INTO ref_district_name_forms BY NAME
SELECT district_ags, name_form, NULL AS grammatical_case
FROM (
    SELECT district_ags, unnest(string_split(name_forms, '|')) AS name_form
    FROM read_csv(?, header = true, all_varchar = true, auto_detect = true)
)
WHERE name_form <> '';
