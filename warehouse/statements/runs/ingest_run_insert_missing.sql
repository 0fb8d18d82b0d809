-- A run's row unless one is there already (the run history sensor defers to the launching process).
INSERT INTO ingest_runs (run_id, started_at, finished_at, status, launched_by, job_name, docs_new, docs_updated, docs_unchanged, docs_quarantined, docs_duplicate, checks_passed, checks_warned, checks_failed, published, snapshot_id, failure_reason, years)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id) DO NOTHING
