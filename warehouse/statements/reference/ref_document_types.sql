-- ? = code, German text, English text of one DocumentType (pipelines.reference.coded_reference_rows).
INSERT INTO ref_document_types (document_type, name_de, name_en) VALUES (?, ?, ?);
