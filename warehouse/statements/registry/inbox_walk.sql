-- Record the latest walk of the inbox (one row: the previous one is replaced).
DELETE FROM inbox_walks;
INSERT INTO inbox_walks VALUES (?, ?, ?, ?);
