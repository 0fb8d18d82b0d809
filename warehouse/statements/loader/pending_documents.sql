-- Registered documents without a parse result from parser version ?, in registration order.
SELECT r.sha256, r.original_name, r.archive_path, r.media_type
FROM raw_documents AS r
LEFT JOIN parse_results AS p ON p.sha256 = r.sha256 AND p.parser_version = ?
WHERE p.sha256 IS NULL
ORDER BY r.registration_seq, r.sha256;
