-- Agreed vs approved vs used per district, year and measure type, with the flags (Soll/Ist).
-- All mart columns are read; the table keeps its declared columns (tables.py), so the
-- district-year agreed total (agreed_total_eur) is shown where the snapshot has it.
SELECT *
FROM mart_reconciliation
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND (?::INTEGER IS NULL OR measure_type = ?::INTEGER)
ORDER BY year, district_ags, measure_type
