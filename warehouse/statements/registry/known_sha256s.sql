-- Which hashes of the registered view inbox_batch(sha256) are already in the registry.
SELECT sha256 FROM raw_documents WHERE sha256 IN (SELECT sha256 FROM inbox_batch);
