-- Every registered document: archive_path is relative to AQB_ARCHIVE_DIR; status NULL means not
-- parsed yet; reason is the quarantine reason of a quarantined file; review_status
-- 'zurückgezogen' or 'nicht relevant' with the reviewer's review_note; read_by names the OCR
-- reader (engine, version, model) of a scan, NULL for a text layer or a table.
SELECT sha256, original_name, size_bytes, media_type, first_seen_at, archive_path, document_type,
       status, is_sample, reason, parser_version, read_by, review_status, review_note
FROM stg_documents
ORDER BY first_seen_at, original_name
