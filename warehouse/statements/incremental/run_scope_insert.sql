INSERT OR REPLACE INTO run_scopes (run_id, years) VALUES (?, ?)
