-- Agreement versions of one district-year that share the current version's signature date and
-- that no reviewer has settled: which one is in force was decided by upload order only.
SELECT v.district_ags, v.district_name, v.year, v.version, v.is_current, v.budget_total_eur,
       v.signed_on, v.first_seen_at, v.source_sha256, v.source_name, v.source_page, v.source_line
FROM mart_agreement_versions AS v
JOIN mart_agreement_versions AS c
    ON c.district_ags = v.district_ags AND c.year = v.year AND c.is_current
WHERE v.signed_on IS NOT DISTINCT FROM c.signed_on AND c.same_signature_date AND NOT c.is_settled
ORDER BY v.year, v.district_ags, v.version DESC
