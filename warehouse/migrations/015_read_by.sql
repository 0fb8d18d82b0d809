-- Which OCR reader read a scan (issue 16): the engine's version and the model, the second model
-- named by the start of its file's sha256 ("tesseract 5.3.0 deu@a1b72cc2eb03"). A reviewer can
-- read the scan again alike; NULL for a text layer or a table.
ALTER TABLE parse_results ADD COLUMN IF NOT EXISTS read_by VARCHAR;
