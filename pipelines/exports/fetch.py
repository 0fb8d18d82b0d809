"""Reading export statements from the snapshot: the SQL text by name and the Polars frame.

Kept apart from ``tables`` so that table-specific readers (``projects``) can use them while
``tables`` refers to those readers in its table definitions.
"""

from __future__ import annotations

import duckdb
import polars as pl

from warehouse import load_sql

# Export statements live with the other SQL of the project, named after their table.
EXPORT_SQL_AREA = "statements/exports"


def table_sql(name: str) -> str:
    """The SQL text of export statement ``name`` (``warehouse/statements/exports/<name>.sql``;
    ``load_sql`` caches it)."""
    return load_sql(f"{EXPORT_SQL_AREA}/{name}")


def query_frame(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: list[object]
) -> pl.DataFrame:
    """Run ``sql`` and return polars with DECIMAL euro columns as floats (charts and writers
    need floats; two decimals survive the conversion exactly when printed)."""
    frame = connection.cursor().sql(sql, params=parameters).pl()
    decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
    return frame.with_columns(pl.col(decimals).cast(pl.Float64)) if decimals else frame
