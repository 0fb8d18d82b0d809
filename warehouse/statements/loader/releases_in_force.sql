-- The releases in force (review kind 'release'): per document the reading a reviewer released,
-- handed to the parse workers (pipelines.parse.held.released).
SELECT sha256, review_id, reading_hash
FROM review_in_force
WHERE kind = 'release'
ORDER BY sha256;
