"""Every read the dashboard makes, cached per published snapshot.

The connection is cached per snapshot file (``st.cache_resource``); results per snapshot id and
arguments (``st.cache_data``), so a new publication invalidates everything at once and a page
only ever waits on its own queries. Export tables come from ``pipelines.exports`` so a page's
table and its download are the same rows; page-only queries live in ``dashboards/sql/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from pipelines.exports import (
    ExportFilters,
    MissingMartError,
    SnapshotRef,
    build_table,
    connect_snapshot,
    read_snapshot_info,
    table_exists,
)
from pipelines.exports.tables import query_frame

SQL_DIR = Path(__file__).resolve().parent / "sql"


@dataclass(frozen=True)
class Snapshot:
    """The published snapshot a page reads, with its ``snapshot_info`` row."""

    ref: SnapshotRef
    info: dict[str, Any]

    @property
    def snapshot_id(self) -> str:
        return self.ref.snapshot_id


@cache
def load_sql(name: str) -> str:
    """The text of ``dashboards/sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@st.cache_resource(show_spinner=False)
def snapshot_connection(snapshot_path: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per snapshot file; each query takes its own cursor."""
    return connect_snapshot(SnapshotRef(snapshot_id=Path(snapshot_path).stem, path=Path(snapshot_path)))


def _connection(snapshot: Snapshot) -> duckdb.DuckDBPyConnection:
    return snapshot_connection(str(snapshot.ref.path))


@st.cache_data(show_spinner=False, max_entries=64)
def _snapshot_info(snapshot_id: str, snapshot_path: str) -> dict[str, Any]:
    return read_snapshot_info(snapshot_connection(snapshot_path))


def open_snapshot(ref: SnapshotRef) -> Snapshot:
    """The snapshot with its info row, both cached by snapshot id."""
    return Snapshot(ref=ref, info=_snapshot_info(ref.snapshot_id, str(ref.path)))


@st.cache_data(show_spinner=False, max_entries=512)
def _table(snapshot_id: str, snapshot_path: str, table_name: str, filters: ExportFilters) -> pl.DataFrame | None:
    try:
        return build_table(snapshot_connection(snapshot_path), table_name, filters)
    except MissingMartError:
        return None


def table(snapshot: Snapshot, table_name: str, filters: ExportFilters) -> pl.DataFrame | None:
    """An export table (same rows as its download); None when its mart is absent."""
    return _table(snapshot.snapshot_id, str(snapshot.ref.path), table_name, filters)


@st.cache_data(show_spinner=False, max_entries=512)
def _named(snapshot_id: str, snapshot_path: str, name: str, parameters: tuple) -> pl.DataFrame:
    connection = snapshot_connection(snapshot_path)
    return query_frame(connection, load_sql(name), [list(p) if isinstance(p, tuple) else p for p in parameters])


def named_query(snapshot: Snapshot, name: str, *parameters: Any) -> pl.DataFrame:
    """A page-only query from ``dashboards/sql/<name>.sql`` with ``?`` parameters."""
    return _named(snapshot.snapshot_id, str(snapshot.ref.path), name, tuple(parameters))


@st.cache_data(show_spinner=False, max_entries=64)
def _has_rows(snapshot_id: str, snapshot_path: str, table_name: str) -> bool:
    connection = snapshot_connection(snapshot_path)
    if not table_exists(connection, table_name):
        return False
    if not table_name.isidentifier():  # names come from page code; refuse anything else
        raise ValueError(f"not a table name: {table_name!r}")
    row = connection.cursor().execute(f'SELECT EXISTS (SELECT 1 FROM "{table_name}")').fetchone()
    return bool(row and row[0])


def mart_has_rows(snapshot: Snapshot, table_name: str) -> bool:
    """Whether a mart exists and holds rows (Soll/Ist shows an explanation otherwise)."""
    return _has_rows(snapshot.snapshot_id, str(snapshot.ref.path), table_name)


def years(snapshot: Snapshot) -> list[int]:
    return named_query(snapshot, "years")["year"].to_list()


def districts(snapshot: Snapshot) -> pl.DataFrame:
    return named_query(snapshot, "districts")


def measure_names(snapshot: Snapshot) -> dict[int, str]:
    frame = named_query(snapshot, "measure_names")
    return dict(zip(frame["measure_type"].to_list(), frame["measure_name"].to_list(), strict=True))


def measure_share_state(snapshot: Snapshot, year: int) -> pl.DataFrame:
    return named_query(snapshot, "measure_share_state", year)


def documents_by_sha(snapshot: Snapshot, sha256s: list[str]) -> pl.DataFrame:
    return named_query(snapshot, "documents_by_sha", tuple(sha256s))
