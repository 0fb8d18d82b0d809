-- Quarantine reasons as codes (pipelines.reasons.Reason) stored with their German and English
-- texts, and one quarantine entry per file: a tabular file with rejected rows gets one entry
-- counting them (rejected_rows), the rows themselves move to their own table.
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS reason_code VARCHAR;
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS reason_de VARCHAR;
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS reason_en VARCHAR;
ALTER TABLE quarantine ADD COLUMN IF NOT EXISTS rejected_rows INTEGER;
CREATE TABLE IF NOT EXISTS rejected_rows (
    sha256     VARCHAR NOT NULL,
    row_number INTEGER,                  -- 1-based row of the file (NULL: not attributable)
    reason     VARCHAR NOT NULL
);
INSERT INTO rejected_rows SELECT sha256, row_number, reason FROM quarantine WHERE row_number IS NOT NULL;
DELETE FROM quarantine WHERE row_number IS NOT NULL;
ALTER TABLE quarantine DROP COLUMN row_number;
