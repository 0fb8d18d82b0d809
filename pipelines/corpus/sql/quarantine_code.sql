-- The whole-file quarantine reason code of one document (rejected rows of an export excluded).
SELECT reason_code
FROM quarantine
WHERE sha256 = ? AND coalesce(reason_code, '') <> 'rejected_rows'
ORDER BY quarantined_at DESC
LIMIT 1
