-- Agreement versions of one district-year whose current version the tie rule chose between
-- versions still in the inbox and that no reviewer has settled (stg_agreements'
-- has_version_conflict): each version with the current one's signature date, to choose from.
-- A same-day pair where one file is gone or was rewritten in place is no conflict (the file
-- still in the inbox is the newer version) and is not listed.
SELECT v.district_ags, v.district_name, v.year, v.version, v.is_current, v.budget_total_eur,
       v.signed_on, v.first_seen_at, v.source_sha256, v.source_name, v.source_page, v.source_line
FROM mart_agreement_versions AS v
JOIN mart_agreement_versions AS c
    ON c.district_ags = v.district_ags AND c.year = v.year AND c.is_current
WHERE v.signed_on IS NOT DISTINCT FROM c.signed_on AND c.has_version_conflict AND NOT c.is_settled
ORDER BY v.year, v.district_ags, v.version DESC
