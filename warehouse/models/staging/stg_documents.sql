-- Every registered document with the outcome of its latest parse (NULL status: not parsed yet).
-- review_status: 'zurückgezogen' (withdrawn: archived, out of the marts) or 'nicht relevant'
-- (a quarantined file a reviewer dismissed) or 'Scan-Lesung freigegeben' (a scan's held reading
-- a reviewer released: pipelines.parse.held), with the reviewer's note; a scan whose names
-- documents of its district confirmed (pipelines.parse.confirm) says which in that note, and
-- which names it took as they spell them (read otherwise: names_corrected).
WITH reviewed AS (
    SELECT sha256, string_agg(review_label, ', ' ORDER BY kind DESC) AS review_status,
           string_agg(review_note, '; ' ORDER BY kind DESC) AS review_note
    FROM stg_review_decisions
    WHERE kind IN ('withdraw', 'dismiss', 'release')
    GROUP BY sha256
),
confirming AS (
    SELECT sha256, unnest(string_split(names_confirmed_by, ',')) AS source_sha256
    FROM parse_results
    WHERE names_confirmed_by IS NOT NULL
),
confirmed AS (
    SELECT c.sha256,
           'Unsicher gelesene Namen der Scan-Lesung bestätigt durch '
           || string_agg(r.original_name, ', ' ORDER BY r.original_name) AS note
    FROM confirming AS c
    JOIN raw_documents AS r ON r.sha256 = c.source_sha256
    GROUP BY c.sha256
),
corrected_pairs AS (
    SELECT sha256, unnest(from_json(names_corrected, '[["VARCHAR"]]')) AS pair
    FROM parse_results
    WHERE names_corrected IS NOT NULL
),
corrected AS (
    SELECT sha256,
           'Namen wie dort geschrieben übernommen: '
           || string_agg('„' || pair[2] || '“ (gelesen: „' || pair[1] || '“)', ', '
                         ORDER BY pair[2], pair[1])
           AS note
    FROM corrected_pairs
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
    nullif(concat_ws('; ', v.review_note, n.note, k.note), '') AS review_note
FROM raw_documents AS r
LEFT JOIN parse_results AS p USING (sha256)
LEFT JOIN reviewed AS v USING (sha256)
LEFT JOIN confirmed AS n USING (sha256)
LEFT JOIN corrected AS k USING (sha256)
ORDER BY r.registration_seq
