"""Read access to the published snapshot, the only data the dashboard and ``aqb export`` read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb


@dataclass(frozen=True)
class SnapshotRef:
    snapshot_id: str
    path: Path


def locate_snapshot(publish_dir: Path) -> SnapshotRef | None:
    """The current published snapshot, or None when nothing has been published yet.

    Delegates to the publisher's own resolver so both sides agree on the layout; if that module
    is not installed, the layout of docs/data_model.md is read directly (CURRENT holds the id).
    """
    try:
        from pipelines.publish.snapshot import current_snapshot
    except ImportError:
        current_snapshot = _current_snapshot_from_layout
    path = current_snapshot(Path(publish_dir))
    if path is None or not Path(path).is_file():
        return None
    return SnapshotRef(snapshot_id=Path(path).stem, path=Path(path))


def _current_snapshot_from_layout(publish_dir: Path) -> Path | None:
    current_file = publish_dir / "CURRENT"
    try:
        snapshot_id = current_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None  # missing or unreadable, as in pipelines.publish.snapshot
    path = publish_dir / "snapshots" / f"{snapshot_id}.duckdb"
    return path if snapshot_id and path.is_file() else None


def connect_snapshot(ref: SnapshotRef) -> duckdb.DuckDBPyConnection:
    """Open the snapshot read-only: it is immutable, and many readers may share it."""
    return duckdb.connect(str(ref.path), read_only=True)


def table_exists(connection: duckdb.DuckDBPyConnection, table_name: str) -> bool:
    """Whether the snapshot holds ``table_name`` (marts of later issues may be absent)."""
    row = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table_name]
    ).fetchone()
    return bool(row and row[0])


def table_columns(connection: duckdb.DuckDBPyConnection, table_name: str) -> list[str]:
    """Column names of ``table_name`` in order (empty when the table is missing)."""
    rows = connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table_name],
    ).fetchall()
    return [row[0] for row in rows]


def read_snapshot_info(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The one ``snapshot_info`` row as a dict (empty when the table is missing)."""
    if not table_exists(connection, "snapshot_info"):
        return {}
    cursor = connection.execute("SELECT * FROM snapshot_info LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return {}
    return dict(zip([column[0] for column in cursor.description], row, strict=True))
