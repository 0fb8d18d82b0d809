-- Who has sent what: 26 districts x years (Vollständigkeit).
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, district_name, year, agreement_received, decisions_received, n_quarantined
FROM mart_completeness
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
