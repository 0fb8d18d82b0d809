-- ? = path of the shipped CSV. Read as text so keys keep their leading zeros; empty cells are NULL;
-- the insert casts each column to the table's type.
INSERT INTO ref_measure_types BY NAME
SELECT * FROM read_csv(?, header = true, all_varchar = true, auto_detect = true);
