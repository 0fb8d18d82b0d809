-- Rows of one stored batch, from the registered Arrow view batch_agreements (pipelines.ingest.rows).
INSERT INTO agreements BY NAME SELECT * FROM batch_agreements;
