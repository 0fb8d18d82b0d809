-- Years present in the published data, newest last.
SELECT DISTINCT year FROM mart_district_year ORDER BY year
