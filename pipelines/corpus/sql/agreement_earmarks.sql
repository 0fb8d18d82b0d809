-- The earmarked amounts of one stored agreement.
SELECT amount_eur FROM agreement_earmarks WHERE sha256 = ?
