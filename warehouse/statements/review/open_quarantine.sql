-- Quarantined files no reviewer has marked "nicht relevant" (rejected_rows > 0: a tabular file
-- whose other rows landed); a scan read unsure may hold its reading (reading_hash,
-- held_reading: pipelines.parse.held) for a reviewer to release.
SELECT sha256, original_name, reason_code, reason_de, reason, rejected_rows, quarantined_at,
       district_ags, year,
       reading_hash, held_reading
FROM mart_quarantine
WHERE NOT is_dismissed
ORDER BY quarantined_at DESC, original_name
