-- Files and rows held back from the warehouse, newest first, with the reason.
SELECT sha256, original_name, row_number, reason, quarantined_at
FROM mart_quarantine
ORDER BY quarantined_at DESC, original_name, row_number NULLS FIRST
