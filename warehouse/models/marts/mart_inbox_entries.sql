-- The Eingangsprotokoll: every entry of the inbox as the last run found it, with its outcome
-- (landed, duplicate, quarantined, skipped) and reason in German and English.
SELECT
    relative_path, kind, size_bytes, sha256, outcome, reason_code, reason_de, reason_en, reason,
    changed_at
FROM stg_inbox_entries
ORDER BY relative_path
