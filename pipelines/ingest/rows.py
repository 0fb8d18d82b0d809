"""Warehouse rows of parse outcomes: the Arrow schema of each parsed table, and the mapping from
records to rows (``pipelines.ingest.record_rows``, re-exported here).

Tables, columns and types come from their declaration in ``pipelines.contracts.tables``.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.contracts.tables import (
    BOOLEAN,
    DATE,
    EUR,
    INTEGER,
    PARSED_TABLES,
    TIMESTAMP,
    VARCHAR,
)

from .record_rows import (
    TABLE_COLUMNS,
    agreement_rows,
    as_sentence,
    decision_rows,
    outcome_rows,
    rows_as_columns,
    single_district_year,
    source_format_of,
)

__all__ = [
    "TABLE_COLUMNS",
    "TABLE_SCHEMAS",
    "agreement_rows",
    "arrow_tables",
    "as_sentence",
    "decision_rows",
    "outcome_rows",
    "rows_as_columns",
    "single_district_year",
    "source_format_of",
]

# DuckDB type of a declared column -> the Arrow type the loader builds its rows in
ARROW_TYPES: dict[str, pa.DataType] = {
    VARCHAR: pa.string(),
    INTEGER: pa.int32(),
    BOOLEAN: pa.bool_(),
    DATE: pa.date32(),
    TIMESTAMP: pa.timestamp("us"),
    EUR: pa.decimal128(14, 2),
}

# table -> Arrow schema of the rows this module produces (insert order: parse_results first)
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    table.name: pa.schema([(column.name, ARROW_TYPES[column.type]) for column in table.columns])
    for table in PARSED_TABLES
}


def arrow_tables(columns: dict[str, dict[str, list]]) -> dict[str, pa.Table]:
    """Columns by table (``rows_as_columns``) as Arrow tables of ``TABLE_SCHEMAS``.

    Decimal columns arrive as plain strings and are cast in one go (exact: the strings carry at
    most the column's two places).
    """
    tables: dict[str, pa.Table] = {}
    for table, table_columns in columns.items():
        schema = TABLE_SCHEMAS[table]
        arrays = []
        for field in schema:
            values = table_columns[field.name]
            if pa.types.is_decimal(field.type):
                arrays.append(pa.array(values, pa.string()).cast(field.type))
            else:
                arrays.append(pa.array(values, field.type))
        tables[table] = pa.Table.from_arrays(arrays, schema=schema)
    return tables
