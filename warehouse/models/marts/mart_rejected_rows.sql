-- Rejected rows of tabular files whose other rows landed (or which were quarantined), by file.
SELECT r.sha256, q.original_name, r.row_number, r.reason
FROM rejected_rows AS r
JOIN stg_quarantine AS q ON q.sha256 = r.sha256
ORDER BY q.original_name, r.row_number
