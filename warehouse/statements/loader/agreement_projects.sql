-- Rows of one stored batch, from the registered Arrow view batch_agreement_projects (pipelines.ingest.rows).
INSERT INTO agreement_projects BY NAME SELECT * FROM batch_agreement_projects;
