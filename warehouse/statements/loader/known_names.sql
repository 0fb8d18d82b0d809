-- The names documents of each district-year hold from a text layer or a table (never from a
-- scan), by held field (pipelines.parse.confirm): an agreement's projects, a decision line's
-- project and provider, and each project as filed under its measure type ("3 Jobdatings",
-- pipelines.parse.confirm.filed_under). A document a reviewer withdrew lends none. Where several
-- documents hold a name, the smallest sha256 stands (pipelines.parse.confirm.known_names does
-- the same).
WITH withdrawn AS (
    SELECT sha256 FROM review_in_force WHERE kind = 'withdraw'
),
names AS (
    SELECT 'project' AS field, a.district_ags, a.year, p.project_name AS name, a.sha256
    FROM agreement_projects AS p
    JOIN agreements AS a USING (sha256)
    WHERE NOT coalesce(a.from_scan, false)
    UNION ALL
    SELECT 'line_project', d.district_ags, d.year, l.project_name, d.sha256
    FROM decision_lines AS l
    JOIN decisions AS d ON d.sha256 = l.sha256 AND d.decision_id = l.decision_id
    WHERE NOT coalesce(d.from_scan, false)
    UNION ALL
    SELECT 'line_provider', d.district_ags, d.year, l.provider, d.sha256
    FROM decision_lines AS l
    JOIN decisions AS d ON d.sha256 = l.sha256 AND d.decision_id = l.decision_id
    WHERE NOT coalesce(d.from_scan, false) AND l.provider IS NOT NULL
    UNION ALL
    SELECT 'line_measure_type', a.district_ags, a.year,
        CAST(p.measure_type AS VARCHAR) || ' ' || p.project_name, a.sha256
    FROM agreement_projects AS p
    JOIN agreements AS a USING (sha256)
    WHERE NOT coalesce(a.from_scan, false)
    UNION ALL
    SELECT 'line_measure_type', d.district_ags, d.year,
        CAST(l.measure_type AS VARCHAR) || ' ' || l.project_name, d.sha256
    FROM decision_lines AS l
    JOIN decisions AS d ON d.sha256 = l.sha256 AND d.decision_id = l.decision_id
    WHERE NOT coalesce(d.from_scan, false)
)
SELECT field, district_ags, year, name, min(sha256) AS sha256
FROM names
WHERE sha256 NOT IN (SELECT sha256 FROM withdrawn) AND name IS NOT NULL
GROUP BY field, district_ags, year, name
ORDER BY field, district_ags, year, name;
