-- Files (and rows of tabular files) quarantined at or after a moment: what one run quarantined.
SELECT original_name, row_number, reason
FROM quarantine
WHERE quarantined_at >= ?
ORDER BY original_name, row_number NULLS FIRST
