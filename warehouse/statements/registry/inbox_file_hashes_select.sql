-- The last known hash of every inbox file by path, with the size and mtime it had then.
SELECT inbox_path, size_bytes, mtime_ns, sha256 FROM inbox_file_hashes;
