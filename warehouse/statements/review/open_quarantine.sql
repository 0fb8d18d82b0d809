-- Quarantined files no reviewer has marked "nicht relevant" (rejected_rows > 0: a tabular file
-- whose other rows landed).
SELECT sha256, original_name, reason_de, reason, rejected_rows, quarantined_at, district_ags, year
FROM mart_quarantine
WHERE NOT is_dismissed
ORDER BY quarantined_at DESC, original_name
