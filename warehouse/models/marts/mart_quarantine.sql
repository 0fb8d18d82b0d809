-- Quarantined files, newest first, each with its reason code, German and English reason text,
-- the technical sentence and the number of rejected rows (the rows: mart_rejected_rows);
-- is_dismissed: a reviewer marked the file "nicht relevant" (reviewer, decided_at, review_reason;
-- review_note says the same in one German sentence); reading_hash and held_reading: a scan's
-- reading held for review (pipelines.parse.held), which a reviewer may release.
SELECT
    sha256, original_name, reason_code, reason_de, reason_en, reason, rejected_rows,
    quarantined_at, district_ags, year, is_dismissed, reviewer, decided_at, review_reason,
    review_note, reading_hash, held_reading
FROM stg_quarantine
ORDER BY quarantined_at DESC, original_name
