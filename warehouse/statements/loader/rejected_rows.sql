-- Rows of one stored batch, from the registered Arrow view batch_rejected_rows (pipelines.ingest.rows).
INSERT INTO rejected_rows BY NAME SELECT * FROM batch_rejected_rows;
