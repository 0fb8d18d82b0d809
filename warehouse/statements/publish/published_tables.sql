-- Base tables of the warehouse's main schema, by name (the caller keeps mart_* and ref_*).
SELECT table_name
FROM information_schema.tables
WHERE table_schema = 'main' AND table_type = 'BASE TABLE' AND table_catalog = current_database()
ORDER BY table_name;
