-- Rows of one stored batch, from the registered Arrow view batch_agreement_earmarks (pipelines.ingest.rows).
INSERT INTO agreement_earmarks BY NAME SELECT * FROM batch_agreement_earmarks;
