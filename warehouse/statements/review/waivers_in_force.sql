-- The waivers in force (running or expired) for the check runner: one row per waiver.
SELECT review_id, suite, year, district_ags, valid_until, reason, reviewer
FROM review_in_force
WHERE kind = 'waive'
