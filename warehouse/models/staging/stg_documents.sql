-- Every registered document with the outcome of its latest parse (NULL status: not parsed yet).
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
    p.parsed_at,
    r.is_sample
FROM raw_documents AS r
LEFT JOIN parse_results AS p USING (sha256)
ORDER BY r.registration_seq
