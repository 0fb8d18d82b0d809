-- Rows of one stored batch, from the registered Arrow view batch_quarantine (pipelines.ingest.rows).
INSERT INTO quarantine BY NAME SELECT * FROM batch_quarantine;
