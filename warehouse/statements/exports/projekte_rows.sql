-- The per-row part of the "projekte" download without its repeated text (read by
-- pipelines/exports/projects.py; projekte.sql is the same table read plainly).
-- The district and source document of a row are a 64-bit key over exactly the text columns the
-- plain statement returns; projekte_documents.sql gives the text for each key.
-- continuity is its position in the known labels (first ``?``): 0 for NULL, -1 for a label
-- the list lacks (the reader then reads the table plainly).
-- Row order: the table's ``order`` in pipelines/exports/tables.py (sorted in Polars).
SELECT year, measure_type, position, project_name, amount_eur,
       CASE WHEN continuity IS NULL THEN 0
            ELSE coalesce(list_position(?::VARCHAR[], continuity), -1) END AS continuity_code,
       source_page, source_line,
       hash(district_ags, district_name, source_name, source_sha256) AS document_key
FROM mart_projects
WHERE (len(?::INTEGER[]) = 0 OR list_contains(?::INTEGER[], year))
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], district_ags))
  AND (?::INTEGER IS NULL OR measure_type = ?::INTEGER)
