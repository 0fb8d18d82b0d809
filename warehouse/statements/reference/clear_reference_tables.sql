-- Reference data is replaced in full on every load (see warehouse.load_reference_data).
DELETE FROM ref_districts;
DELETE FROM ref_district_population;
DELETE FROM ref_district_name_forms;
DELETE FROM ref_measure_types;
DELETE FROM ref_measure_type_names;
DELETE FROM ref_ministries;
DELETE FROM ref_published_figures;
DELETE FROM ref_document_types;
DELETE FROM ref_quarantine_reasons;
