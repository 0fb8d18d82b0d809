-- One decision line of the snapshot with the matcher's result (a review decision's target).
SELECT decision_id, line_number, district_ags, year, project_name, measure_type, amount_eur,
       suggested_project_name, suggested_status AS status, matched_measure_type, score,
       review_status
FROM mart_project_matches
WHERE decision_id = ? AND line_number = ?
