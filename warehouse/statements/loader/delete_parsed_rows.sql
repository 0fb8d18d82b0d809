-- Remove everything an earlier parse stored for the documents in the registered view
-- parsed_batch(sha256), so storing a new parse replaces rather than duplicates.
DELETE FROM parse_results WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM agreements WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM agreement_measures WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM agreement_projects WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM agreement_earmarks WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM agreement_other_budgets WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM agreement_signatures WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM decisions WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM decision_lines WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM quarantine WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
DELETE FROM rejected_rows WHERE sha256 IN (SELECT sha256 FROM parsed_batch);
