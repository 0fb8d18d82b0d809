-- Quarantined files, newest first, each with its reason code, German and English reason text,
-- the technical sentence and the number of rejected rows (the rows: mart_rejected_rows);
-- is_dismissed: a reviewer marked the file "nicht relevant" (review_note says who and why).
SELECT
    sha256, original_name, reason_code, reason_de, reason_en, reason, rejected_rows,
    quarantined_at, district_ags, year, is_dismissed, review_note
FROM stg_quarantine
ORDER BY quarantined_at DESC, original_name
