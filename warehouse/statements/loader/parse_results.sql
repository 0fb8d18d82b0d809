-- Rows of one stored batch, from the registered Arrow view batch_parse_results (pipelines.ingest.rows).
INSERT INTO parse_results BY NAME SELECT * FROM batch_parse_results;
