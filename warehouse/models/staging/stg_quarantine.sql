-- Quarantined files, one entry each: the whole file, or the count of its rejected rows.
SELECT
    sha256,
    original_name,
    reason,
    coalesce(reason_code, 'unclassified') AS reason_code,
    coalesce(reason_de, 'Sonstiger Grund') AS reason_de,
    coalesce(reason_en, 'Other reason') AS reason_en,
    coalesce(rejected_rows, 0) AS rejected_rows,
    quarantined_at,
    district_ags,
    year
FROM quarantine
ORDER BY quarantined_at, original_name
