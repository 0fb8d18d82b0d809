-- Agreed vs approved vs used per district, year and measure type, with the flags (Soll/Ist).
SELECT district_ags, district_name, year, measure_type, agreed_eur, approved_eur, used_eur,
       reclaimed_eur, flag_approved_above_agreed, flag_decision_without_agreement,
       flag_agreement_without_decision, flag_measure_not_in_agreement
FROM mart_reconciliation
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND (?::INTEGER IS NULL OR measure_type = ?::INTEGER)
ORDER BY year, district_ags, measure_type
