-- What needs a look in the current inbox, whichever run caused it: files whose document is
-- quarantined (whole file, or some of its rows rejected), and skipped entries except hidden
-- names and the corpus' own description files. One row per inbox entry, by relative path. A
-- quarantined file a reviewer marked "nicht relevant" (review decision 'dismiss') needs no look.
-- ``skipped`` tells the two apart: inbox_entries is this run's listing, so a skipped entry is
-- always this run's, while a quarantined file may have been quarantined by an earlier run.
SELECT e.relative_path, q.reason_de, q.reason, false AS skipped
FROM inbox_entries AS e
JOIN quarantine AS q ON q.sha256 = e.sha256
WHERE e.skip_code IS NULL
  AND q.sha256 NOT IN (SELECT sha256 FROM review_in_force WHERE kind = 'dismiss')
UNION ALL
SELECT relative_path, skip_de, skip_detail, true AS skipped
FROM inbox_entries
WHERE skip_code IS NOT NULL AND skip_code NOT IN ('hidden_name', 'corpus_description')
ORDER BY 1
