-- Every grant decision event with its source document. All mart columns are read; the table
-- keeps its declared columns (tables.py), so a snapshot without a newer optional column
-- (has_source_conflict, source_page) still exports.
SELECT *
FROM mart_decisions
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
ORDER BY year, district_ags, decision_date, decision_id
