"""Operations: the persistent Dagster instance, the run history (``ingest_runs``) and freshness."""
