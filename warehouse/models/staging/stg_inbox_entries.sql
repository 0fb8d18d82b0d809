-- Every inbox entry of the latest walk with its outcome: skipped (with the walk's reason),
-- duplicate (the same bytes as an entry earlier in path order), quarantined (the document's
-- quarantine reason) or landed (a file whose other rows landed keeps its rejected-rows entry).
-- Reasons come from stg_quarantine, so its rule for a code without a German text ("Sonstiger
-- Grund") is the one rule for both the quarantine list and the Eingangsprotokoll.
WITH ranked AS (
    SELECT
        e.*,
        row_number() OVER (PARTITION BY e.sha256 ORDER BY e.relative_path) AS copy_number,
        first_value(e.relative_path) OVER (
            PARTITION BY e.sha256 ORDER BY e.relative_path
        ) AS first_copy
    FROM inbox_entries AS e
)
SELECT
    r.relative_path,
    r.kind,
    r.size_bytes,
    r.sha256,
    CASE
        WHEN r.skip_code IS NOT NULL THEN 'skipped'
        WHEN r.copy_number > 1 THEN 'duplicate'
        WHEN p.status = 'quarantined' THEN 'quarantined'
        WHEN p.status = 'ok' THEN 'landed'
        ELSE 'registered'
    END AS outcome,
    CASE
        WHEN r.skip_code IS NOT NULL THEN r.skip_code
        WHEN r.copy_number > 1 THEN NULL
        ELSE q.reason_code
    END AS reason_code,
    CASE
        WHEN r.skip_code IS NOT NULL THEN r.skip_de
        WHEN r.copy_number > 1 THEN 'Gleicher Inhalt wie ' || r.first_copy
        ELSE q.reason_de
    END AS reason_de,
    CASE
        WHEN r.skip_code IS NOT NULL THEN r.skip_en
        WHEN r.copy_number > 1 THEN 'Same bytes as ' || r.first_copy
        ELSE q.reason_en
    END AS reason_en,
    CASE
        WHEN r.skip_code IS NOT NULL THEN r.skip_detail
        WHEN r.copy_number > 1 THEN NULL
        ELSE q.reason
    END AS reason,
    r.changed_at
FROM ranked AS r
LEFT JOIN parse_results AS p ON p.sha256 = r.sha256
LEFT JOIN stg_quarantine AS q ON q.sha256 = r.sha256
ORDER BY r.relative_path
