-- Names of a held scan reading taken as the district's own documents spell them (issue 16,
-- pipelines.parse.confirm): a name read in a typical misreading of exactly one name those
-- documents hold ("Intemationaler Bund" for "Internationaler Bund") lands as they spell it;
-- names_corrected keeps each such pair [as read, as spelled] as JSON.
ALTER TABLE parse_results ADD COLUMN IF NOT EXISTS names_corrected VARCHAR;
