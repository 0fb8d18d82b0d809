-- Quarantined files (row_number NULL) and rejected rows of tabular files, with their reasons.
SELECT
    sha256,
    original_name,
    row_number,
    reason,
    quarantined_at,
    district_ags,
    year
FROM quarantine
ORDER BY quarantined_at, original_name, row_number NULLS FIRST
