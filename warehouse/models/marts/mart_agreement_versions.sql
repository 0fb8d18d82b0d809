-- Every agreement version a district-year has (withdrawn documents left out), so a reviewer can
-- compare versions and settle two with the same signature date; is_current the one in force.
-- same_signature_date: another version carries the same signature date (the order between
-- them is only upload order, which a person should confirm); is_settled: a reviewer chose.
SELECT
    a.district_ags,
    a.district_name,
    a.year,
    a.version,
    a.versions,
    a.is_current,
    a.budget_total_eur::DECIMAL(14, 2) AS budget_total_eur,
    a.signed_on,
    a.first_seen_at,
    count(*) OVER (PARTITION BY a.district_ags, a.year, a.signed_on) > 1 AS same_signature_date,
    a.sha256 AS source_sha256,
    a.source_name,
    a.budget_page AS source_page,
    a.budget_line AS source_line,
    a.settled_sha256 IS NOT NULL AS is_settled,
    a.review_note
FROM stg_agreements AS a
ORDER BY a.year, a.district_ags, a.version
