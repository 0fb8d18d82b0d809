-- The parse result of one document: 'ok' | 'quarantined' (no row: never parsed).
SELECT status FROM parse_results WHERE sha256 = ?
