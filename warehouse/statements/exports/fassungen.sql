-- Every version of the agreements with what changed (Kreisprofil "Fassungen").
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT district_ags, district_name, year, version, versions, is_current,
       prev_version_budget_eur, budget_total_eur, version_change_eur,
       n_projects_added, projects_added, n_projects_removed, projects_removed,
       signed_on, first_seen_at, source_name, source_page, source_line, source_sha256
FROM mart_agreement_versions
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
