-- Rejected rows of tabular files, by file and row. Row order: pipelines/exports/tables.py.
SELECT original_name, row_number, reason, sha256
FROM mart_rejected_rows
