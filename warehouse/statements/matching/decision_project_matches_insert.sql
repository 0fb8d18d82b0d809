-- Insert freshly computed matches from the registered relation new_decision_project_matches.
INSERT INTO decision_project_matches (
    decision_id, sha256, line_number, district_ags, year, project_name, measure_type,
    agreement_sha256, matched_project_name, matched_measure_type, matched_position, score,
    status, status_reason, matched_at
)
SELECT
    decision_id, sha256, line_number, district_ags, year, project_name, measure_type,
    agreement_sha256, matched_project_name, matched_measure_type, matched_position, score,
    status, status_reason, current_timestamp
FROM new_decision_project_matches
