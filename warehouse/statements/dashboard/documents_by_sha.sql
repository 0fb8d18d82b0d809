-- Archive entries of the given documents (for the source download buttons), with the OCR
-- reader of a scan (read_by, NULL otherwise). Every column: a snapshot published before
-- read_by existed (parser versions up to 2025.3.6) still shows its sources, without a reader.
SELECT *
FROM mart_documents
WHERE list_contains(?::VARCHAR[], sha256)
