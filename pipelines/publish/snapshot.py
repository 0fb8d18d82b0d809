"""Published snapshots: the only DuckDB files the dashboard ever opens.

DuckDB allows one writing process per file. The ingest owns the warehouse file; each publish
writes a NEW file ``snapshots/<snapshot_id>.duckdb`` (temp name, closed, fsynced, renamed) and
then replaces ``CURRENT`` (one line: the snapshot id) with ``os.replace``. A reader therefore
sees either the previous snapshot or the new one, complete; a reader that still holds an older
snapshot open keeps reading it even after it is pruned (POSIX keeps unlinked open files).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

import warehouse
from pipelines.timestamps import utc_now

CURRENT_FILE = "CURRENT"
SNAPSHOTS_DIR = "snapshots"
SNAPSHOTS_KEPT = 5
PUBLISHED_TABLE_PREFIXES = ("mart_", "ref_")
SNAPSHOT_ALIAS = "published_snapshot"  # the new snapshot file while it is attached for writing
_SNAPSHOT_ID = re.compile(r"^\d{8}T\d{12}Z-[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class PublishedSnapshot:
    snapshot_id: str
    path: Path
    published_at: datetime  # UTC
    tables: dict[str, int]  # table -> row count, snapshot_info included


def snapshot_id_for(run_id: str, now: datetime) -> str:
    """Sortable id: UTC time to the microsecond plus the run id reduced to safe characters."""
    safe_run = re.sub(r"[^A-Za-z0-9_-]+", "-", run_id).strip("-")[:40] or "run"
    return f"{now:%Y%m%dT%H%M%S%f}Z-{safe_run}"


def published_table_names(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables of the warehouse that a snapshot carries: every mart_* and ref_* table."""
    rows = connection.execute(warehouse.load_sql("statements/publish/published_tables")).fetchall()
    return [name for (name,) in rows if name.startswith(PUBLISHED_TABLE_PREFIXES)]


def _fsync_path(path: Path) -> None:
    """fsync a file or directory so a rename that follows (or precedes) survives a crash."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_snapshot_file(
    connection: duckdb.DuckDBPyConnection,
    target: Path,
    table_names: list[str],
    snapshot_info_parameters: list,
) -> dict[str, int]:
    """Copy ``table_names`` and a fresh ``snapshot_info`` into a new DuckDB file at ``target``.

    The file is attached to the warehouse connection under a temp name (DuckDB copies with exact
    types, no rows pass through Python), checkpointed, detached, fsynced and only then renamed to
    ``target``; on any failure the temp file is removed and ``target`` never appears.
    """
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove_database_files(temporary)
    row_counts: dict[str, int] = {}
    connection.complete()
    connection.execute(warehouse.load_sql("statements/publish/attach_snapshot"), [str(temporary)])
    try:
        for name in table_names:
            # ``name`` is a table name read from the warehouse catalog, never a value.
            connection.execute(f"CREATE TABLE {SNAPSHOT_ALIAS}.{name} AS SELECT * FROM main.{name}")
            row_counts[name] = warehouse.scalar(
                connection, f"SELECT count(*) FROM {SNAPSHOT_ALIAS}.{name}"
            )
        connection.execute(
            warehouse.load_sql("statements/publish/snapshot_info"), snapshot_info_parameters
        )
        row_counts["snapshot_info"] = warehouse.scalar(
            connection, f"SELECT count(*) FROM {SNAPSHOT_ALIAS}.snapshot_info"
        )
        connection.execute(f"CHECKPOINT {SNAPSHOT_ALIAS}")
    except BaseException:
        connection.execute(f"DETACH {SNAPSHOT_ALIAS}")
        _remove_database_files(temporary)
        raise
    connection.execute(f"DETACH {SNAPSHOT_ALIAS}")
    _fsync_path(temporary)
    os.replace(temporary, target)
    _fsync_path(target.parent)
    return row_counts


def remove_stale_temp_files(publish_dir: Path) -> int:
    """Delete the temp files (``.<name>.<pid>.tmp`` and its ``.tmp.wal``) a killed publish left
    in ``publish_dir`` and its snapshots folder; returns how many. Called at the start of an
    ingest, which holds the ingest lock, so no publish is writing one at the time."""
    removed = 0
    for folder in (Path(publish_dir), Path(publish_dir) / SNAPSHOTS_DIR):
        for pattern in (".*.tmp", ".*.tmp.wal"):
            for temporary in folder.glob(pattern):
                temporary.unlink(missing_ok=True)
                removed += 1
    return removed


def _remove_database_files(path: Path) -> None:
    """Remove a DuckDB file and its write-ahead log, if present."""
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


def write_current(publish_dir: Path, snapshot_id: str) -> None:
    """Point ``CURRENT`` at ``snapshot_id`` atomically (temp file, fsync, os.replace)."""
    current = publish_dir / CURRENT_FILE
    temporary = publish_dir / f".{CURRENT_FILE}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(snapshot_id + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, current)
    _fsync_path(publish_dir)


def current_snapshot_id(publish_dir: Path) -> str | None:
    """The id ``CURRENT`` names, or None before the first publish (or if it is unreadable).

    Bytes that are not UTF-8 (a damaged disk block, a hand edit) make it unreadable too: the
    dashboard then shows "nothing published" instead of failing with a UnicodeDecodeError.
    """
    try:
        snapshot_id = (Path(publish_dir) / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return snapshot_id if _SNAPSHOT_ID.match(snapshot_id) else None


def current_snapshot(publish_dir: Path) -> Path | None:
    """Path of the snapshot the dashboard should open, or None when nothing is published."""
    snapshot_id = current_snapshot_id(publish_dir)
    if snapshot_id is None:
        return None
    path = Path(publish_dir) / SNAPSHOTS_DIR / f"{snapshot_id}.duckdb"
    return path if path.is_file() else None


def prune_snapshots(publish_dir: Path, keep: int = SNAPSHOTS_KEPT) -> list[Path]:
    """Delete all but the newest ``keep`` snapshots, never the one ``CURRENT`` names."""
    snapshots_dir = Path(publish_dir) / SNAPSHOTS_DIR
    current_id = current_snapshot_id(publish_dir)
    snapshots = sorted(
        path for path in snapshots_dir.glob("*.duckdb") if _SNAPSHOT_ID.match(path.stem)
    )
    removed: list[Path] = []
    for path in snapshots[: max(0, len(snapshots) - keep)]:
        if path.stem == current_id:
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def publish_snapshot(
    connection: duckdb.DuckDBPyConnection,
    publish_dir: Path,
    run_id: str,
    is_sample: bool,
    data_docs_path: str | None,
    *,
    now: datetime | None = None,
) -> PublishedSnapshot:
    """Copy every mart_* and ref_* table plus ``snapshot_info`` into a new snapshot and make it
    current. Call only after the checks passed: whatever is published is what leadership sees.

    ``now`` (UTC without zone) fixes the publish time; None is the pipeline clock. It exists so
    a test can publish the same run twice at one instant and see the existing snapshot refused.
    """
    publish_dir = Path(publish_dir)
    snapshots_dir = publish_dir / SNAPSHOTS_DIR
    snapshots_dir.mkdir(parents=True, exist_ok=True)
    published_at = utc_now() if now is None else now
    snapshot_id = snapshot_id_for(run_id, published_at)
    target = snapshots_dir / f"{snapshot_id}.duckdb"
    if target.exists():
        raise FileExistsError(f"snapshot {snapshot_id} already exists")
    row_counts = write_snapshot_file(
        connection,
        target,
        published_table_names(connection),
        [snapshot_id, published_at, run_id, is_sample, data_docs_path],
    )
    write_current(publish_dir, snapshot_id)
    prune_snapshots(publish_dir)
    return PublishedSnapshot(
        snapshot_id=snapshot_id, path=target, published_at=published_at, tables=row_counts
    )
