-- Projects of the current agreement per district-year: the candidates a decision line may match.
-- Parameters: years INTEGER[] or NULL (all years), given twice.
SELECT
    current_agreement.district_ags,
    current_agreement.year,
    current_agreement.sha256 AS agreement_sha256,
    agreement_projects.measure_type,
    agreement_projects.position,
    agreement_projects.project_name
FROM decision_current_agreements AS current_agreement
JOIN agreement_projects ON agreement_projects.sha256 = current_agreement.sha256
WHERE CAST(? AS INTEGER[]) IS NULL OR list_contains(CAST(? AS INTEGER[]), current_agreement.year)
ORDER BY current_agreement.district_ags, current_agreement.year,
         agreement_projects.measure_type, agreement_projects.position
