-- The signature dates of one stored agreement.
SELECT signed_on FROM agreement_signatures WHERE sha256 = ? AND signed_on IS NOT NULL
