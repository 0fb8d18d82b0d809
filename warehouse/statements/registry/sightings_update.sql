-- Sightings from the registered view sightings_batch(sha256, inbox_path, seen_at, run_id): a
-- (path, sha256) pair seen for the first time gets a row; a pair no longer in the inbox gets
-- its last_seen_at (the time of this walk). Pairs still there are not written.
UPDATE raw_document_sightings
SET last_seen_at = (SELECT max(seen_at) FROM sightings_batch)
WHERE last_seen_at IS NULL
  AND NOT EXISTS (
        SELECT 1 FROM sightings_batch AS b
        WHERE b.inbox_path = raw_document_sightings.inbox_path
          AND b.sha256 = raw_document_sightings.sha256
  );
INSERT INTO raw_document_sightings (sha256, inbox_path, first_seen_at, last_seen_at, first_run_id)
SELECT b.sha256, b.inbox_path, b.seen_at, NULL, b.run_id
FROM sightings_batch AS b
ANTI JOIN raw_document_sightings AS s ON s.inbox_path = b.inbox_path AND s.sha256 = b.sha256;
UPDATE raw_document_sightings AS s
SET last_seen_at = NULL
FROM sightings_batch AS b
WHERE s.inbox_path = b.inbox_path AND s.sha256 = b.sha256 AND s.last_seen_at IS NOT NULL;
