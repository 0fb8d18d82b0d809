-- Figures read by OCR from a scanned PDF (issue 16): the dashboard and downloads mark them
-- "aus Scan gelesen". A scan whose key fields are unsure never lands here: it is quarantined
-- (reason_code 'scan_unsure') with a German detail in quarantine.reason_de.
ALTER TABLE agreements ADD COLUMN IF NOT EXISTS from_scan BOOLEAN DEFAULT false;
ALTER TABLE decisions ADD COLUMN IF NOT EXISTS from_scan BOOLEAN DEFAULT false;
