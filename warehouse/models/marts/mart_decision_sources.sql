-- Every copy of every grant decision (letter and export rows), with its values as read, so a
-- reviewer can compare the copies of a file number whose sources disagree and choose one
-- (is_chosen: the copy stg_decision_events uses). Copies from withdrawn documents left out.
-- from_scan: this copy was read by OCR from a scanned letter.
SELECT
    d.decision_id,
    d.district_ags,
    d.year,
    d.decision_type,
    d.decision_date,
    d.total_eur::DECIMAL(14, 2) AS total_eur,
    d.used_total_eur::DECIMAL(14, 2) AS used_total_eur,
    d.reclaimed_total_eur::DECIMAL(14, 2) AS reclaimed_total_eur,
    d.source_format,
    d.sha256 AS source_sha256,
    r.original_name AS source_name,
    d.page AS source_page,
    d.line AS source_line,
    coalesce(d.from_scan, false) AS from_scan,
    e.source_sha256 = d.sha256 AS is_chosen,
    e.has_source_conflict,
    e.conflict_settled
FROM decisions AS d
JOIN stg_decision_events AS e ON e.decision_id = d.decision_id
LEFT JOIN raw_documents AS r ON r.sha256 = d.sha256
WHERE d.sha256 NOT IN (SELECT sha256 FROM stg_review_decisions WHERE kind = 'withdraw')
ORDER BY d.year, d.district_ags, d.decision_id, d.sha256
