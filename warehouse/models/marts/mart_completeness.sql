-- Every district x every year in the data: was an agreement received, were decisions received,
-- and how many quarantined rows could be attributed to that district-year (files a reviewer
-- marked "nicht relevant" not counted).
WITH years AS (
    SELECT year FROM stg_agreements
    UNION
    SELECT year FROM stg_decision_state
),
agreement_years AS (
    SELECT DISTINCT district_ags, year FROM stg_agreements
),
decision_years AS (
    SELECT DISTINCT district_ags, year FROM stg_decision_state
),
quarantined AS (
    SELECT district_ags, year, sum(rejected_rows) AS n_quarantined
    FROM stg_quarantine
    WHERE district_ags IS NOT NULL AND NOT is_dismissed
    GROUP BY district_ags, year
)
SELECT
    d.district_ags,
    d.district_name,
    y.year,
    a.district_ags IS NOT NULL AS agreement_received,
    dy.district_ags IS NOT NULL AS decisions_received,
    coalesce(q.n_quarantined, 0)::INTEGER AS n_quarantined
FROM stg_districts AS d
CROSS JOIN years AS y
LEFT JOIN agreement_years AS a ON a.district_ags = d.district_ags AND a.year = y.year
LEFT JOIN decision_years AS dy ON dy.district_ags = d.district_ags AND dy.year = y.year
LEFT JOIN quarantined AS q ON q.district_ags = d.district_ags AND q.year = y.year
ORDER BY y.year, d.district_ags
