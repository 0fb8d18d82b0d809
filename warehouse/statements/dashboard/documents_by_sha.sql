-- Archive entries of the given documents (for the source download buttons).
SELECT sha256, original_name, size_bytes, media_type, archive_path, document_type
FROM mart_documents
WHERE list_contains(?::VARCHAR[], sha256)
