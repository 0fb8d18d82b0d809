-- The releases in force (review kind 'release'): per document the reading a reviewer released
-- and the names corrected with it (payload_json), handed to the parse workers
-- (pipelines.parse.held.released).
SELECT sha256, review_id, reading_hash, payload_json
FROM review_in_force
WHERE kind = 'release'
ORDER BY sha256;
