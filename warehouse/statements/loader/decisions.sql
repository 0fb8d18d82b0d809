-- Rows of one stored batch, from the registered Arrow view batch_decisions (pipelines.ingest.rows).
INSERT INTO decisions BY NAME SELECT * FROM batch_decisions;
