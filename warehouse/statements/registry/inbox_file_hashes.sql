-- The last known hash of every registered inbox file by path, with the size and mtime it had.
SELECT inbox_path, size_bytes, mtime_ns, sha256 FROM inbox_entries WHERE skip_code IS NULL;
