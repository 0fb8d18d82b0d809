-- All four measure types of every current agreement (a type the document does not list appears
-- with listed = false), with the number of projects named under each.
SELECT
    a.sha256,
    a.district_ags,
    a.district_name,
    a.year,
    t.measure_type,
    t.short_name_de AS measure_name,
    coalesce(m.name, t.name) AS measure_name_in_document,
    coalesce(m.listed, false) AS listed,
    m.amount_eur,
    coalesce(p.n_projects, 0)::INTEGER AS n_projects,
    a.source_name,
    m.page,
    m.line
FROM stg_agreements AS a
CROSS JOIN ref_measure_types AS t
LEFT JOIN agreement_measures AS m ON m.sha256 = a.sha256 AND m.measure_type = t.measure_type
LEFT JOIN (
    SELECT sha256, measure_type, count(*) AS n_projects
    FROM agreement_projects
    GROUP BY sha256, measure_type
) AS p ON p.sha256 = a.sha256 AND p.measure_type = t.measure_type
WHERE a.is_current
ORDER BY a.district_ags, a.year, t.measure_type
