-- New documents from the registered view raw_documents_batch; batch_order (1..n, inbox order)
-- continues registration_seq so documents seen in the same instant keep their inbox order.
INSERT INTO raw_documents BY NAME
SELECT * EXCLUDE (batch_order),
       (SELECT coalesce(max(registration_seq), 0) FROM raw_documents) + batch_order AS registration_seq
FROM raw_documents_batch;
