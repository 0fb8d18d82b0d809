-- Every review decision ever recorded (the audit trail), in the order it was made, with its
-- state today: 'in Kraft', 'abgelaufen' (a waiver past its end date), 'ersetzt' (a later
-- decision on the same target), 'widerrufen' (revoked_by names the revoke) or 'Widerruf'.
-- target/payload/previous are the log's JSON, kept verbatim.
WITH as_of AS (
    SELECT coalesce(CAST(getvariable('as_of_date') AS DATE), current_date) AS as_of_date
)
SELECT
    r.log_line,
    r.review_id,
    r.kind,
    CASE r.kind
        WHEN 'accept' THEN 'Zuordnung bestätigt'
        WHEN 'reject' THEN 'Zuordnung abgelehnt'
        WHEN 'waive' THEN 'Warnung ausgenommen'
        WHEN 'withdraw' THEN 'Dokument zurückgezogen'
        WHEN 'dismiss' THEN 'Quarantäne: nicht relevant'
        WHEN 'settle' THEN 'Quellenkonflikt entschieden'
        WHEN 'correct' THEN 'Feld korrigiert'
        WHEN 'release' THEN 'Scan-Lesung freigegeben'
        WHEN 'revoke' THEN 'Entscheidung widerrufen'
    END AS kind_name,
    r.target_key,
    r.reviewer,
    r.decided_at,
    r.reason,
    r.replaces,
    x.review_id AS revoked_by,
    CASE
        WHEN r.kind = 'revoke' THEN 'Widerruf'
        WHEN x.review_id IS NOT NULL THEN 'widerrufen'
        WHEN f.review_id IS NULL THEN 'ersetzt'
        WHEN r.kind = 'waive' AND r.valid_until < as_of.as_of_date THEN 'abgelaufen'
        ELSE 'in Kraft'
    END AS state,
    r.sha256,
    r.decision_id,
    r.line_number,
    r.district_ags,
    r.year,
    r.suite,
    r.field,
    r.revokes,
    r.project_name,
    r.chosen_sha256,
    r.new_value,
    r.valid_until,
    r.target_json,
    r.payload_json,
    r.previous_json
FROM review_log AS r
CROSS JOIN as_of
LEFT JOIN review_log AS x ON x.kind = 'revoke' AND x.revokes = r.review_id
LEFT JOIN stg_review_decisions AS f ON f.review_id = r.review_id
ORDER BY r.log_line
