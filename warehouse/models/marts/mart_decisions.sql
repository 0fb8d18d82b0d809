-- Every grant decision event once, with the source file it was read from and whether it is the
-- event that sets the district-year's current state (stg_decision_state); review_note: a
-- reviewer corrected a field or chose the source (conflict_settled); from_scan: the figures were
-- read by OCR from a scanned letter (the dashboard and downloads say "aus Scan gelesen").
WITH current_events AS (
    SELECT DISTINCT district_ags, year, decision_id FROM stg_decision_state
)
SELECT
    e.decision_id,
    e.decision_type,
    CASE e.decision_type
        WHEN 'first' THEN 'Zuwendungsbescheid'
        WHEN 'amendment' THEN 'Änderungsbescheid'
        WHEN 'final' THEN 'Schlussbescheid'
        WHEN 'revocation' THEN 'Widerrufsbescheid'
    END AS decision_type_name,
    e.decision_date,
    e.district_ags,
    e.district_name,
    e.year,
    e.total_eur::DECIMAL(14, 2) AS total_eur,
    e.used_total_eur::DECIMAL(14, 2) AS used_total_eur,
    e.reclaimed_total_eur::DECIMAL(14, 2) AS reclaimed_total_eur,
    e.refers_to,
    e.event_order,
    c.decision_id IS NOT NULL AS is_current,
    e.n_sources,
    e.has_source_conflict,
    e.source_sha256,
    e.source_name,
    e.source_format,
    e.source_page,
    e.source_line,
    e.from_scan,
    e.conflict_settled,
    e.review_note
FROM stg_decision_events AS e
LEFT JOIN current_events AS c
    ON c.district_ags = e.district_ags AND c.year = e.year AND c.decision_id = e.decision_id
ORDER BY e.year, e.district_ags, e.event_order
