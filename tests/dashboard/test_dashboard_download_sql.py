"""Export tables: SQL loaded from warehouse/, only declared columns fetched, rows in declared order.

The row order of every download is declared in ``pipelines.exports.tables`` and applied in
Polars (sorting in DuckDB cost more than the query at 64x); these tests check it against an
independent Python sort with SQL's rules (ascending, NULLs last unless said otherwise).
"""

from __future__ import annotations

from datetime import datetime
from functools import cmp_to_key
from typing import Any

import polars as pl
import pytest

from dashboards import queries
from pipelines.exports import TABLES, ExportFilters, build_table, connect_snapshot, locate_snapshot
from pipelines.exports.columns import COLUMNS
from pipelines.exports.projects import HELPER_STATEMENTS
from pipelines.exports.tables import RowOrder, _parameters, query_frame, table_sql
from pipelines.reasons import Reason
from warehouse import WAREHOUSE_DIR


def _sql_compare(left: Any, right: Any, descending: bool, nulls_first: bool) -> int:
    """-1/0/1 for two values of one key column under SQL's ORDER BY rules."""
    if left is None and right is None:
        return 0
    if left is None:  # NULLs go last whatever the direction, unless asked to go first
        return -1 if nulls_first else 1
    if right is None:
        return 1 if nulls_first else -1
    result = (left > right) - (left < right)
    return -result if descending else result


def _row_compare(order: RowOrder, left: dict[str, Any], right: dict[str, Any]) -> int:
    for name in order.columns:
        result = _sql_compare(
            left[name], right[name], name in order.descending, name in order.nulls_first
        )
        if result:
            return result
    return 0


def _untranslated_keys(order: RowOrder) -> RowOrder:
    """The leading key columns whose stored codes are not replaced by German words afterwards
    (their order is that of the codes, which the built table no longer shows)."""
    kept: list[str] = []
    for name in order.columns:
        if name in COLUMNS and COLUMNS[name].values_de:
            break
        kept.append(name)
    return RowOrder(tuple(kept), order.descending, order.nulls_first)


def test_row_order_follows_sql_rules() -> None:
    frame = pl.DataFrame(
        {
            "year": [2025, None, 2024, 2025, 2024],
            "name": ["b", "a", None, "a", "c"],
            "at": [
                datetime(2025, 1, 2),
                datetime(2025, 1, 1),
                None,
                datetime(2025, 1, 3),
                datetime(2025, 1, 1),
            ],
            "tag": [1, 2, 3, 4, 5],
        }
    )
    assert RowOrder(("year", "name")).apply(frame)["tag"].to_list() == [5, 3, 4, 1, 2]
    assert RowOrder(("year", "name"), nulls_first=("name",)).apply(frame)["tag"].to_list() == [
        3,
        5,
        4,
        1,
        2,
    ]
    assert RowOrder(("at",), descending=("at",)).apply(frame)["tag"].to_list() == [4, 1, 2, 5, 3]


def test_row_order_keeps_ties_in_fetched_order() -> None:
    frame = pl.DataFrame({"year": [2025, 2024, 2025, 2024], "tag": [1, 2, 3, 4]})
    assert RowOrder(("year",)).apply(frame)["tag"].to_list() == [2, 4, 1, 3]


def test_export_statements_live_under_warehouse() -> None:
    folder = WAREHOUSE_DIR / "statements" / "exports"
    statements = [*TABLES, *HELPER_STATEMENTS]  # one per table, plus the compact projekte read
    assert sorted(path.stem for path in folder.glob("*.sql")) == sorted(statements)
    for name in statements:
        text = table_sql(name)
        assert text == (folder / f"{name}.sql").read_text(encoding="utf-8")
        # the order is the table's RowOrder; a second ORDER BY would sort every download twice
        assert "ORDER BY" not in text.upper().replace("OVER (ORDER BY", "")


def test_dashboard_statements_live_under_warehouse() -> None:
    folder = WAREHOUSE_DIR / "statements" / "dashboard"
    names = sorted(path.stem for path in folder.glob("*.sql"))
    assert names and names == sorted(path.stem for path in queries.SQL_DIR.glob("*.sql"))
    for name in names:
        assert queries.load_sql(name) == (folder / f"{name}.sql").read_text(encoding="utf-8")


def test_declared_column_tables_fetch_only_their_columns(factory_snapshot) -> None:
    connection = connect_snapshot(locate_snapshot(factory_snapshot.publish_dir))
    checked = 0
    for name, spec in TABLES.items():
        if not spec.columns:
            continue
        fetched = query_frame(connection, table_sql(name), _parameters(spec, ExportFilters()))
        assert set(fetched.columns) <= set(spec.columns), f"{name} fetched undeclared columns"
        assert set(spec.columns) - set(spec.optional) <= set(fetched.columns), name
        checked += 1
    assert checked == 6


@pytest.mark.parametrize(
    "filters", [ExportFilters(), ExportFilters(years=(2024, 2025), districts=("06431", "06611"))]
)
def test_every_table_is_in_its_declared_order(factory_snapshot, filters: ExportFilters) -> None:
    connection = connect_snapshot(locate_snapshot(factory_snapshot.publish_dir))
    for name, spec in TABLES.items():
        if spec.reshape is not None and name == "vergleich":
            continue  # pivoted: its rows are districts, checked by the comparison tests
        rows = build_table(connection, name, filters).to_dicts()
        order = _untranslated_keys(spec.order)
        expected = sorted(
            rows, key=cmp_to_key(lambda left, right, order=order: _row_compare(order, left, right))
        )
        assert [tuple(row[c] for c in order.columns) for row in rows] == [
            tuple(row[c] for c in order.columns) for row in expected
        ], f"{name} is not in its declared order"


def test_quarantine_reason_is_the_german_text_of_its_code(factory_snapshot) -> None:
    connection = connect_snapshot(locate_snapshot(factory_snapshot.publish_dir))
    table = build_table(connection, "quarantaene", ExportFilters())
    assert table.columns[:2] == ["reason_de", "reason"]
    assert table.height > 0
    for german, code in zip(table["reason_de"], table["reason_code"], strict=True):
        assert german == Reason(code).de
