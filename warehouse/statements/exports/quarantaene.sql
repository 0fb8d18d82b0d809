-- Files and rows held back from the warehouse, newest first, with the reason.
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT sha256, original_name, row_number, reason, quarantined_at
FROM mart_quarantine
