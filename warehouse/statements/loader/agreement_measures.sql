-- Rows of one stored batch, from the registered Arrow view batch_agreement_measures (pipelines.ingest.rows).
INSERT INTO agreement_measures BY NAME SELECT * FROM batch_agreement_measures;
