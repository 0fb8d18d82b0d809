-- The other budgets (e.g. Arbeitsmarktbudget) of one stored agreement.
SELECT amount_eur FROM agreement_other_budgets WHERE sha256 = ?
