-- The latest runs, newest first: exported next to the snapshots for the dashboard.
SELECT run_id, started_at, finished_at, status, launched_by, job_name, docs_new, docs_updated, docs_unchanged, docs_quarantined, docs_duplicate, checks_passed, checks_warned, checks_failed, published, snapshot_id, failure_reason, years
FROM ingest_runs
ORDER BY started_at DESC, run_id
LIMIT ?
