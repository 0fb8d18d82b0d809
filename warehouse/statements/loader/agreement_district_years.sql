-- District-years with an agreement from a document outside the registered view parsed_batch(sha256).
SELECT DISTINCT district_ags, year
FROM agreements
WHERE sha256 NOT IN (SELECT sha256 FROM parsed_batch);
