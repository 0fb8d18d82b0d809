-- Documents parsed by parser version ? whose scan reading was held on its names alone, or
-- landed because documents of its district confirmed those names (pipelines.parse.confirm):
-- with the names as read and the documents that confirmed them, so the loader can tell when
-- that changed (a confirming document arrived or was withdrawn) and parse them again.
SELECT r.sha256, r.original_name, r.archive_path, r.media_type, p.unsure_names,
       p.names_confirmed_by
FROM raw_documents AS r
JOIN parse_results AS p ON p.sha256 = r.sha256 AND p.parser_version = ?
WHERE p.unsure_names IS NOT NULL AND p.released_by IS NULL
ORDER BY r.registration_seq, r.sha256;
