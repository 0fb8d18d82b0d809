-- Insert the review log rows from the registered relation _aqb_review_rows (pipelines.review.load).
INSERT INTO review_log BY NAME SELECT * FROM _aqb_review_rows
