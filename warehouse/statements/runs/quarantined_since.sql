-- Files quarantined at or after a moment (one entry each, rejected rows counted): what one run
-- quarantined.
SELECT original_name, reason_code, reason_de, reason, rejected_rows
FROM quarantine
WHERE quarantined_at >= ?
ORDER BY original_name
