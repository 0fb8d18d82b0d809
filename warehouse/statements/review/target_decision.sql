-- One grant decision of the snapshot with the source in use (target of settle).
SELECT decision_id, district_ags, year, source_sha256 AS chosen_sha256, source_name,
       has_source_conflict, conflict_settled
FROM mart_decision_sources
WHERE decision_id = ? AND is_chosen
