-- The audit trail: every review decision ever recorded, with who, when, why, what it replaced
-- and its state today. Reads only the table's declared columns (tables.py, the first ``?``).
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT COLUMNS(lambda column_name: list_contains(?::VARCHAR[], column_name))
FROM (SELECT *, reason AS review_reason FROM mart_review_decisions)
