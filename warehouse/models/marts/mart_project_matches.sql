-- Decision lines linked to the projects of the current agreement (pipelines/matching), one row
-- per line of each decision's chosen source. needs_review marks the review list: lines that
-- found no project ('unmatched') or need a person's eye ('review': low score, another measure
-- type, or several equally similar projects). A reviewer's decision in force overrides the
-- matcher: accept links the line to the project the reviewer named ('manuell bestätigt' when
-- that is the matcher's suggestion, 'manuell zugeordnet' otherwise), reject leaves it unmatched
-- ('manuell abgelehnt'); either takes the line off the review list. The matcher's own result
-- stays in suggested_project_name / suggested_status.
-- from_scan: the line was read by OCR from a scanned decision letter, or the agreement whose
-- projects it was matched against was read from a scan ("aus Scan gelesen", issue 16).
WITH current_events AS (
    SELECT DISTINCT district_ags, year, decision_id FROM stg_decision_state
),
reviewed AS (
    SELECT decision_id, line_number, kind, project_name, measure_type, review_note, reviewer,
           decided_at, reason
    FROM stg_review_decisions
    WHERE kind IN ('accept', 'reject')
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
    CASE v.kind
        WHEN 'accept' THEN v.project_name
        WHEN 'reject' THEN NULL
        ELSE m.matched_project_name
    END AS matched_project_name,
    CASE v.kind
        WHEN 'accept' THEN coalesce(v.measure_type, m.matched_measure_type)
        WHEN 'reject' THEN NULL
        ELSE m.matched_measure_type
    END AS matched_measure_type,
    m.score,
    CASE v.kind
        WHEN 'accept' THEN 'matched'
        WHEN 'reject' THEN 'unmatched'
        ELSE coalesce(m.status, 'unmatched')
    END AS status,
    CASE v.kind
        WHEN 'accept' THEN 'Manuell zugeordnet'
        WHEN 'reject' THEN 'Manuell abgelehnt: keinem Projekt zuzuordnen'
        ELSE coalesce(m.status_reason, 'Noch nicht abgeglichen')
    END AS status_reason,
    v.kind IS NULL AND coalesce(m.status, 'unmatched') <> 'matched' AS needs_review,
    m.agreement_sha256,
    l.source_sha256,
    e.source_name,
    l.source_page,
    l.source_line,
    e.from_scan OR coalesce(agreement.from_scan, false) AS from_scan,
    CASE
        WHEN v.kind = 'reject' THEN 'manuell abgelehnt'
        WHEN v.kind = 'accept' AND v.project_name IS NOT DISTINCT FROM m.matched_project_name
            THEN 'manuell bestätigt'
        WHEN v.kind = 'accept' THEN 'manuell zugeordnet'
    END AS review_status,
    replace(v.review_note, 'manuell bestätigt', CASE
        WHEN v.kind = 'accept' AND v.project_name IS DISTINCT FROM m.matched_project_name
            THEN 'manuell zugeordnet' ELSE 'manuell bestätigt' END) AS review_note,
    m.matched_project_name AS suggested_project_name,
    coalesce(m.status, 'unmatched') AS suggested_status
FROM stg_decision_lines AS l
JOIN stg_decision_events AS e ON e.decision_id = l.decision_id
LEFT JOIN decision_project_matches AS m
    ON m.decision_id = l.decision_id AND m.sha256 = l.source_sha256 AND m.line_number = l.line_number
LEFT JOIN stg_agreements AS agreement ON agreement.sha256 = m.agreement_sha256
LEFT JOIN reviewed AS v ON v.decision_id = l.decision_id AND v.line_number = l.line_number
LEFT JOIN current_events AS c
    ON c.district_ags = l.district_ags AND c.year = l.year AND c.decision_id = l.decision_id
LEFT JOIN ref_districts AS districts ON districts.district_ags = l.district_ags
ORDER BY l.year, l.district_ags, l.decision_id, l.line_number
