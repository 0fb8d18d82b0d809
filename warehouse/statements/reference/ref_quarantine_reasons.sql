-- ? = code, German text, English text of one Reason (pipelines.reference.coded_reference_rows).
INSERT INTO ref_quarantine_reasons (reason_code, reason_de, reason_en) VALUES (?, ?, ?);
