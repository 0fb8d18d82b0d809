-- Every review decision ever recorded, in the order it was made (the audit trail).
SELECT log_line, review_id, kind, kind_name, state, reviewer, decided_at, reason, target_key,
       replaces, revoked_by, district_ags, year, sha256, decision_id, line_number, suite, field,
       project_name, chosen_sha256, new_value, valid_until, target_json, payload_json,
       previous_json
FROM mart_review_decisions
ORDER BY log_line
