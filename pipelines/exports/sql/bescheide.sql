-- Every grant decision event with its source document.
SELECT decision_id, decision_type, decision_date, district_ags, year, total_eur, used_total_eur,
       reclaimed_total_eur, refers_to, source_name, source_format, source_sha256,
       has_source_conflict
FROM mart_decisions
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
ORDER BY year, district_ags, decision_date, decision_id
