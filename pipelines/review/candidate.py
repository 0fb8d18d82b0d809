"""The review candidate: the marts of an ingest the quality gate refused, for reviewers only.

A blocked run publishes nothing, yet the reviewer must see what blocked it (the absurd budget,
its document's hash) to withdraw or correct it. So an ingest whose mart checks failed an
error-severity suite copies its marts, like a snapshot, to ``<publish_dir>/review_candidate.duckdb``;
the dashboard's figures keep coming from ``CURRENT``, while ``aqb review`` and the Prüfaufgaben
page read the candidate while there is one. The next published ingest removes it. Both happen
inside the job (the mart check step writes, ``published_snapshot`` removes), so a run the daemon
launches (schedule, inbox or review sensor), the UI or a backfill leaves one like ``aqb ingest``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

import warehouse
from pipelines.exports.snapshot import SnapshotRef, locate_snapshot
from pipelines.publish.snapshot import published_table_names, write_snapshot_file
from pipelines.timestamps import utc_now

CANDIDATE_FILE = "review_candidate.duckdb"


def candidate_path(publish_dir: Path) -> Path:
    return Path(publish_dir) / CANDIDATE_FILE


def write_review_candidate(
    connection: duckdb.DuckDBPyConnection, publish_dir: Path, run_id: str, is_sample: bool
) -> Path:
    """Copy the blocked run's marts (with this run's check results) to the candidate file."""
    warehouse.build_models(connection, "staging", only=["stg_check_results"])
    warehouse.build_models(connection, "marts", only=["mart_check_results"])
    target = candidate_path(publish_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    now = utc_now()
    write_snapshot_file(
        connection,
        target,
        published_table_names(connection),
        [f"candidate-{now:%Y%m%dT%H%M%S}", now, run_id, is_sample, None],
    )
    return target


def keep_candidate_if_blocked(
    connection: duckdb.DuckDBPyConnection, publish_dir: Path, run_id: str, is_sample: bool
) -> Path | None:
    """After the mart checks of ``run_id``: when an error-severity check of this run failed,
    nothing will be published, so keep its marts for reviewers; else do nothing."""
    from pipelines.publish.state import error_failures_of_run

    if error_failures_of_run(connection, run_id).is_empty():
        return None
    return write_review_candidate(connection, publish_dir, run_id, is_sample)


def clear_review_candidate(publish_dir: Path) -> None:
    candidate_path(publish_dir).unlink(missing_ok=True)


def review_snapshot(publish_dir: Path) -> tuple[SnapshotRef | None, bool]:
    """(the snapshot reviewers read, whether it is a blocked run's candidate)."""
    candidate = candidate_path(publish_dir)
    if candidate.is_file():
        return SnapshotRef(snapshot_id=candidate.stem, path=candidate), True
    return locate_snapshot(publish_dir), False
