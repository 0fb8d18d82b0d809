-- One run's row in the history; a later write for the same run (its launching process, after the
-- sensor) replaces every column.
INSERT INTO ingest_runs (run_id, started_at, finished_at, status, launched_by, job_name, docs_new, docs_updated, docs_unchanged, docs_quarantined, docs_duplicate, checks_passed, checks_warned, checks_failed, published, snapshot_id, failure_reason, years)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id) DO UPDATE SET
    started_at = excluded.started_at, finished_at = excluded.finished_at, status = excluded.status,
    launched_by = excluded.launched_by, job_name = excluded.job_name, docs_new = excluded.docs_new,
    docs_updated = excluded.docs_updated, docs_unchanged = excluded.docs_unchanged,
    docs_quarantined = excluded.docs_quarantined, docs_duplicate = excluded.docs_duplicate,
    checks_passed = excluded.checks_passed, checks_warned = excluded.checks_warned,
    checks_failed = excluded.checks_failed, published = excluded.published,
    snapshot_id = excluded.snapshot_id, failure_reason = excluded.failure_reason,
    years = excluded.years
