-- The grant state of every district-year as of getvariable('as_of_date') (set by
-- warehouse.build_models; today when unset), one row per measure type the applied decisions
-- name (a district-year whose decisions name none has one row with measure_type NULL).
-- Every decision restates the grant in full, so the last event on or before the date (by
-- decision date, then file number) sets the approved lines; a revocation sets them to 0; used
-- and reclaimed come from the last final decision (NULL before one). This model is the only
-- implementation of the rule (tests/decisions/test_decision_state.py).
WITH as_of AS (
    SELECT coalesce(CAST(getvariable('as_of_date') AS DATE), current_date) AS as_of_date
),
applied AS (
    SELECT e.*, as_of.as_of_date
    FROM stg_decision_events AS e
    CROSS JOIN as_of
    WHERE e.decision_date <= as_of.as_of_date
),
latest AS (
    SELECT
        *,
        count(*) OVER (PARTITION BY district_ags, year) AS n_events_applied
    FROM applied
    QUALIFY row_number() OVER (
        PARTITION BY district_ags, year ORDER BY decision_date DESC, decision_id DESC
    ) = 1
),
latest_final AS (
    SELECT *
    FROM applied
    WHERE decision_type = 'final'
    QUALIFY row_number() OVER (
        PARTITION BY district_ags, year ORDER BY decision_date DESC, decision_id DESC
    ) = 1
),
measure_types AS (
    SELECT DISTINCT a.district_ags, a.year, l.measure_type
    FROM applied AS a
    JOIN stg_decision_lines AS l ON l.decision_id = a.decision_id
),
line_sums AS (
    SELECT
        decision_id,
        measure_type,
        count(*) AS n_lines,
        sum(amount_eur) AS amount_eur,
        sum(used_eur) AS used_eur,
        sum(reclaimed_eur) AS reclaimed_eur
    FROM stg_decision_lines
    GROUP BY decision_id, measure_type
)
SELECT
    latest.district_ags,
    latest.district_name,
    latest.year,
    mt.measure_type,
    CASE WHEN latest.decision_type = 'revocation' THEN 0 ELSE coalesce(approved.amount_eur, 0) END
        ::DECIMAL(14, 2) AS approved_eur,
    CASE WHEN latest.decision_type = 'revocation' THEN 0 ELSE coalesce(approved.n_lines, 0) END
        ::INTEGER AS n_lines,
    CASE WHEN lf.decision_id IS NOT NULL THEN coalesce(final.used_eur, 0) END
        ::DECIMAL(14, 2) AS used_eur,
    CASE WHEN lf.decision_id IS NOT NULL THEN coalesce(final.reclaimed_eur, 0) END
        ::DECIMAL(14, 2) AS reclaimed_eur,
    CASE WHEN latest.decision_type = 'revocation' THEN 0 ELSE latest.total_eur END
        ::DECIMAL(14, 2) AS approved_total_eur,
    lf.used_total_eur::DECIMAL(14, 2) AS used_total_eur,
    lf.reclaimed_total_eur::DECIMAL(14, 2) AS reclaimed_total_eur,
    latest.decision_type = 'revocation' AS is_revoked,
    latest.decision_id,
    latest.decision_type,
    latest.decision_date,
    lf.decision_id AS final_decision_id,
    latest.n_events_applied::INTEGER AS n_events_applied,
    latest.as_of_date,
    latest.source_sha256,
    latest.source_name
FROM latest
LEFT JOIN measure_types AS mt ON mt.district_ags = latest.district_ags AND mt.year = latest.year
LEFT JOIN line_sums AS approved
    ON approved.decision_id = latest.decision_id AND approved.measure_type = mt.measure_type
LEFT JOIN latest_final AS lf ON lf.district_ags = latest.district_ags AND lf.year = latest.year
LEFT JOIN line_sums AS final
    ON final.decision_id = lf.decision_id AND final.measure_type = mt.measure_type
ORDER BY latest.district_ags, latest.year, mt.measure_type
