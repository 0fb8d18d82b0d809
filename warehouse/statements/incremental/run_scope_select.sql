SELECT years FROM run_scopes WHERE run_id = ?
