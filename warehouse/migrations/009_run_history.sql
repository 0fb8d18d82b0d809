-- Run history: every run of the instance gets a row in ingest_runs, whatever launched it (aqb
-- ingest/watch/demo, the nightly schedule, the inbox sensor, the Dagster UI, a backfill), with its
-- final status and, for a failed run, the reason a data engineer reads first.
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS status VARCHAR;          -- SUCCESS | FAILURE | CANCELED | UNCHANGED
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS launched_by VARCHAR;     -- cli | watch | demo | schedule | sensor | backfill | ui
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS job_name VARCHAR;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS failure_reason VARCHAR;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS docs_duplicate INTEGER;
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS years VARCHAR;           -- budget years rebuilt, e.g. '2024, 2025'; NULL: all or none
