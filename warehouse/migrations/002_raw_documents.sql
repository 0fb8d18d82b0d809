-- Raw document registry: one row per distinct content (sha256); bytes kept in the archive.
-- registration_seq orders documents registered in the same instant (same run): it breaks ties
-- between versions of an agreement that share a signature date and first_seen_at.
CREATE SEQUENCE IF NOT EXISTS raw_document_registration_seq START 1;
CREATE TABLE IF NOT EXISTS raw_documents (
    sha256        VARCHAR PRIMARY KEY,
    original_name VARCHAR NOT NULL,        -- name when first seen
    size_bytes    BIGINT NOT NULL,
    media_type    VARCHAR NOT NULL,
    first_seen_at TIMESTAMP NOT NULL,
    archive_path  VARCHAR NOT NULL,        -- relative to the archive dir, content-addressed
    is_sample     BOOLEAN NOT NULL DEFAULT false,  -- synthetic Beispieldaten
    registration_seq BIGINT NOT NULL DEFAULT nextval('raw_document_registration_seq')
);
-- Every time a file is seen in an inbox (same bytes may arrive under several names).
CREATE TABLE IF NOT EXISTS raw_document_sightings (
    sha256      VARCHAR NOT NULL,
    inbox_path  VARCHAR NOT NULL,
    seen_at     TIMESTAMP NOT NULL,
    run_id      VARCHAR
);
-- Result of parsing a document with a given parser version (re-parse only on change).
CREATE TABLE IF NOT EXISTS parse_results (
    sha256         VARCHAR PRIMARY KEY,
    parser_version VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,        -- 'ok' | 'quarantined'
    reason         VARCHAR,
    document_type  VARCHAR,                 -- 'agreement' | 'grant_decision' | NULL
    parsed_at      TIMESTAMP NOT NULL
);
-- Files (or rows of tabular files) that did not make it into the warehouse, and why.
CREATE TABLE IF NOT EXISTS quarantine (
    sha256         VARCHAR NOT NULL,
    original_name  VARCHAR NOT NULL,
    row_number     INTEGER,                 -- NULL: the whole file; else the rejected row
    reason         VARCHAR NOT NULL,        -- one sentence for a data engineer
    quarantined_at TIMESTAMP NOT NULL,
    -- the district-year the rejected rows belong to, where the rest of the file says so
    -- (row-level rejects of a single-district export); NULL for whole-file quarantine
    district_ags   VARCHAR,
    year           INTEGER
);
