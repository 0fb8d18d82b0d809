-- A scan reading held as unsure, in the snapshot's quarantine, with the reading a reviewer
-- checked (target of release: the document's sha256 and the reading's hash).
SELECT sha256, original_name, reason_de, reason, reading_hash, held_reading
FROM mart_quarantine
WHERE sha256 = ? AND reading_hash = ?
