-- The lines of one stored decision from one document, in document order.
SELECT project_name, measure_type, provider, amount_eur, used_eur, reclaimed_eur
FROM decision_lines
WHERE sha256 = ? AND decision_id = ?
ORDER BY line_number
