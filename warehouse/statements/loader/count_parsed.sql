-- Registered documents that already have a parse result from parser version ?.
SELECT count(*)
FROM raw_documents AS r
JOIN parse_results AS p ON p.sha256 = r.sha256 AND p.parser_version = ?;
