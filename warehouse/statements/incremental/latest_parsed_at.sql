-- The latest parse (or quarantine) time the warehouse holds: the published state's watermark.
SELECT max(stamp) FROM (
    SELECT max(parsed_at) AS stamp FROM parse_results
    UNION ALL
    SELECT max(quarantined_at) FROM quarantine
)
