-- The districts of the published data with their peer group.
SELECT DISTINCT district_ags, district_name, district_type, regierungsbezirk
FROM mart_district_year
ORDER BY district_ags
