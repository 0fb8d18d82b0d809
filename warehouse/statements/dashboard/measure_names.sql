-- Short German name of each measure type as the marts carry it.
SELECT measure_type, any_value(measure_name) AS measure_name
FROM mart_measure_mix
GROUP BY measure_type
ORDER BY measure_type
