-- Incremental ingest: the budget years one run rebuilds (decided once, after parsing, so its
-- matching and every check of the run see the same years), and the last hash of each inbox
-- file by (path, size, mtime), so an unchanged file is not read and hashed again.
CREATE TABLE IF NOT EXISTS run_scopes (
    run_id VARCHAR PRIMARY KEY,
    years  INTEGER[]                 -- NULL: every year
);
CREATE TABLE IF NOT EXISTS inbox_file_hashes (
    inbox_path VARCHAR PRIMARY KEY,
    size_bytes BIGINT NOT NULL,
    mtime_ns   BIGINT NOT NULL,
    sha256     VARCHAR NOT NULL
);
