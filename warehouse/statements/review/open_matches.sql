-- Decision lines whose project match needs a person, side by side with the agreement project
-- the matcher suggests (both with source file, page and line). Snapshot marts only.
-- from_scan: the line or the agreement was read by OCR from a scan; read through the row as JSON
-- so a snapshot published before the column existed still lists its items (false there).
SELECT
    m.decision_id,
    m.line_number,
    m.district_ags,
    m.district_name,
    m.year,
    m.decision_type,
    m.project_name,
    m.measure_type,
    m.amount_eur,
    m.source_name,
    m.source_page,
    m.source_line,
    coalesce(CAST(to_json(m) ->> 'from_scan' AS BOOLEAN), false) AS from_scan,
    m.status,
    m.status_reason,
    m.score,
    m.matched_project_name AS suggested_project_name,
    m.matched_measure_type AS suggested_measure_type,
    p.amount_eur AS suggested_amount_eur,
    p.source_name AS suggested_source_name,
    p.source_page AS suggested_source_page,
    p.source_line AS suggested_source_line
FROM mart_project_matches AS m
LEFT JOIN mart_projects AS p
    ON p.district_ags = m.district_ags AND p.year = m.year
   AND p.project_name = m.matched_project_name AND p.measure_type = m.matched_measure_type
WHERE m.needs_review
QUALIFY row_number() OVER (PARTITION BY m.decision_id, m.line_number ORDER BY p.position) = 1
ORDER BY m.year, m.district_ags, m.decision_id, m.line_number
