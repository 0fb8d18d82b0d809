-- Rows of one stored batch, from the registered Arrow view batch_agreement_signatures (pipelines.ingest.rows).
INSERT INTO agreement_signatures BY NAME SELECT * FROM batch_agreement_signatures;
