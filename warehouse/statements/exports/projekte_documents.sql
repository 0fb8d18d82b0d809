-- District and agreement document of each district-year, keyed like projekte_rows.sql
-- (read by pipelines/exports/projects.py). mart_district_year names the current agreement of
-- every district-year, the same document mart_projects lists the projects of; a row whose key
-- has no match here makes the reader read the table plainly. District-years without an
-- agreement have no document (every project row has one). A document named by two
-- district-years comes twice; the reader keeps one.
SELECT hash(district_ags, district_name, source_name, source_sha256) AS document_key,
       district_ags, district_name, source_name, source_sha256
FROM mart_district_year
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND source_sha256 IS NOT NULL
