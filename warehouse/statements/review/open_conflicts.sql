-- Grant decisions whose copies disagree and that no reviewer has settled, one row per copy.
SELECT decision_id, district_ags, year, decision_type, decision_date, total_eur, used_total_eur,
       reclaimed_total_eur, source_format, source_sha256, source_name, source_page, source_line,
       is_chosen
FROM mart_decision_sources
WHERE has_source_conflict AND NOT conflict_settled
ORDER BY year, district_ags, decision_id, is_chosen DESC, source_sha256
