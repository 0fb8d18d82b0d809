-- Projects of every current agreement. project_key (lower case, single spaces) matches the same
-- project across years despite case and spacing differences.
SELECT
    a.sha256,
    a.district_ags,
    a.district_name,
    a.year,
    p.measure_type,
    p.position,
    p.project_name,
    lower(trim(regexp_replace(p.project_name, '\s+', ' ', 'g'))) AS project_key,
    p.amount_eur,
    a.source_name,
    p.page,
    p.line
FROM stg_agreements AS a
JOIN agreement_projects AS p USING (sha256)
WHERE a.is_current
ORDER BY a.district_ags, a.year, p.measure_type, p.position
