-- Decision lines of the given budget years whose project match needs a person (review or
-- unmatched): the first rows, for the preview next to the project_matches asset. Filtered and
-- limited here so a 64x warehouse (a million matches) never travels into Python for it.
SELECT district_ags, year, project_name, matched_project_name, score, status
FROM decision_project_matches
WHERE status <> 'matched' AND list_contains(?::INTEGER[], year)
ORDER BY year, district_ags, project_name
LIMIT ?
