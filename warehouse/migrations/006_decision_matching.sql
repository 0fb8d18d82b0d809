-- Grant decisions: the current agreement per district-year (a view, so it is never stale) and
-- the links from decision lines to the projects of that agreement (pipelines/matching).

-- The agreement version in force per district and year: latest signature date, then the latest
-- upload (first_seen_at), then registration order within one run. Read by the decision matcher
-- and the reconciliation models; views keep no data, so they follow every load at once.
CREATE OR REPLACE VIEW decision_current_agreements AS
SELECT
    agreements.sha256,
    agreements.district_ags,
    agreements.year,
    agreements.budget_total_eur,
    agreements.signed_on,
    raw_documents.original_name,
    raw_documents.first_seen_at
FROM agreements
LEFT JOIN raw_documents ON raw_documents.sha256 = agreements.sha256
QUALIFY row_number() OVER (
    PARTITION BY agreements.district_ags, agreements.year
    ORDER BY agreements.signed_on DESC NULLS LAST,
             raw_documents.first_seen_at DESC NULLS LAST,
             raw_documents.registration_seq DESC NULLS LAST,
             agreements.sha256 DESC
) = 1;

-- One row per decision line (every source of every decision), written by
-- pipelines.matching.projects.match_decision_lines; replaced per year, never updated in place.
CREATE TABLE IF NOT EXISTS decision_project_matches (
    decision_id          VARCHAR NOT NULL,
    sha256               VARCHAR NOT NULL,   -- source file of the decision line
    line_number          INTEGER NOT NULL,
    district_ags         VARCHAR NOT NULL,
    year                 INTEGER NOT NULL,
    project_name         VARCHAR NOT NULL,   -- as the decision writes it
    measure_type         INTEGER NOT NULL,   -- as the decision books it
    agreement_sha256     VARCHAR,            -- the current agreement matched against (NULL: none)
    matched_project_name VARCHAR,            -- best candidate in that agreement (NULL: none)
    matched_measure_type INTEGER,
    matched_position     INTEGER,
    score                DOUBLE,             -- 0..100, rapidfuzz on normalised names
    status               VARCHAR NOT NULL,   -- 'matched' | 'review' | 'unmatched'
    status_reason        VARCHAR NOT NULL,   -- why, in one sentence (German, shown to staff)
    matched_at           TIMESTAMP NOT NULL,
    PRIMARY KEY (decision_id, sha256, line_number)
);
