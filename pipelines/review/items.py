"""Open review items and the audit trail, read from the published snapshot (read-only).

``aqb review list`` and the Prüfaufgaben page show the same items from the same statements;
a decision is checked against them (``target_facts``) before it is appended, so nobody can
record a decision about a decision line, document or check the data does not have.
"""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl

import warehouse

# item kind -> statement under warehouse/statements/review/ (an empty frame when a mart is absent)
ITEM_STATEMENTS = {
    "match": "open_matches",
    "warning": "open_warnings",
    "quarantine": "open_quarantine",
    "conflict": "open_conflicts",
    "version": "open_versions",
}
ITEM_KINDS = tuple(ITEM_STATEMENTS)


def _frame(connection: duckdb.DuckDBPyConnection, statement: str, params=None) -> pl.DataFrame:
    try:
        return connection.sql(
            warehouse.load_sql(f"statements/review/{statement}"), params=params
        ).pl()
    except (duckdb.CatalogException, duckdb.BinderException):
        return pl.DataFrame()  # a snapshot published before these marts or columns existed


def open_items(connection: duckdb.DuckDBPyConnection, kind: str) -> pl.DataFrame:
    """The open items of one kind, one row each (conflicts and versions: one row per copy)."""
    return _frame(connection, ITEM_STATEMENTS[kind])


def audit_trail(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every decision recorded up to the snapshot, with its state."""
    return _frame(connection, "audit")


def _first(connection: duckdb.DuckDBPyConnection, statement: str, params: list) -> dict | None:
    frame = _frame(connection, statement, params)
    return frame.row(0, named=True) if frame.height else None


def target_facts(
    connection: duckdb.DuckDBPyConnection, kind: str, target: dict[str, Any]
) -> dict[str, Any] | None:
    """What the snapshot shows for a decision's target (kept as ``previous`` in the log), or
    None when the snapshot has no such target."""
    if kind in ("accept", "reject"):
        return _first(
            connection, "target_match", [target["decision_id"], int(target["line_number"])]
        )
    if kind in ("withdraw", "dismiss"):
        facts = _first(connection, "target_document", [target["sha256"]])
        if kind == "dismiss" and facts is not None and facts["status"] != "quarantined":
            return None
        return facts
    if kind == "waive":
        return _first(connection, "target_warning", [target["suite"], int(target["year"])])
    if kind == "settle" and target.get("decision_id"):
        return _first(connection, "target_decision", [target["decision_id"]])
    if kind == "settle":
        return _first(
            connection, "target_agreement_year", [target["district_ags"], int(target["year"])]
        )
    if kind == "release":
        return _first(connection, "target_held_reading", [target["sha256"], target["reading_hash"]])
    if kind == "correct":
        return _first(
            connection,
            "target_correction",
            [target["sha256"], target.get("decision_id"), target["field"]],
        )
    return None
