-- Decision lines to match (every source of every decision), optionally limited to budget years.
-- Parameters: years INTEGER[] or NULL (all years), given twice.
SELECT
    decision_lines.decision_id,
    decision_lines.sha256,
    decision_lines.line_number,
    decisions.district_ags,
    decisions.year,
    decision_lines.project_name,
    decision_lines.measure_type
FROM decision_lines
JOIN decisions
  ON decisions.decision_id = decision_lines.decision_id
 AND decisions.sha256 = decision_lines.sha256
WHERE CAST(? AS INTEGER[]) IS NULL OR list_contains(CAST(? AS INTEGER[]), decisions.year)
ORDER BY decisions.district_ags, decisions.year, decision_lines.decision_id,
         decision_lines.sha256, decision_lines.line_number
