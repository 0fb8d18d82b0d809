-- Quarantined files, one entry each: the whole file, or the count of its rejected rows. A file
-- a reviewer marked "nicht relevant" (dismiss) stays, with is_dismissed and the reviewer's note,
-- and leaves the open quarantine list; reviewer, decided_at and review_reason say who, when, why.
-- reading_hash, held_reading: a scan read unsure holds its reading for a reviewer to release
-- (pipelines.parse.held); once released, the next ingest stores it and the entry is gone.
SELECT
    q.sha256,
    q.original_name,
    q.reason,
    coalesce(q.reason_code, 'unclassified') AS reason_code,
    coalesce(q.reason_de, 'Sonstiger Grund') AS reason_de,
    coalesce(q.reason_en, 'Other reason') AS reason_en,
    coalesce(q.rejected_rows, 0) AS rejected_rows,
    q.quarantined_at,
    q.district_ags,
    q.year,
    v.review_id IS NOT NULL AS is_dismissed,
    v.reviewer,
    v.decided_at,
    v.reason AS review_reason,
    v.review_note,
    q.reading_hash,
    q.held_reading
FROM quarantine AS q
LEFT JOIN stg_review_decisions AS v ON v.kind = 'dismiss' AND v.sha256 = q.sha256
ORDER BY q.quarantined_at, q.original_name
