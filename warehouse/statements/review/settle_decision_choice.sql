-- Is the chosen source one of the copies of this grant decision? Parameters: decision_id, sha256.
SELECT 1 FROM mart_decision_sources WHERE decision_id = ? AND source_sha256 = ?
