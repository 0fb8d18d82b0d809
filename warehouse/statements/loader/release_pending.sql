-- Documents parsed by parser version ? whose release changed since (pipelines.parse.held): a
-- held scan reading a reviewer released since (review kind 'release' in force on the same
-- reading_hash), or a released reading whose release is no longer in force (revoked, or
-- replaced by the release of another reading). Parsed again, so the reading lands or returns
-- to quarantine; the OCR cache answers, no page is read again.
SELECT r.sha256, r.original_name, r.archive_path, r.media_type
FROM raw_documents AS r
JOIN parse_results AS p ON p.sha256 = r.sha256 AND p.parser_version = ?
LEFT JOIN review_in_force AS v
    ON v.kind = 'release' AND v.sha256 = p.sha256 AND v.reading_hash = p.reading_hash
WHERE p.reading_hash IS NOT NULL
  AND coalesce(p.released_by, '') <> coalesce(v.review_id, '')
ORDER BY r.registration_seq, r.sha256;
