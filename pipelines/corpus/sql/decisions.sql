-- The decisions stored from one document (a letter holds one).
SELECT decision_id, decision_type, decision_date, district_ags, year, refers_to, total_eur,
       used_total_eur, reclaimed_total_eur
FROM decisions
WHERE sha256 = ?
ORDER BY decision_id
