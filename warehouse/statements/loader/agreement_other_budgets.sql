-- Rows of one stored batch, from the registered Arrow view batch_agreement_other_budgets (pipelines.ingest.rows).
INSERT INTO agreement_other_budgets BY NAME SELECT * FROM batch_agreement_other_budgets;
