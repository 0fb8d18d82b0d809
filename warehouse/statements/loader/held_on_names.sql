-- Scans parsed by parser version ? whose reading was held on its names alone, landed because
-- documents of its district confirmed those names, or landed on its own checks
-- (pipelines.parse.confirm): with the names as read, the documents that confirmed them and the
-- status, so the loader can tell when that changed (a confirming document arrived or was
-- withdrawn, a name near one of a scan's arrived) and parse them again.
SELECT r.sha256, r.original_name, r.archive_path, r.media_type, p.unsure_names,
       p.names_confirmed_by, p.status
FROM raw_documents AS r
JOIN parse_results AS p ON p.sha256 = r.sha256 AND p.parser_version = ?
WHERE p.unsure_names IS NOT NULL AND p.released_by IS NULL
ORDER BY r.registration_seq, r.sha256;
