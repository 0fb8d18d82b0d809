-- What needs a look in the current inbox, whichever run caused it: files whose document is
-- quarantined (whole file, or some of its rows rejected), and skipped entries except hidden
-- names and the corpus' own description files. One row per inbox entry, by relative path.
SELECT e.relative_path, q.reason_de, q.reason
FROM inbox_entries AS e
JOIN quarantine AS q ON q.sha256 = e.sha256
WHERE e.skip_code IS NULL
UNION ALL
SELECT relative_path, skip_de, skip_detail
FROM inbox_entries
WHERE skip_code IS NOT NULL AND skip_code NOT IN ('hidden_name', 'corpus_description')
ORDER BY 1
