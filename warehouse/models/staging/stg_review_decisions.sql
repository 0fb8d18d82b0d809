-- The review decisions in force (view review_in_force: per target the latest decision no revoke
-- names), each with its German label and the note the dashboard and downloads show next to what
-- it changed ("manuell korrigiert von A. Muster am 02.12.2026: Tippfehler im Budget").
SELECT
    review_id,
    kind,
    target_key,
    reviewer,
    decided_at,
    reason,
    replaces,
    sha256,
    decision_id,
    line_number,
    district_ags,
    year,
    suite,
    field,
    project_name,
    measure_type,
    chosen_sha256,
    new_value,
    valid_until,
    CASE kind
        WHEN 'accept' THEN 'manuell bestätigt'
        WHEN 'reject' THEN 'manuell abgelehnt'
        WHEN 'waive' THEN 'ausgenommen'
        WHEN 'withdraw' THEN 'zurückgezogen'
        WHEN 'dismiss' THEN 'nicht relevant'
        WHEN 'settle' THEN 'manuell entschieden'
        WHEN 'correct' THEN 'manuell korrigiert'
        WHEN 'release' THEN 'Scan-Lesung freigegeben'
    END AS review_label,
    CASE kind
        WHEN 'accept' THEN 'manuell bestätigt'
        WHEN 'reject' THEN 'manuell abgelehnt'
        WHEN 'waive' THEN 'ausgenommen bis ' || strftime(valid_until, '%d.%m.%Y')
        WHEN 'withdraw' THEN 'zurückgezogen'
        WHEN 'dismiss' THEN 'nicht relevant'
        WHEN 'settle' THEN 'manuell entschieden'
        WHEN 'release' THEN 'Scan-Lesung nach Prüfung freigegeben' || CASE
            coalesce(len(json_keys(payload_json, '$.corrections')), 0)
            WHEN 0 THEN ''
            WHEN 1 THEN ' (1 Name berichtigt)'
            ELSE ' (' || len(json_keys(payload_json, '$.corrections')) || ' Namen berichtigt)'
        END
        WHEN 'correct' THEN 'manuell korrigiert (' || CASE field
            WHEN 'budget_total_eur' THEN 'Budget'
            WHEN 'signed_on' THEN 'Unterschriftsdatum'
            WHEN 'total_eur' THEN 'Bewilligungssumme'
            WHEN 'used_total_eur' THEN 'Verwendet'
            WHEN 'reclaimed_total_eur' THEN 'Zurückgefordert'
            WHEN 'decision_date' THEN 'Bescheiddatum'
            ELSE field
        END || ')'
    END || ' von ' || reviewer || ' am '
        || strftime(timezone('Europe/Berlin', timezone('UTC', decided_at)), '%d.%m.%Y')
        || ': ' || reason AS review_note
FROM review_in_force
ORDER BY target_key
