"""The run history: one ``ingest_runs`` row per run, whatever launched it.

Two writers share ``run_row`` (what a finished run did, read back from the Dagster instance: its
run record and its event log) and ``record_run`` (an idempotent upsert): ``run_ingest`` records
the runs it starts itself (``aqb ingest``, ``aqb watch``, ``aqb demo``) the moment they end, and
the ``run_history_sensor`` records every other finished run of the instance (nightly schedule,
inbox sensor, Dagster UI, backfills) and any run a crashed process could not record. After each
write the latest rows are exported next to the published snapshots (``ingest_runs.parquet``,
swapped atomically), so the dashboard shows failures too, which by design publish no snapshot.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

import warehouse

if TYPE_CHECKING:
    import dagster as dg
    import duckdb

LAUNCHED_BY_TAG = "aqb/launched_by"
HISTORY_FILE = "ingest_runs.parquet"
HISTORY_ROWS_EXPORTED = 500
REASON_CHARS = 500
# checks of freshness, not of the run's data: left out of the check counts (see Aktualität)
FRESHNESS_CHECKS = frozenset({"agreements_due"})

# how a run came to be, from the tags Dagster and ``run_ingest`` put on it (first match wins)
_LAUNCH_TAGS = (
    ("dagster/backfill", "backfill"),
    ("dagster/schedule_name", "schedule"),
    ("dagster/sensor_name", "sensor"),
)


@dataclass(frozen=True)
class IngestRunRow:
    """One row of ``ingest_runs`` (timestamps naive UTC, as every warehouse timestamp)."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None
    status: str  # SUCCESS | FAILURE | CANCELED | UNCHANGED
    launched_by: str
    job_name: str | None = None
    docs_new: int = 0
    docs_updated: int = 0
    docs_unchanged: int = 0
    docs_quarantined: int = 0
    docs_duplicate: int = 0
    checks_passed: int = 0
    checks_warned: int = 0
    checks_failed: int = 0
    published: bool = False
    snapshot_id: str | None = None
    failure_reason: str | None = None
    years: str | None = None


def launched_by(tags: Mapping[str, str]) -> str:
    """cli / watch / demo (set by ``run_ingest``), backfill, schedule, sensor, else ui (the
    Dagster UI, its GraphQL API or ``dagster job launch``)."""
    if tags.get(LAUNCHED_BY_TAG):
        return tags[LAUNCHED_BY_TAG]
    return next((label for tag, label in _LAUNCH_TAGS if tag in tags), "ui")


def utc_naive(timestamp: float | None) -> datetime | None:
    """A unix timestamp as the naive UTC datetime the warehouse stores."""
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, UTC).replace(tzinfo=None)


def document_counts(metadata: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Per inbox entry exactly one of new / updated / quarantined (parsed in this run), duplicate
    (bytes known under another name), skipped (not a readable document: link, FIFO, hidden, still
    being written) or unchanged (the remainder), from the metadata of the ``parsed_documents``
    and ``raw_document_registry`` materializations (asset -> key -> value)."""
    parsed_meta = metadata.get("parsed_documents", {})
    registry_meta = metadata.get("raw_document_registry", {})
    counts = {
        label: int(parsed_meta.get(label) or 0) for label in ("new", "updated", "quarantined")
    }
    registered = int(registry_meta.get("sightings") or 0)
    counts["skipped"] = int(registry_meta.get("skipped") or 0)
    counts["files_seen"] = registered + counts["skipped"]
    counts["duplicate"] = int(registry_meta.get("duplicates") or 0)
    parsed = counts["new"] + counts["updated"] + counts["quarantined"]
    counts["unchanged"] = max(registered - counts["duplicate"] - parsed, 0)
    return counts


def _first_error_line(error: Any) -> str | None:
    """The user's error (not Dagster's wrappers): the innermost cause's first line."""
    while error is not None and getattr(error, "cause", None) is not None:
        error = error.cause
    message = getattr(error, "message", None) or ""
    return message.strip().splitlines()[0] if message.strip() else None


def failure_reason(events: Iterable[Any]) -> str | None:
    """'step X: message' for the first failed step, else the run failure's own message."""
    run_message = None
    for entry in events:
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type_value == "STEP_FAILURE":
            data = event.step_failure_data
            line = _first_error_line(data.error if data else None) or "failed"
            return f"step {event.step_key}: {line}"[:REASON_CHARS]
        if event.event_type_value == "RUN_FAILURE" and run_message is None:
            run_message = (entry.message or event.message or "").strip()
    return run_message[:REASON_CHARS] if run_message else None


def run_row(instance: dg.DagsterInstance, run_id: str) -> IngestRunRow | None:
    """What a finished run did, from the instance alone (so the daemon can record runs it did not
    start); None when the instance has no such run."""
    import dagster as dg

    record = instance.get_run_record_by_id(run_id)
    if record is None:
        return None
    run = record.dagster_run
    wanted = {
        dg.DagsterEventType.ASSET_MATERIALIZATION,
        dg.DagsterEventType.ASSET_CHECK_EVALUATION,
        dg.DagsterEventType.STEP_FAILURE,
        dg.DagsterEventType.RUN_FAILURE,
    }
    events = list(instance.all_logs(run_id, of_type=wanted))
    metadata: dict[str, dict[str, Any]] = {}
    passed = warned = failed = 0
    for entry in events:
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type_value == "ASSET_MATERIALIZATION":
            materialization = event.step_materialization_data.materialization
            values = metadata.setdefault(materialization.asset_key.to_user_string(), {})
            values.update({key: value.value for key, value in materialization.metadata.items()})
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if evaluation.check_name in FRESHNESS_CHECKS:
                continue
            if evaluation.passed:
                passed += 1
            elif evaluation.severity == dg.AssetCheckSeverity.WARN:
                warned += 1
            else:
                failed += 1
    counts = document_counts(metadata)
    published = "published_snapshot" in metadata
    status = run.status.value
    return IngestRunRow(
        run_id=run_id,
        started_at=utc_naive(record.start_time or record.create_timestamp.timestamp()),
        finished_at=utc_naive(record.end_time),
        status=status,
        launched_by=launched_by(run.tags),
        job_name=run.job_name,
        docs_new=counts["new"],
        docs_updated=counts["updated"],
        docs_unchanged=counts["unchanged"],
        docs_quarantined=counts["quarantined"],
        docs_duplicate=counts["duplicate"],
        checks_passed=passed,
        checks_warned=warned,
        checks_failed=failed,
        published=published,
        snapshot_id=str(metadata["published_snapshot"].get("snapshot_id")) if published else None,
        failure_reason=failure_reason(events) if status != "SUCCESS" else None,
    )


def _with_years(connection: duckdb.DuckDBPyConnection, row: IngestRunRow) -> IngestRunRow:
    """The budget years the run rebuilt (``run_scopes``), when it decided on some."""
    years = connection.execute(
        warehouse.load_sql("statements/incremental/run_scope_select"), [row.run_id]
    ).fetchall()
    if not years or years[0][0] is None or row.years is not None:
        return row
    return IngestRunRow(**{**asdict(row), "years": ", ".join(str(y) for y in sorted(years[0][0]))})


def record_run(
    connection: duckdb.DuckDBPyConnection, row: IngestRunRow, replace: bool = True
) -> None:
    """Upsert the run's row; ``replace=False`` keeps a row that is already there (the sensor
    defers to the richer row the launching process wrote)."""
    row = _with_years(connection, row)
    statement = "ingest_run_upsert" if replace else "ingest_run_insert_missing"
    values = asdict(row)
    connection.execute(
        warehouse.load_sql(f"statements/runs/{statement}"),
        [values[name] for name in IngestRunRow.__dataclass_fields__],
    )


def export_history(connection: duckdb.DuckDBPyConnection, publish_dir: Path) -> Path:
    """Write the latest runs next to the snapshots (temp file, then an atomic rename)."""
    frame = connection.sql(
        warehouse.load_sql("statements/runs/ingest_runs_latest"), params=[HISTORY_ROWS_EXPORTED]
    ).pl()
    publish_dir = Path(publish_dir)
    publish_dir.mkdir(parents=True, exist_ok=True)
    target = publish_dir / HISTORY_FILE
    temporary = publish_dir / f".{HISTORY_FILE}.{os.getpid()}.tmp"
    frame.write_parquet(temporary)
    os.replace(temporary, target)
    return target


def read_history(publish_dir: Path) -> pl.DataFrame | None:
    """The exported history (newest first), None before any run was recorded."""
    path = Path(publish_dir) / HISTORY_FILE
    return pl.read_parquet(path) if path.is_file() else None
