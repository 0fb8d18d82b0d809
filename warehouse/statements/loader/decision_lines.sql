-- Rows of one stored batch, from the registered Arrow view batch_decision_lines (pipelines.ingest.rows).
INSERT INTO decision_lines BY NAME SELECT * FROM batch_decision_lines;
