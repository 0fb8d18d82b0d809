-- Projects of every agreement version (current and superseded), keyed like stg_agreement_projects
-- (lower case, single spaces), so two versions of one district-year can be compared.
SELECT DISTINCT
    a.sha256,
    a.district_ags,
    a.year,
    a.version,
    lower(trim(regexp_replace(p.project_name, '\s+', ' ', 'g'))) AS project_key,
    p.project_name
FROM stg_agreements AS a
JOIN agreement_projects AS p USING (sha256)
ORDER BY a.district_ags, a.year, a.version, project_key
