-- Per district and year with a current agreement: each project 'neu' (not in the previous
-- year's agreement), 'fortgeführt' (in both) or 'beendet' (in the previous year's, not in this
-- year's; measure_type as it was). Matching ignores case and spacing.
WITH current_projects AS (
    SELECT DISTINCT ON (district_ags, year, project_key)
        district_ags, year, project_key, project_name, measure_type
    FROM stg_agreement_projects
    ORDER BY district_ags, year, project_key, measure_type, position
),
agreement_years AS (
    SELECT DISTINCT district_ags, year FROM stg_agreements WHERE is_current
)
SELECT
    c.district_ags,
    c.year,
    c.project_name,
    c.measure_type,
    CASE WHEN prev.project_key IS NULL THEN 'neu' ELSE 'fortgeführt' END AS change
FROM current_projects AS c
LEFT JOIN current_projects AS prev
    ON prev.district_ags = c.district_ags AND prev.year = c.year - 1 AND prev.project_key = c.project_key
UNION ALL
SELECT
    prev.district_ags,
    prev.year + 1 AS year,
    prev.project_name,
    prev.measure_type,
    'beendet' AS change
FROM current_projects AS prev
JOIN agreement_years AS y ON y.district_ags = prev.district_ags AND y.year = prev.year + 1
WHERE NOT EXISTS (
    SELECT 1 FROM current_projects AS c
    WHERE c.district_ags = prev.district_ags AND c.year = prev.year + 1 AND c.project_key = prev.project_key
)
ORDER BY year, district_ags, change, measure_type, project_name
