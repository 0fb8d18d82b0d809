-- The stored agreement of one document: district, year, total budget.
SELECT district_ags, year, budget_total_eur FROM agreements WHERE sha256 = ?
