-- Budget years whose parsed records or quarantined rows arrived after a point in time (the
-- last published snapshot's latest parse): the only years an incremental run must rebuild.
SELECT agreements.year
FROM agreements JOIN parse_results USING (sha256)
WHERE parse_results.parsed_at > ?
UNION
SELECT decisions.year
FROM decisions JOIN parse_results USING (sha256)
WHERE parse_results.parsed_at > ?
UNION
SELECT quarantine.year
FROM quarantine
WHERE quarantine.quarantined_at > ? AND quarantine.year IS NOT NULL
ORDER BY 1
