-- Files held back from the warehouse, newest first: German reason, the technical sentence,
-- rejected rows (a file whose other rows landed). Row order: pipelines/exports/tables.py.
SELECT reason_de, reason, original_name, rejected_rows, quarantined_at, reason_code, reason_en, sha256
FROM mart_quarantine
