"""DuckDB warehouse: schema migrations and SQL models kept as ``.sql`` files, loaded by name.

Layers (each its own folder, nothing reaches around another):
``migrations/`` tables (raw registry, parsed records, quarantine, reference) ->
``models/staging/`` cleaned current views of parsed records ->
``models/marts/`` what the dashboard and downloads read (copied into a published snapshot).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse import lineage

WAREHOUSE_DIR = Path(str(resources.files("warehouse")))
MIGRATIONS_DIR = WAREHOUSE_DIR / "migrations"
MODELS_DIR = WAREHOUSE_DIR / "models"


@cache
def load_sql(name: str) -> str:
    """The SQL text of ``name``: ``"marts/mart_budget"``, ``"staging/stg_agreements"``, a
    migration file stem such as ``"001_reference"``, or a statement used by the ingest code such
    as ``"statements/loader/agreements"`` (under ``warehouse/statements/<area>/``)."""
    candidates = [
        MODELS_DIR / f"{name}.sql",
        MIGRATIONS_DIR / f"{name}.sql",
        WAREHOUSE_DIR / f"{name}.sql",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no SQL file named {name!r} under {WAREHOUSE_DIR}")


def migration_files() -> list[Path]:
    """Numbered migrations in the order they must run."""
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))


@contextmanager
def transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """``BEGIN``, then ``COMMIT`` when the block ends or ``ROLLBACK`` (re-raising) when it
    raises: every multi-statement write of the warehouse is all or nothing this way."""
    connection.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


# DuckDB's buffer pool defaults to 80 % of RAM: an ingest of a large corpus then holds gigabytes
# it does not need (the bench measured 1.7 GB at 64x). A fixed limit makes DuckDB spill to its
# temp folder instead; both are configurable for bigger machines. 256 MB rather than 512 MB:
# rebuilding staging and marts of the 64x warehouse peaked 544 MB above the process's base with
# 512 MB and 311 MB with 256 MB, in a process that already holds ~500 MB of libraries.
MEMORY_LIMIT_ENV = "AQB_DUCKDB_MEMORY_LIMIT"
THREADS_ENV = "AQB_DUCKDB_THREADS"
DEFAULT_MEMORY_LIMIT = "256MB"


def connection_config() -> dict[str, str | int]:
    """DuckDB settings of every warehouse connection: memory limit and worker threads."""
    threads = os.environ.get(THREADS_ENV, "").strip()
    return {
        "memory_limit": os.environ.get(MEMORY_LIMIT_ENV, "").strip() or DEFAULT_MEMORY_LIMIT,
        "threads": int(threads) if threads else max(os.cpu_count() or 1, 1),
    }


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (creating its folder), migrated to the latest schema if writable,
    with a bounded memory limit (``connection_config``)."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(path), read_only=read_only, config=connection_config())
    if not read_only:
        migrate(connection)
    return connection


def migrate(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply migrations not yet recorded in ``schema_migrations``; returns the ones applied."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    applied = {
        row[0] for row in connection.execute("SELECT version FROM schema_migrations").fetchall()
    }
    newly_applied: list[str] = []
    for migration in migration_files():
        if migration.stem in applied:
            continue
        with transaction(connection):
            connection.execute(migration.read_text(encoding="utf-8"))
            connection.execute(
                "INSERT INTO schema_migrations (version) VALUES (?)", [migration.stem]
            )
        newly_applied.append(migration.stem)
    return newly_applied


# --- models: staging and marts -------------------------------------------------------------------
#
# A model is one ``SELECT`` in ``models/<layer>/<table>.sql``; ``build_models`` materialises it as
# ``CREATE OR REPLACE TABLE <table> AS <select>``. Models reference each other by table name; the
# build order inside a layer follows those references as DuckDB's parser reads them
# (``warehouse.lineage``: a model reading another model of its layer is built after it). Build
# ``staging`` before ``marts``. The same references are the lineage of the Dagster assets.
#
# Reference date: models that need "as of" semantics (the state of grant decisions on a day) read
# ``getvariable('as_of_date')`` (a DATE). ``build_models`` sets it with ``SET VARIABLE as_of_date
# = ?`` before building, to the ``as_of_date`` argument or today. Models never take ``?``
# parameters themselves, so every model file stays a plain, runnable SELECT.

MODEL_LAYERS = ("staging", "marts")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def model_files(layer: str) -> dict[str, Path]:
    """Model table name -> SQL file for one layer (``staging`` or ``marts``)."""
    if layer not in MODEL_LAYERS:
        raise ValueError(f"unknown model layer {layer!r}; expected one of {MODEL_LAYERS}")
    files = sorted((MODELS_DIR / layer).glob("*.sql"))
    for file in files:
        if not _IDENTIFIER.match(file.stem):
            raise ValueError(f"model file {file.name} is not a valid lower-case table name")
    return {file.stem: file for file in files}


@dataclass(frozen=True)
class Model:
    """One model file: its table, layer, SQL, the tables it reads and what its comment says."""

    table: str
    layer: str
    path: Path
    sql: str
    reads: frozenset[str]  # every table or view the SELECT names (DuckDB's parser), CTEs excluded
    description: str  # the file's leading ``--`` comment


def model(layer: str, table: str) -> Model:
    """The model ``table`` of ``layer`` as its file reads now (the parse is cached by SQL text)."""
    path = model_files(layer)[table]
    sql = path.read_text(encoding="utf-8").strip().rstrip(";")
    return Model(
        table=table,
        layer=layer,
        path=path,
        sql=sql,
        reads=frozenset(lineage.referenced_tables(sql)),
        description=lineage.leading_comment(sql),
    )


def models(layer: str | None = None) -> list[Model]:
    """Every model of ``layer`` (both layers, staging first, when None), in build order."""
    layers = MODEL_LAYERS if layer is None else (layer,)
    found: list[Model] = []
    for name in layers:
        by_table = {table: model(name, table) for table in model_files(name)}
        order = lineage.build_order({table: m.reads for table, m in by_table.items()})
        found.extend(by_table[table] for table in order)
    return found


def build_models(
    connection: duckdb.DuckDBPyConnection,
    layer: str,
    as_of_date: date | None = None,
    only: Iterable[str] | None = None,
) -> dict[str, int]:
    """Materialise every model of ``layer`` (or just those named in ``only``) in one transaction.

    One transaction so readers of the warehouse never see staging and marts from different runs;
    a failing model rolls the whole layer back. Returns table name -> row count.
    """
    layer_models = models(layer)
    names = {m.table for m in layer_models}
    wanted = names if only is None else set(only)
    unknown = wanted - names
    if unknown:
        raise ValueError(f"no {layer} model named {sorted(unknown)}")
    connection.execute("SET VARIABLE as_of_date = ?", [as_of_date or date.today()])
    row_counts: dict[str, int] = {}
    with transaction(connection):
        for each in layer_models:
            if each.table not in wanted:
                continue
            # ``table`` is a validated identifier taken from a file name, never a value.
            connection.execute(f"CREATE OR REPLACE TABLE {each.table} AS\n{each.sql}")
            row_counts[each.table] = scalar(connection, f"SELECT count(*) FROM {each.table}")
    return row_counts


# --- reference data --------------------------------------------------------------------------------


def load_reference_data(
    connection: duckdb.DuckDBPyConnection, extra_districts_path: Path | None = None
) -> dict[str, int]:
    """Replace every ``ref_*`` table from the shipped CSVs, plus extra districts when given.

    Full replace on every ingest so a corrected CSV in a new release takes effect without a
    migration. Extra districts (bench corpora, see ``pipelines.reference.DistrictIndex``) go into
    ``ref_districts``, ``ref_district_population`` and ``ref_district_name_forms``. Returns table
    name -> row count.
    """
    from pipelines.reference import DATA_DIR, REFERENCE_TABLES, coded_reference_rows

    coded = coded_reference_rows()
    with transaction(connection):
        connection.execute(load_sql("statements/reference/clear_reference_tables"))
        for table, csv_name in REFERENCE_TABLES.items():
            connection.execute(
                load_sql(f"statements/reference/{table}"), [str(DATA_DIR / csv_name)]
            )
        for table, rows in coded.items():
            connection.executemany(load_sql(f"statements/reference/{table}"), rows)
        if extra_districts_path is not None:
            for statement in (
                "extra_ref_districts",
                "extra_ref_district_population",
                "extra_ref_district_name_forms",
            ):
                connection.execute(
                    load_sql(f"statements/reference/{statement}"), [str(extra_districts_path)]
                )
    return {
        table: scalar(connection, f"SELECT count(*) FROM {table}")
        for table in (*REFERENCE_TABLES, *coded)
    }


# --- bulk rows -------------------------------------------------------------------------------------


@contextmanager
def registered(connection: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """Expose an Arrow table to SQL as view ``name`` for the duration of the block.

    Bulk inserts go through Arrow (one ``INSERT ... SELECT`` per table instead of a round trip
    per row). DuckDB 2 refuses to register while a previous ``execute`` result is unread, so the
    connection's pending result is run to its end first.
    """
    connection.complete()
    connection.register(name, table)
    try:
        yield
    finally:
        connection.complete()
        connection.unregister(name)


def scalar(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list | None = None):
    """The single value of a one-row, one-column query (the result is read to its end)."""
    rows = connection.execute(sql, parameters or []).fetchall()
    return rows[0][0]
