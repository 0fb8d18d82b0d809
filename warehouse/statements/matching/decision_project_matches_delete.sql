-- Remove the matches of the budget years about to be re-matched (NULL: all years).
-- Parameters: years INTEGER[] or NULL, given twice.
DELETE FROM decision_project_matches
WHERE CAST(? AS INTEGER[]) IS NULL OR list_contains(CAST(? AS INTEGER[]), year)
