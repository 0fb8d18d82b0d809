-- Euros per measure type, district and year, with the source of each amount.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, district_name, year, measure_type, measure_name,
       measure_amount_eur, share_of_district_year, amount_source,
       source_name, source_page, source_line, source_sha256
FROM mart_measure_money
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND (?::INTEGER IS NULL OR measure_type = ?::INTEGER)
