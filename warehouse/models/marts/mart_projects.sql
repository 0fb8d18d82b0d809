-- One row per project in a current agreement. continuity: 'fortgeführt' when the district's
-- current agreement of the previous year names the same project (case and spacing ignored, any
-- measure type), else 'neu'.
SELECT
    p.district_ags,
    p.district_name,
    p.year,
    p.measure_type,
    p.position,
    p.project_name,
    p.amount_eur::DECIMAL(14, 2) AS amount_eur,
    CASE WHEN EXISTS (
        SELECT 1 FROM stg_agreement_projects AS prev
        WHERE prev.district_ags = p.district_ags AND prev.year = p.year - 1 AND prev.project_key = p.project_key
    ) THEN 'fortgeführt' ELSE 'neu' END AS continuity,
    p.sha256 AS source_sha256,
    p.source_name,
    p.page AS source_page,
    p.line AS source_line
FROM stg_agreement_projects AS p
ORDER BY p.year, p.district_ags, p.measure_type, p.position
