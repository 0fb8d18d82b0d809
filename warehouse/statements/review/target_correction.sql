-- The value a correction replaces: an agreement field (decision_id NULL) or a decision field.
-- Parameters: sha256, decision_id (or NULL), field.
WITH wanted AS (SELECT ?::VARCHAR AS sha256, ?::VARCHAR AS decision_id, ?::VARCHAR AS field)
SELECT a.source_sha256 AS sha256, NULL AS decision_id, w.field,
       CASE w.field
           WHEN 'budget_total_eur' THEN CAST(a.budget_total_eur AS VARCHAR)
           WHEN 'signed_on' THEN CAST(a.signed_on AS VARCHAR)
       END AS value
FROM mart_agreement_versions AS a, wanted AS w
WHERE w.decision_id IS NULL AND a.source_sha256 = w.sha256
UNION ALL
SELECT s.source_sha256, s.decision_id, w.field,
       CASE w.field
           WHEN 'total_eur' THEN CAST(s.total_eur AS VARCHAR)
           WHEN 'used_total_eur' THEN CAST(s.used_total_eur AS VARCHAR)
           WHEN 'reclaimed_total_eur' THEN CAST(s.reclaimed_total_eur AS VARCHAR)
           WHEN 'decision_date' THEN CAST(s.decision_date AS VARCHAR)
       END AS value
FROM mart_decision_sources AS s, wanted AS w
WHERE s.decision_id = w.decision_id AND s.source_sha256 = w.sha256
