-- Remember each inbox file's hash with its size and mtime, from the registered view
-- inbox_file_hashes_batch, so the next scan re-hashes only files that changed.
INSERT OR REPLACE INTO inbox_file_hashes BY NAME SELECT * FROM inbox_file_hashes_batch;
