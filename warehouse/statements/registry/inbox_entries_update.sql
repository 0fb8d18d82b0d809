-- Bring inbox_entries to the walk in the registered view inbox_entries_batch, touching only rows
-- that changed: entries gone from the inbox are deleted, new or different ones replaced.
DELETE FROM inbox_entries
WHERE inbox_path NOT IN (SELECT inbox_path FROM inbox_entries_batch)
   OR inbox_path IN (
        SELECT b.inbox_path
        FROM inbox_entries_batch AS b
        JOIN inbox_entries AS e USING (inbox_path)
        WHERE b.relative_path IS DISTINCT FROM e.relative_path
           OR b.kind IS DISTINCT FROM e.kind
           OR b.size_bytes IS DISTINCT FROM e.size_bytes
           OR b.mtime_ns IS DISTINCT FROM e.mtime_ns
           OR b.sha256 IS DISTINCT FROM e.sha256
           OR b.skip_code IS DISTINCT FROM e.skip_code
           OR b.skip_detail IS DISTINCT FROM e.skip_detail
   );
INSERT INTO inbox_entries BY NAME
SELECT * FROM inbox_entries_batch
WHERE inbox_path NOT IN (SELECT inbox_path FROM inbox_entries);
