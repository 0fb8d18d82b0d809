-- One registered document of the snapshot (target of withdraw and dismiss).
SELECT sha256, original_name, document_type, status, reason, review_status
FROM mart_documents
WHERE sha256 = ?
