-- Agreed vs approved vs used, district x year x measure type: four rows for every district-year
-- with a current agreement or a grant decision. Amounts DECIMAL(14,2) euro.
--   agreed_eur           per-measure amount of the current agreement (NULL when it gives none)
--   agreed_total_eur     the agreement's budget_total_eur (district-year level, on all 4 rows)
--   approved_eur         current decision state for the type (0 when decisions approve nothing
--                        for it or were revoked; NULL without any decision)
--   used_eur, reclaimed_eur  from the last final decision (NULL before one)
-- State and reference date: getvariable('as_of_date') (warehouse.build_models; else today).
-- Flags (BOOLEAN, never NULL):
--   flag_total_approved_above_agreed   district-year: approved total > budget_total_eur
--   flag_measure_approved_above_agreed type: approved_eur > agreed_eur (only where agreed_eur)
--   flag_approved_above_agreed         either of the two
--   flag_decision_without_agreement    district-year: a decision state, no agreement
--   flag_agreement_without_decision    district-year: an agreement, no decision on or before the
--                                      reference date, and that date is after 31 March (the
--                                      application deadline) of the year
--   flag_measure_not_in_agreement      type: the current decision approves lines for it while the
--                                      agreement lists no project and no amount for it
-- from_scan (BOOLEAN, never NULL): a figure of the row was read by OCR from a scanned original
-- ("aus Scan gelesen", issue 16): the current agreement (agreed amounts), the decision that sets
-- the approved state or the final decision that gives used and reclaimed. District-year level.
WITH as_of AS (
    SELECT coalesce(CAST(getvariable('as_of_date') AS DATE), current_date) AS as_of_date
),
agreements AS (
    SELECT district_ags, year, sha256, budget_total_eur, source_name, from_scan
    FROM stg_agreements
    WHERE is_current
),
states AS (
    SELECT DISTINCT
        st.district_ags, st.year, st.decision_id, st.decision_type, st.approved_total_eur,
        st.used_total_eur, st.reclaimed_total_eur, st.is_revoked, st.source_sha256,
        -- the events whose figures the state shows: the latest (approved), the last final (used)
        coalesce(latest.from_scan, false) OR coalesce(final.from_scan, false) AS from_scan
    FROM stg_decision_state AS st
    LEFT JOIN stg_decision_events AS latest ON latest.decision_id = st.decision_id
    LEFT JOIN stg_decision_events AS final ON final.decision_id = st.final_decision_id
),
state_measures AS (
    SELECT district_ags, year, measure_type, approved_eur, n_lines, used_eur, reclaimed_eur
    FROM stg_decision_state
    WHERE measure_type IS NOT NULL
),
district_years AS (
    SELECT district_ags, year FROM agreements
    UNION
    SELECT district_ags, year FROM states
),
grid AS (
    SELECT
        dy.district_ags,
        dy.year,
        t.measure_type,
        t.short_name_de AS measure_name,
        a.sha256 AS agreement_sha256,
        a.source_name AS agreement_source_name,
        a.budget_total_eur,
        m.amount_eur AS agreed_eur,
        coalesce(m.n_projects, 0) AS n_agreed_projects,
        s.decision_id,
        s.decision_type,
        s.source_sha256 AS decision_source_sha256,
        s.approved_total_eur,
        s.used_total_eur,
        s.reclaimed_total_eur,
        sm.approved_eur AS state_approved_eur,
        sm.n_lines AS state_n_lines,
        sm.used_eur AS state_used_eur,
        sm.reclaimed_eur AS state_reclaimed_eur,
        a.district_ags IS NOT NULL AS has_agreement,
        s.district_ags IS NOT NULL AS has_decisions,
        coalesce(a.from_scan, false) OR coalesce(s.from_scan, false) AS from_scan,
        as_of.as_of_date
    FROM district_years AS dy
    CROSS JOIN ref_measure_types AS t
    CROSS JOIN as_of
    LEFT JOIN agreements AS a ON a.district_ags = dy.district_ags AND a.year = dy.year
    LEFT JOIN stg_agreement_measures AS m
        ON m.district_ags = dy.district_ags AND m.year = dy.year AND m.measure_type = t.measure_type
    LEFT JOIN states AS s ON s.district_ags = dy.district_ags AND s.year = dy.year
    LEFT JOIN state_measures AS sm
        ON sm.district_ags = dy.district_ags AND sm.year = dy.year AND sm.measure_type = t.measure_type
),
amounts AS (
    SELECT
        *,
        CASE WHEN has_decisions THEN coalesce(state_approved_eur, 0) END AS approved_eur,
        CASE WHEN used_total_eur IS NOT NULL THEN coalesce(state_used_eur, 0) END AS used_eur,
        CASE WHEN used_total_eur IS NOT NULL THEN coalesce(state_reclaimed_eur, 0) END AS reclaimed_eur
    FROM grid
),
flagged AS (
    SELECT
        *,
        coalesce(has_agreement AND has_decisions AND approved_total_eur > budget_total_eur, false)
            AS flag_total_approved_above_agreed,
        coalesce(agreed_eur IS NOT NULL AND approved_eur > agreed_eur, false)
            AS flag_measure_approved_above_agreed,
        has_decisions AND NOT has_agreement AS flag_decision_without_agreement,
        has_agreement AND NOT has_decisions AND as_of_date > make_date(year, 3, 31)
            AS flag_agreement_without_decision,
        has_agreement AND coalesce(state_n_lines, 0) > 0 AND n_agreed_projects = 0
            AND coalesce(agreed_eur, 0) = 0 AS flag_measure_not_in_agreement
    FROM amounts
)
SELECT
    f.district_ags,
    districts.official_name AS district_name,
    f.year,
    f.measure_type,
    f.measure_name,
    f.agreed_eur::DECIMAL(14, 2) AS agreed_eur,
    f.approved_eur::DECIMAL(14, 2) AS approved_eur,
    f.used_eur::DECIMAL(14, 2) AS used_eur,
    f.reclaimed_eur::DECIMAL(14, 2) AS reclaimed_eur,
    f.flag_total_approved_above_agreed OR f.flag_measure_approved_above_agreed
        AS flag_approved_above_agreed,
    f.flag_decision_without_agreement,
    f.flag_agreement_without_decision,
    f.flag_measure_not_in_agreement,
    f.flag_total_approved_above_agreed,
    f.flag_measure_approved_above_agreed,
    (f.flag_total_approved_above_agreed OR f.flag_measure_approved_above_agreed
        OR f.flag_decision_without_agreement OR f.flag_agreement_without_decision
        OR f.flag_measure_not_in_agreement) AS has_flag,
    f.budget_total_eur::DECIMAL(14, 2) AS agreed_total_eur,
    f.approved_total_eur::DECIMAL(14, 2) AS approved_total_eur,
    f.used_total_eur::DECIMAL(14, 2) AS used_total_eur,
    f.reclaimed_total_eur::DECIMAL(14, 2) AS reclaimed_total_eur,
    f.n_agreed_projects::INTEGER AS n_agreed_projects,
    coalesce(f.state_n_lines, 0)::INTEGER AS n_approved_lines,
    f.has_agreement,
    f.has_decisions,
    f.decision_id AS current_decision_id,
    f.decision_type AS current_decision_type,
    f.as_of_date AS reference_date,
    f.agreement_sha256,
    f.agreement_source_name,
    f.decision_source_sha256,
    f.from_scan
FROM flagged AS f
LEFT JOIN ref_districts AS districts ON districts.district_ags = f.district_ags
ORDER BY f.year, f.district_ags, f.measure_type
