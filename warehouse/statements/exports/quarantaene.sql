-- Files held back from the warehouse, newest first: German reason, the technical sentence,
-- rejected rows (a file whose other rows landed). A file a reviewer marked "nicht relevant" stays
-- listed, with who, when and why. Row order: pipelines/exports/tables.py.
SELECT reason_de, reason, original_name, rejected_rows, quarantined_at, reason_code, reason_en, sha256,
       is_dismissed, reviewer, decided_at, review_reason, review_note
FROM mart_quarantine
