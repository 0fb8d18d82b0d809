-- check_results.rule now holds the German rule people read ("Bewilligt nicht über dem
-- vereinbarten Budget"); the GX expectation behind it, for data engineers, moves to its own column.
ALTER TABLE check_results ADD COLUMN IF NOT EXISTS expectation VARCHAR;
