-- Soll/Ist per district and year: agreed = the agreement's total budget (per-measure amounts are
-- often not stated, so summing them would understate it); approved and used summed over the
-- measure types of the reconciliation.
SELECT r.district_ags,
       any_value(r.district_name) AS district_name,
       any_value(d.budget_total_eur) AS agreed_eur,
       sum(r.approved_eur) AS approved_eur,
       sum(r.used_eur) AS used_eur
FROM mart_reconciliation AS r
LEFT JOIN mart_district_year AS d ON d.district_ags = r.district_ags AND d.year = r.year
WHERE r.year = ?
GROUP BY r.district_ags
ORDER BY r.district_ags
