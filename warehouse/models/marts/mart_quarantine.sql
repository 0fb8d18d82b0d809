-- Quarantined files (row_number NULL) and rejected rows, newest first, each with its reason.
SELECT sha256, original_name, row_number, reason, quarantined_at, district_ags, year
FROM stg_quarantine
ORDER BY quarantined_at DESC, original_name, row_number NULLS FIRST
