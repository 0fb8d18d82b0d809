-- The current agreement of a district-year is a function of the documents, never of their
-- arrival order (issue 11). The content fingerprint of a parsed agreement: a sha256 over every
-- parsed field (district, year, budget, ministry, signature date, measures, projects, earmarks,
-- other budgets; not page/line provenance). Documents with the same fingerprint are one version
-- (a byte-different copy is a duplicate, not a correction); versions signed the same day are
-- ordered by it (the larger is current). A view, so stg_agreements and the matcher share it.
CREATE OR REPLACE VIEW agreement_fingerprints AS
WITH measure_text AS (
    SELECT sha256, string_agg(
        concat_ws(':', measure_type, name, coalesce(amount_eur::VARCHAR, '-'), listed),
        ';' ORDER BY measure_type
    ) AS measures
    FROM agreement_measures
    GROUP BY sha256
),
project_text AS (
    SELECT sha256, string_agg(
        concat_ws(':', measure_type, position, project_name, coalesce(amount_eur::VARCHAR, '-')),
        ';' ORDER BY measure_type, position
    ) AS projects
    FROM agreement_projects
    GROUP BY sha256
),
earmark_text AS (
    SELECT sha256, string_agg(
        concat_ws(':', label, coalesce(amount_eur::VARCHAR, '-')),
        ';' ORDER BY label, amount_eur
    ) AS earmarks
    FROM agreement_earmarks
    GROUP BY sha256
),
other_budget_text AS (
    SELECT sha256, string_agg(concat_ws(':', label, amount_eur), ';' ORDER BY label, amount_eur)
        AS other_budgets
    FROM agreement_other_budgets
    GROUP BY sha256
)
SELECT
    a.sha256,
    sha256(concat_ws(
        '|', a.district_ags, a.year, a.budget_total_eur, a.ministry,
        coalesce(a.ministry_short, '-'), coalesce(a.signed_on::VARCHAR, '-'),
        coalesce(m.measures, '-'), coalesce(p.projects, '-'), coalesce(e.earmarks, '-'),
        coalesce(o.other_budgets, '-')
    )) AS content_fingerprint
FROM agreements AS a
LEFT JOIN measure_text AS m USING (sha256)
LEFT JOIN project_text AS p USING (sha256)
LEFT JOIN earmark_text AS e USING (sha256)
LEFT JOIN other_budget_text AS o USING (sha256);

-- The current agreement for the matcher, by the rule of stg_agreements: withdrawn documents
-- are out, a settled version wins its district-year, then the latest (corrected) signature
-- date, then a document still in the inbox over one whose file is gone or was rewritten in place,
-- then the larger content fingerprint; of documents with the same content the one a
-- reviewer chose or corrected, else the smallest sha256.
CREATE OR REPLACE VIEW decision_current_agreements AS
WITH candidates AS (
    SELECT
        agreements.sha256,
        agreements.district_ags,
        agreements.year,
        agreements.budget_total_eur,
        coalesce(CAST(corrected.new_value AS DATE), agreements.signed_on) AS signed_on,
        raw_documents.original_name,
        raw_documents.first_seen_at,
        fingerprints.content_fingerprint,
        coalesce(settled.chosen_sha256 = agreements.sha256, false) AS is_chosen,
        agreements.sha256 IN (
            SELECT sha256 FROM review_in_force WHERE kind = 'correct' AND decision_id IS NULL
        ) AS is_corrected,
        agreements.sha256 IN (
            SELECT sha256 FROM raw_document_sightings WHERE last_seen_at IS NULL
        ) AS is_present
    FROM agreements
    JOIN agreement_fingerprints AS fingerprints ON fingerprints.sha256 = agreements.sha256
    LEFT JOIN raw_documents ON raw_documents.sha256 = agreements.sha256
    LEFT JOIN review_in_force AS settled
        ON settled.kind = 'settle' AND settled.decision_id IS NULL
       AND settled.district_ags = agreements.district_ags AND settled.year = agreements.year
    LEFT JOIN review_in_force AS corrected
        ON corrected.kind = 'correct' AND corrected.decision_id IS NULL
       AND corrected.field = 'signed_on' AND corrected.sha256 = agreements.sha256
    WHERE agreements.sha256 NOT IN (SELECT sha256 FROM review_in_force WHERE kind = 'withdraw')
),
distinct_contents AS (
    SELECT *
    FROM candidates
    QUALIFY row_number() OVER (
        PARTITION BY content_fingerprint ORDER BY is_chosen DESC, is_corrected DESC, sha256
    ) = 1
)
SELECT sha256, district_ags, year, budget_total_eur, signed_on, original_name, first_seen_at
FROM distinct_contents
QUALIFY row_number() OVER (
    PARTITION BY district_ags, year
    ORDER BY is_chosen DESC, signed_on DESC NULLS LAST, is_present DESC, content_fingerprint DESC
) = 1;
