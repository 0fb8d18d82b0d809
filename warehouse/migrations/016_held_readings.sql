-- Held scan readings (issue 16, pipelines.parse.held): a scan read unsure whose parser still
-- produced a record keeps that reading in its quarantine entry (fields as JSON, and the SHA-256
-- a release pins); a reviewer's release (review kind 'release') lets exactly that reading land,
-- and parse_results says which release did.
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS reading_hash VARCHAR;
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS held_reading VARCHAR;
ALTER TABLE parse_results ADD COLUMN IF NOT EXISTS reading_hash VARCHAR;
ALTER TABLE parse_results ADD COLUMN IF NOT EXISTS released_by VARCHAR;
ALTER TABLE review_log ADD COLUMN IF NOT EXISTS reading_hash VARCHAR;
