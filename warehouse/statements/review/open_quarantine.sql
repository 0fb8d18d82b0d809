-- Quarantined files (not single rejected rows) no reviewer has marked "nicht relevant".
SELECT sha256, original_name, reason, quarantined_at, district_ags, year
FROM mart_quarantine
WHERE row_number IS NULL AND NOT is_dismissed
ORDER BY quarantined_at DESC, original_name
