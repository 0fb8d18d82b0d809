-- The measure types of one stored agreement with their amounts.
SELECT measure_type, amount_eur FROM agreement_measures WHERE sha256 = ? ORDER BY measure_type
