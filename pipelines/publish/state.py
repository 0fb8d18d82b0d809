"""What the last published snapshot was built from, so a no-change run can skip rebuilding.

The fingerprint covers everything the marts depend on: the parsed documents (count and latest
parse time), the parser version, the model SQL, the committed GX suites, the reference data and the review decisions log.
It is kept beside the snapshots in ``<publish_dir>/published_state.json``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

import warehouse
from pipelines.quality.gx_context import EXPECTATIONS_DIR
from pipelines.reference import DATA_DIR
from pipelines.review.log import log_fingerprint

STATE_FILE = "published_state.json"


def _hash_files(digest: hashlib._Hash, files: list[Path]) -> None:
    for file in sorted(files):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())


def static_fingerprint(
    parser_version: str, extra_districts: Path | None, review_log: Path | None = None
) -> str:
    """A hash of everything but the documents: parser version, model SQL, suites, reference
    data and the review decisions log. When it changes every year must be rebuilt (a decision
    may touch any year; decisions are rare); when only documents arrived, only theirs."""
    digest = hashlib.sha256(parser_version.encode())
    if review_log is not None:
        digest.update(log_fingerprint(review_log).encode())
    _hash_files(digest, list(warehouse.MODELS_DIR.glob("*/*.sql")))
    _hash_files(digest, list((EXPECTATIONS_DIR / "expectations").glob("*.json")))
    _hash_files(digest, list(DATA_DIR.glob("*.csv")))
    if extra_districts is not None and extra_districts.is_file():
        _hash_files(digest, [extra_districts])
    return digest.hexdigest()


def warehouse_fingerprint(
    connection: duckdb.DuckDBPyConnection,
    parser_version: str,
    extra_districts: Path | None,
    review_log: Path | None = None,
) -> str:
    """A hash that changes whenever a rebuild of staging, marts and checks could change anything."""
    count, latest = (
        connection.table("parse_results").aggregate("count(*), max(parsed_at)").fetchall()[0]
    )
    static = static_fingerprint(parser_version, extra_districts, review_log)
    return hashlib.sha256(f"{count}|{latest}|{static}".encode()).hexdigest()


def read_published_state(publish_dir: Path) -> dict[str, str] | None:
    path = publish_dir / STATE_FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None  # unreadable state: rebuild, which is always safe


def write_published_state(
    publish_dir: Path,
    fingerprint: str,
    snapshot_id: str,
    static: str | None = None,
    watermark: datetime | None = None,
) -> None:
    """Written after a snapshot is published; replaced atomically so a crash never leaves half.
    ``static`` and ``watermark`` (latest parse in the snapshot) let the next run rebuild only
    the years of documents that arrived after it."""
    publish_dir.mkdir(parents=True, exist_ok=True)
    temp = publish_dir / f".{STATE_FILE}.tmp"
    state = {"fingerprint": fingerprint, "snapshot_id": snapshot_id}
    if static is not None:
        state["static_fingerprint"] = static
    if watermark is not None:
        state["watermark"] = watermark.isoformat()
    temp.write_text(json.dumps(state), encoding="utf-8")
    temp.replace(publish_dir / STATE_FILE)


def error_failures_of_run(connection: duckdb.DuckDBPyConnection, run_id: str) -> pl.DataFrame:
    """Failed error-severity check results of one run: any row here means 'do not publish'."""
    return (
        connection.table("check_results")
        .pl()
        .filter((pl.col("run_id") == run_id) & (pl.col("severity") == "error") & ~pl.col("success"))
    )
