-- The projects of one stored agreement in document order.
SELECT measure_type, project_name
FROM agreement_projects
WHERE sha256 = ?
ORDER BY measure_type, position
