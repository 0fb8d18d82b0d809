-- Decision lines linked to the projects of the current agreement (pipelines/matching), one row
-- per line of each decision's chosen source. needs_review marks the review list: lines that
-- found no project ('unmatched') or need a person's eye ('review': low score, another measure
-- type, or several equally similar projects).
WITH current_events AS (
    SELECT DISTINCT district_ags, year, decision_id FROM stg_decision_state
)
SELECT
    l.district_ags,
    districts.official_name AS district_name,
    l.year,
    l.decision_id,
    l.decision_type,
    l.decision_date,
    c.decision_id IS NOT NULL AS is_current_decision,
    l.line_number,
    l.measure_type,
    l.project_name,
    l.provider,
    l.amount_eur::DECIMAL(14, 2) AS amount_eur,
    m.matched_project_name,
    m.matched_measure_type,
    m.score,
    coalesce(m.status, 'unmatched') AS status,
    coalesce(m.status_reason, 'Noch nicht abgeglichen') AS status_reason,
    coalesce(m.status, 'unmatched') <> 'matched' AS needs_review,
    m.agreement_sha256,
    l.source_sha256,
    e.source_name,
    l.source_page,
    l.source_line
FROM stg_decision_lines AS l
JOIN stg_decision_events AS e ON e.decision_id = l.decision_id
LEFT JOIN decision_project_matches AS m
    ON m.decision_id = l.decision_id AND m.sha256 = l.source_sha256 AND m.line_number = l.line_number
LEFT JOIN current_events AS c
    ON c.district_ags = l.district_ags AND c.year = l.year AND c.decision_id = l.decision_id
LEFT JOIN ref_districts AS districts ON districts.district_ags = l.district_ags
ORDER BY l.year, l.district_ags, l.decision_id, l.line_number
