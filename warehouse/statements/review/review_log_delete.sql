-- The copy of the review log is replaced as a whole on every ingest.
DELETE FROM review_log
