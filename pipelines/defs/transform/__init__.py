"""Reference data and the SQL models of ``warehouse/models``: one Dagster asset per table."""
