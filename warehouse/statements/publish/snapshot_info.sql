-- The one-row snapshot_info table of a new snapshot. Parameters: snapshot_id, published_at,
-- run_id, is_sample, data_docs_path. last_ingest_at: the latest walk of the
-- inbox (inbox_walks). last_successful_validation_at: the latest check run in which no error-severity check
-- failed (NULL before any checks ran). Timestamps are UTC.
CREATE TABLE published_snapshot.snapshot_info AS
SELECT
    ?::VARCHAR AS snapshot_id,
    ?::TIMESTAMP AS published_at,
    ?::VARCHAR AS run_id,
    ?::BOOLEAN AS is_sample,
    (SELECT max(walked_at) FROM inbox_walks) AS last_ingest_at,
    (
        SELECT max(checked_at)
        FROM (
            SELECT run_id, max(checked_at) AS checked_at
            FROM check_results
            GROUP BY run_id
            HAVING count(*) FILTER (WHERE severity = 'error' AND NOT success) = 0
        )
    ) AS last_successful_validation_at,
    ?::VARCHAR AS data_docs_path;
