"""What the last published snapshot was built from, so a no-change run can skip rebuilding.

The fingerprint covers everything the marts depend on: the parsed documents (count and latest
parse time), the parser version, the model SQL, the committed GX suites and the reference data.
It is kept beside the snapshots in ``<publish_dir>/published_state.json``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import polars as pl

import warehouse
from pipelines.quality.gx_context import EXPECTATIONS_DIR
from pipelines.reference import DATA_DIR

STATE_FILE = "published_state.json"


def _hash_files(digest: hashlib._Hash, files: list[Path]) -> None:
    for file in sorted(files):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())


def warehouse_fingerprint(
    connection: duckdb.DuckDBPyConnection, parser_version: str, extra_districts: Path | None
) -> str:
    """A hash that changes whenever a rebuild of staging, marts and checks could change anything."""
    parsed = connection.table("parse_results").select("sha256", "parsed_at").pl()
    latest = parsed["parsed_at"].max() if parsed.height else None
    digest = hashlib.sha256(f"{parsed.height}|{latest}|{parser_version}".encode())
    _hash_files(digest, list(warehouse.MODELS_DIR.glob("*/*.sql")))
    _hash_files(digest, list((EXPECTATIONS_DIR / "expectations").glob("*.json")))
    _hash_files(digest, list(DATA_DIR.glob("*.csv")))
    if extra_districts is not None and extra_districts.is_file():
        _hash_files(digest, [extra_districts])
    return digest.hexdigest()


def read_published_state(publish_dir: Path) -> dict[str, str] | None:
    path = publish_dir / STATE_FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None  # unreadable state: rebuild, which is always safe


def write_published_state(publish_dir: Path, fingerprint: str, snapshot_id: str) -> None:
    """Written after a snapshot is published; replaced atomically so a crash never leaves half."""
    publish_dir.mkdir(parents=True, exist_ok=True)
    temp = publish_dir / f".{STATE_FILE}.tmp"
    temp.write_text(
        json.dumps({"fingerprint": fingerprint, "snapshot_id": snapshot_id}), encoding="utf-8"
    )
    temp.replace(publish_dir / STATE_FILE)


def error_failures_of_run(connection: duckdb.DuckDBPyConnection, run_id: str) -> pl.DataFrame:
    """Failed error-severity check results of one run: any row here means 'do not publish'."""
    return (
        connection.table("check_results")
        .pl()
        .filter((pl.col("run_id") == run_id) & (pl.col("severity") == "error") & ~pl.col("success"))
    )
