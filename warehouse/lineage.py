"""What a model's SQL reads, told by DuckDB's own parser, and what the model says it is.

A model's upstream tables are the base tables its ``SELECT`` names, as DuckDB parses it
(``json_serialize_sql``), minus the common table expressions in scope where the name is used:
a word in a comment or a string, or a CTE that happens to share a table's name, is no
dependency. The parser runs on an in-memory connection, so no warehouse is needed to draw the
model graph (the Dagster definitions load it at import).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache

import duckdb

_LEADING_COMMENT = re.compile(r"\A(?:[ \t]*--[^\n]*\n?)+")


@cache
def _parser() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


def referenced_tables(sql: str) -> frozenset[str]:
    """Names of the tables and views ``sql`` reads (CTEs excluded); raises on a parse error."""
    return _referenced_tables(sql)


@cache
def _referenced_tables(sql: str) -> frozenset[str]:
    serialized = _parser().execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0]
    tree = json.loads(serialized)
    if tree.get("error"):
        raise ValueError(f"DuckDB cannot parse the model: {tree.get('error_message', tree)}")
    tables: set[str] = set()
    for statement in tree["statements"]:
        _collect(statement, frozenset(), tables)
    return frozenset(tables)


def _collect(node: object, ctes: frozenset[str], tables: set[str]) -> None:
    """Walk the parse tree; a CTE's name is in scope in later CTEs and its query's body."""
    if isinstance(node, list):
        for item in node:
            _collect(item, ctes, tables)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "BASE_TABLE" and "table_name" in node:
        if node["table_name"] not in ctes:
            tables.add(node["table_name"])
        return
    cte_map = node.get("cte_map")
    scope = ctes
    if isinstance(cte_map, dict):
        for entry in cte_map.get("map", []):
            _collect(entry["value"], scope, tables)
            scope = scope | {entry["key"]}
    for key, value in node.items():
        if key != "cte_map":
            _collect(value, scope, tables)


def leading_comment(sql: str) -> str:
    """The ``--`` comment block a model file opens with, as one paragraph of text."""
    match = _LEADING_COMMENT.match(sql.lstrip("\n"))
    if not match:
        return ""
    lines = (line.strip().removeprefix("--").strip() for line in match.group(0).splitlines())
    return " ".join(line for line in lines if line)


def build_order(dependencies: dict[str, Iterable[str]]) -> list[str]:
    """Models in an order where each comes after every model it reads; ties alphabetically, so
    the order (and any error) is the same on every run. Names outside the dict are ignored."""
    needs = {
        model: set(upstream) & set(dependencies) - {model}
        for model, upstream in dependencies.items()
    }
    ordered: list[str] = []
    while needs:
        ready = sorted(model for model, upstream in needs.items() if not upstream - set(ordered))
        if not ready:
            raise ValueError(f"models reference each other in a cycle: {sorted(needs)}")
        ordered.extend(ready)
        for model in ready:
            del needs[model]
    return ordered
