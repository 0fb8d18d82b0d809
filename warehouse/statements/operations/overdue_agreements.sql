-- Agreements overdue: each district x each budget year from the first one in the data up to the
-- as-of date's year, whose due date (that year's month ?, day ?) lies before the as-of date ?,
-- without a received agreement. Reads mart_completeness (warehouse or published snapshot).
-- A due day beyond the month's end (02-29 in other years) falls on the month's last day.
WITH districts AS (
    SELECT DISTINCT district_ags, district_name FROM mart_completeness
),
due AS (
    SELECT
        year,
        least(
            make_date(year, ?::INTEGER, 1) + (?::INTEGER - 1) * INTERVAL 1 DAY,
            last_day(make_date(year, ?::INTEGER, 1))
        )::DATE AS due_date
    FROM (
        SELECT unnest(range(min(year), year(?::DATE) + 1)) AS year FROM mart_completeness
    )
)
SELECT d.district_ags, d.district_name, due.year, due.due_date
FROM districts AS d
CROSS JOIN due
LEFT JOIN mart_completeness AS c
    ON c.district_ags = d.district_ags AND c.year = due.year AND c.agreement_received
WHERE due.due_date < ?::DATE AND c.district_ags IS NULL
ORDER BY due.year, d.district_ags
