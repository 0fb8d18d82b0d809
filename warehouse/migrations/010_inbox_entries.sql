-- Every entry of the inbox as the last run found it (the Eingangsprotokoll): regular files with
-- their hash, and every skipped entry (link, FIFO, hidden name, unreadable, still being
-- written...) with its reason code. A run rewrites only the rows that changed, so a run over an
-- unchanged inbox writes nothing here. It also serves as the hash cache: a file whose path,
-- size and mtime match its row is not read again. Replaces inbox_file_hashes.
CREATE TABLE IF NOT EXISTS inbox_entries (
    inbox_path    VARCHAR PRIMARY KEY,   -- as listed (inside the inbox, never a link's target)
    relative_path VARCHAR NOT NULL,      -- printable: control characters and bad bytes escaped
    kind          VARCHAR NOT NULL,      -- file | folder | symlink | special
    size_bytes    BIGINT,
    mtime_ns      BIGINT NOT NULL,
    sha256        VARCHAR,               -- read files only
    skip_code     VARCHAR,               -- pipelines.reasons.Reason; NULL: registered
    skip_de       VARCHAR,
    skip_en       VARCHAR,
    skip_detail   VARCHAR,               -- the English sentence
    changed_at    TIMESTAMP NOT NULL,    -- when this row last changed
    run_id        VARCHAR                -- the run that last changed it
);
DROP TABLE IF EXISTS inbox_file_hashes;
-- The last walk of the inbox: one row, so the protocol knows when it was taken.
CREATE TABLE IF NOT EXISTS inbox_walks (
    inbox     VARCHAR NOT NULL,
    walked_at TIMESTAMP NOT NULL,
    run_id    VARCHAR,
    entries   INTEGER NOT NULL
);
-- Sightings: one row per (path, sha256) with the first and last time seen, instead of one row
-- per file and run. last_seen_at stays NULL while the path still holds these bytes (seen by
-- the latest walk, inbox_walks.walked_at) and is set when it stops, so an unchanged inbox
-- writes no sightings.
CREATE TABLE raw_document_sightings_pairs AS
SELECT
    sha256,
    inbox_path,
    min(seen_at) AS first_seen_at,
    max(seen_at) AS last_seen_at,
    arg_min(run_id, seen_at) AS first_run_id
FROM raw_document_sightings
GROUP BY sha256, inbox_path;
DROP TABLE raw_document_sightings;
CREATE TABLE raw_document_sightings (
    sha256        VARCHAR NOT NULL,
    inbox_path    VARCHAR NOT NULL,
    first_seen_at TIMESTAMP NOT NULL,
    last_seen_at  TIMESTAMP,             -- NULL: still there at the latest walk
    first_run_id  VARCHAR,
    PRIMARY KEY (inbox_path, sha256)
);
INSERT INTO raw_document_sightings SELECT * FROM raw_document_sightings_pairs;
DROP TABLE raw_document_sightings_pairs;
