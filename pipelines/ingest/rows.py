"""Warehouse rows of parse outcomes: the Arrow schema of each parsed table, and the mapping from
records to rows (``pipelines.ingest.record_rows``, re-exported here).

Column names and Arrow types mirror ``warehouse/migrations/002``-``004``.
"""

from __future__ import annotations

import pyarrow as pa

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

_EUR = pa.decimal128(14, 2)
_PAGE_LINE = [("page", pa.int32()), ("line", pa.int32())]

# table -> Arrow schema of the rows this module produces (insert order: parse_results first)
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "parse_results": pa.schema(
        [
            ("sha256", pa.string()),
            ("parser_version", pa.string()),
            ("status", pa.string()),
            ("reason", pa.string()),
            ("document_type", pa.string()),
            ("parsed_at", pa.timestamp("us")),
        ]
    ),
    "agreements": pa.schema(
        [
            ("sha256", pa.string()),
            ("district_ags", pa.string()),
            ("year", pa.int32()),
            ("budget_total_eur", _EUR),
            ("ministry", pa.string()),
            ("ministry_short", pa.string()),
            ("signed_on", pa.date32()),
            ("budget_page", pa.int32()),
            ("budget_line", pa.int32()),
            ("district_page", pa.int32()),
            ("district_line", pa.int32()),
            ("from_scan", pa.bool_()),
        ]
    ),
    "agreement_measures": pa.schema(
        [
            ("sha256", pa.string()),
            ("measure_type", pa.int32()),
            ("name", pa.string()),
            ("amount_eur", _EUR),
            ("listed", pa.bool_()),
            *_PAGE_LINE,
        ]
    ),
    "agreement_projects": pa.schema(
        [
            ("sha256", pa.string()),
            ("measure_type", pa.int32()),
            ("position", pa.int32()),
            ("project_name", pa.string()),
            ("amount_eur", _EUR),
            *_PAGE_LINE,
        ]
    ),
    "agreement_earmarks": pa.schema(
        [("sha256", pa.string()), ("label", pa.string()), ("amount_eur", _EUR), *_PAGE_LINE]
    ),
    "agreement_other_budgets": pa.schema(
        [("sha256", pa.string()), ("label", pa.string()), ("amount_eur", _EUR), *_PAGE_LINE]
    ),
    "agreement_signatures": pa.schema(
        [
            ("sha256", pa.string()),
            ("party", pa.string()),
            ("place", pa.string()),
            ("signed_on", pa.date32()),
            ("signer", pa.string()),
            ("role", pa.string()),
            *_PAGE_LINE,
        ]
    ),
    "decisions": pa.schema(
        [
            ("decision_id", pa.string()),
            ("sha256", pa.string()),
            ("decision_type", pa.string()),
            ("decision_date", pa.date32()),
            ("district_ags", pa.string()),
            ("year", pa.int32()),
            ("total_eur", _EUR),
            ("refers_to", pa.string()),
            ("used_total_eur", _EUR),
            ("reclaimed_total_eur", _EUR),
            ("source_format", pa.string()),
            *_PAGE_LINE,
            ("from_scan", pa.bool_()),
        ]
    ),
    "decision_lines": pa.schema(
        [
            ("decision_id", pa.string()),
            ("sha256", pa.string()),
            ("line_number", pa.int32()),
            ("project_name", pa.string()),
            ("measure_type", pa.int32()),
            ("provider", pa.string()),
            ("amount_eur", _EUR),
            ("used_eur", _EUR),
            ("reclaimed_eur", _EUR),
            *_PAGE_LINE,
        ]
    ),
    "quarantine": pa.schema(
        [
            ("sha256", pa.string()),
            ("original_name", pa.string()),
            ("reason", pa.string()),
            ("reason_code", pa.string()),
            ("reason_de", pa.string()),
            ("reason_en", pa.string()),
            ("rejected_rows", pa.int32()),
            ("quarantined_at", pa.timestamp("us")),
            ("district_ags", pa.string()),
            ("year", pa.int32()),
        ]
    ),
    "rejected_rows": pa.schema(
        [("sha256", pa.string()), ("row_number", pa.int32()), ("reason", pa.string())]
    ),
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
