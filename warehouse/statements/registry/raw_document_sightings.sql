-- One sighting per inbox file, from the registered view raw_document_sightings_batch.
INSERT INTO raw_document_sightings BY NAME SELECT * FROM raw_document_sightings_batch;
