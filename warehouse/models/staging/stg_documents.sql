-- Every registered document with the outcome of its latest parse (NULL status: not parsed yet).
-- review_status: 'zurückgezogen' (withdrawn: archived, out of the marts) or 'nicht relevant'
-- (a quarantined file a reviewer dismissed) or 'Scan-Lesung freigegeben' (a scan's held reading
-- a reviewer released: pipelines.parse.held), with the reviewer's note.
WITH reviewed AS (
    SELECT sha256, string_agg(review_label, ', ' ORDER BY kind DESC) AS review_status,
           string_agg(review_note, '; ' ORDER BY kind DESC) AS review_note
    FROM stg_review_decisions
    WHERE kind IN ('withdraw', 'dismiss', 'release')
    GROUP BY sha256
)
SELECT
    r.sha256,
    r.original_name,
    r.size_bytes,
    r.media_type,
    r.first_seen_at,
    r.archive_path,
    p.document_type,
    p.status,
    p.reason,
    p.parser_version,
    p.read_by,
    p.parsed_at,
    r.is_sample,
    v.review_status,
    v.review_note
FROM raw_documents AS r
LEFT JOIN parse_results AS p USING (sha256)
LEFT JOIN reviewed AS v USING (sha256)
ORDER BY r.registration_seq
