-- Every entry of the inbox at the last run with its outcome. Row order: pipelines/exports/tables.py.
SELECT relative_path, kind, size_bytes, outcome, reason_de, reason, reason_code, reason_en, sha256
FROM mart_inbox_entries
