"""DuckDB warehouse: schema migrations and SQL models kept as ``.sql`` files, loaded by name.

Layers (each its own folder, nothing reaches around another):
``migrations/`` tables (raw registry, parsed records, quarantine, reference) ->
``models/staging/`` cleaned current views of parsed records ->
``models/marts/`` what the dashboard and downloads read (copied into a published snapshot).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import duckdb

WAREHOUSE_DIR = Path(str(resources.files("warehouse")))
MIGRATIONS_DIR = WAREHOUSE_DIR / "migrations"
MODELS_DIR = WAREHOUSE_DIR / "models"


@cache
def load_sql(name: str) -> str:
    """The SQL text of ``name``: ``"marts/mart_budget"``, ``"staging/stg_agreements"`` or a
    migration file stem such as ``"001_reference"``."""
    candidates = [MODELS_DIR / f"{name}.sql", MIGRATIONS_DIR / f"{name}.sql", WAREHOUSE_DIR / f"{name}.sql"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no SQL file named {name!r} under {WAREHOUSE_DIR}")


def migration_files() -> list[Path]:
    """Numbered migrations in the order they must run."""
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (creating its folder), migrated to the latest schema if writable."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        migrate(connection)
    return connection


def migrate(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply migrations not yet recorded in ``schema_migrations``; returns the ones applied."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    applied = {row[0] for row in connection.execute("SELECT version FROM schema_migrations").fetchall()}
    newly_applied: list[str] = []
    for migration in migration_files():
        if migration.stem in applied:
            continue
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute(migration.read_text(encoding="utf-8"))
            connection.execute("INSERT INTO schema_migrations (version) VALUES (?)", [migration.stem])
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        newly_applied.append(migration.stem)
    return newly_applied
