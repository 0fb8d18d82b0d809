-- Review decisions (pipelines/review): the whole append-only log outside the warehouse, copied
-- in by every ingest (the pipeline's input, replaced each run, never edited here), and the
-- decisions in force. Views, so the matcher and the staging models always see the same fold.
CREATE TABLE IF NOT EXISTS review_log (
    review_id        VARCHAR PRIMARY KEY,
    log_line         INTEGER NOT NULL,     -- position in the log: the order decisions were made
    kind             VARCHAR NOT NULL,     -- accept|reject|waive|withdraw|dismiss|settle|correct|revoke
    target_key       VARCHAR NOT NULL,     -- decisions with the same key replace each other
    reviewer         VARCHAR NOT NULL,
    decided_at       TIMESTAMP NOT NULL,   -- UTC
    reason           VARCHAR NOT NULL,
    replaces         VARCHAR,              -- review_id in force on the target when decided
    target_json      VARCHAR NOT NULL,
    payload_json     VARCHAR NOT NULL,
    previous_json    VARCHAR NOT NULL,
    -- target and payload fields, flattened for the models
    sha256           VARCHAR,
    decision_id      VARCHAR,
    line_number      INTEGER,
    district_ags     VARCHAR,
    year             INTEGER,
    suite            VARCHAR,
    field            VARCHAR,
    revokes          VARCHAR,
    project_name     VARCHAR,
    measure_type     INTEGER,
    chosen_sha256    VARCHAR,
    new_value        VARCHAR,
    valid_until      DATE
);

-- The decisions in force: per target the latest record no revoke names.
CREATE OR REPLACE VIEW review_in_force AS
SELECT r.*
FROM review_log AS r
WHERE r.kind <> 'revoke'
  AND NOT EXISTS (SELECT 1 FROM review_log AS x WHERE x.kind = 'revoke' AND x.revokes = r.review_id)
QUALIFY row_number() OVER (PARTITION BY r.target_key ORDER BY r.log_line DESC) = 1;

-- The current agreement for the matcher, with review decisions applied exactly as in
-- stg_agreements: withdrawn documents are out, a settled version wins its district-year, a
-- corrected signature date orders the versions.
CREATE OR REPLACE VIEW decision_current_agreements AS
SELECT
    agreements.sha256,
    agreements.district_ags,
    agreements.year,
    agreements.budget_total_eur,
    coalesce(CAST(corrected.new_value AS DATE), agreements.signed_on) AS signed_on,
    raw_documents.original_name,
    raw_documents.first_seen_at
FROM agreements
LEFT JOIN raw_documents ON raw_documents.sha256 = agreements.sha256
LEFT JOIN review_in_force AS settled
    ON settled.kind = 'settle' AND settled.decision_id IS NULL
   AND settled.district_ags = agreements.district_ags AND settled.year = agreements.year
LEFT JOIN review_in_force AS corrected
    ON corrected.kind = 'correct' AND corrected.decision_id IS NULL
   AND corrected.field = 'signed_on' AND corrected.sha256 = agreements.sha256
WHERE agreements.sha256 NOT IN (SELECT sha256 FROM review_in_force WHERE kind = 'withdraw')
QUALIFY row_number() OVER (
    PARTITION BY agreements.district_ags, agreements.year
    ORDER BY coalesce(settled.chosen_sha256 = agreements.sha256, false) DESC,
             coalesce(CAST(corrected.new_value AS DATE), agreements.signed_on) DESC NULLS LAST,
             raw_documents.first_seen_at DESC NULLS LAST,
             raw_documents.registration_seq DESC NULLS LAST,
             agreements.sha256 DESC
) = 1;

-- A warning check result a reviewer excepted: 'waived' while the waiver runs, 'expired' after.
ALTER TABLE check_results ADD COLUMN IF NOT EXISTS waiver_status VARCHAR;
ALTER TABLE check_results ADD COLUMN IF NOT EXISTS waiver_until DATE;
ALTER TABLE check_results ADD COLUMN IF NOT EXISTS waiver_reason VARCHAR;
ALTER TABLE check_results ADD COLUMN IF NOT EXISTS waived_by VARCHAR;
ALTER TABLE check_results ADD COLUMN IF NOT EXISTS waiver_id VARCHAR;
