-- The codes the warehouse stores with their German and English texts (issue 12): document types
-- (parse_results.document_type) and quarantine reasons (quarantine.reason_code). Filled from the
-- enums (pipelines.contracts.vocabulary.DocumentType, pipelines.reasons.Reason) with the other
-- reference data on every load, so a new code or a reworded text needs no migration.
CREATE TABLE IF NOT EXISTS ref_document_types (
    document_type VARCHAR PRIMARY KEY,
    name_de       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS ref_quarantine_reasons (
    reason_code VARCHAR PRIMARY KEY,
    reason_de   VARCHAR NOT NULL,
    reason_en   VARCHAR NOT NULL
);
