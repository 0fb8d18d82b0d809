-- How many documents of the registered view parsed_batch(sha256) already have stored rows.
-- parse_results is written in the same transaction as every other parsed row, so a document
-- without a parse result has nothing to replace and the batch can skip delete_parsed_rows.
SELECT count(*) FROM parse_results WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
