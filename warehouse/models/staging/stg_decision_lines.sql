-- The lines (approved projects) of every decision, read from the source stg_decision_events
-- chose for it, with the decision's district-year and type for convenience.
SELECT
    e.decision_id,
    e.source_sha256,
    l.line_number,
    e.district_ags,
    e.year,
    e.decision_type,
    e.decision_date,
    l.measure_type,
    l.project_name,
    l.provider,
    l.amount_eur,
    l.used_eur,
    l.reclaimed_eur,
    l.page AS source_page,
    l.line AS source_line
FROM stg_decision_events AS e
JOIN decision_lines AS l ON l.decision_id = e.decision_id AND l.sha256 = e.source_sha256
ORDER BY e.district_ags, e.year, e.decision_id, l.line_number
