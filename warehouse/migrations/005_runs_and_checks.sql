-- What each ingest run did, and every quality check result, so the dashboard can show status.
CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    docs_new      INTEGER, docs_updated INTEGER, docs_unchanged INTEGER, docs_quarantined INTEGER,
    checks_passed INTEGER, checks_warned INTEGER, checks_failed INTEGER,
    published     BOOLEAN,
    snapshot_id   VARCHAR
);
CREATE TABLE IF NOT EXISTS check_results (
    run_id        VARCHAR NOT NULL,
    checked_at    TIMESTAMP NOT NULL,
    suite         VARCHAR NOT NULL,
    rule          VARCHAR NOT NULL,       -- expectation type + column, human readable
    severity      VARCHAR NOT NULL,       -- 'error' | 'warning'
    year          INTEGER,                -- NULL: all years
    success       BOOLEAN NOT NULL,
    unexpected_count INTEGER,
    detail        VARCHAR
);
