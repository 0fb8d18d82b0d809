"""Downloadable tables of the published snapshot and their CSV/XLSX writers.

Used by the dashboard's download buttons and by ``aqb export``, so both give the same files.
"""

from __future__ import annotations

from pipelines.exports.columns import COLUMNS, METRICS, ColumnSpec, column_spec
from pipelines.exports.snapshot import (
    SnapshotRef,
    connect_snapshot,
    locate_snapshot,
    read_snapshot_info,
    table_columns,
    table_exists,
)
from pipelines.exports.tables import (
    OUTDATED_SNAPSHOT_DE,
    TABLES,
    ExportFilters,
    MissingMartError,
    OutdatedSnapshotError,
    TableSpec,
    build_table,
)
from pipelines.exports.writers import (
    MIME_TYPES,
    ExportContext,
    export_bytes,
    neutralise_formula,
    to_csv_bytes,
    to_xlsx_bytes,
)

__all__ = [
    "COLUMNS",
    "METRICS",
    "MIME_TYPES",
    "TABLES",
    "ColumnSpec",
    "ExportContext",
    "ExportFilters",
    "MissingMartError",
    "OUTDATED_SNAPSHOT_DE",
    "OutdatedSnapshotError",
    "SnapshotRef",
    "TableSpec",
    "build_table",
    "column_spec",
    "connect_snapshot",
    "export_bytes",
    "locate_snapshot",
    "neutralise_formula",
    "read_snapshot_info",
    "table_columns",
    "table_exists",
    "to_csv_bytes",
    "to_xlsx_bytes",
]
