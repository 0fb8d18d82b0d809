-- Names of a held scan reading confirmed by the district's own documents (issue 16,
-- pipelines.parse.confirm): a scan held on its names alone keeps those names (with the held
-- record's district and year) so a later ingest sees when a text-layer document of the same
-- district-year comes to hold each of them; names_confirmed_by names the documents that did.
ALTER TABLE parse_results ADD COLUMN IF NOT EXISTS unsure_names VARCHAR;
ALTER TABLE parse_results ADD COLUMN IF NOT EXISTS names_confirmed_by VARCHAR;
