"""Which budget years an ingest run rebuilds: only those its new documents touch.

An ingest run covers every year (one partition range), but a new decision letter or a corrected
agreement changes one district-year. After parsing, ``project_matches`` decides the run's years
once (``decide_run_years``) from what arrived since the current snapshot was published, stores
them in ``run_scopes``, and matching and every GX check of the run read them from there
(``run_years``), so all steps of one run agree even after publishing moved the watermark.
Whenever the difference cannot be attributed to years (no published state, another parser
version, changed models, suites or reference data) the run rebuilds every year it covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import duckdb

import warehouse
from pipelines.defs.shared import INCREMENTAL_TAG, years_of_run
from pipelines.publish.snapshot import current_snapshot_id
from pipelines.publish.state import read_published_state, static_fingerprint


def is_incremental(tags: Mapping[str, str]) -> bool:
    """Only ingest runs that ask for it narrow their years; a backfill rebuilds what it names."""
    return tags.get(INCREMENTAL_TAG) == "true"


def changed_years(connection: duckdb.DuckDBPyConnection, since: datetime) -> set[int]:
    """Years of records parsed (or rows quarantined with a year) after ``since``."""
    rows = connection.execute(
        warehouse.load_sql("statements/incremental/changed_years"), [since, since, since]
    ).fetchall()
    return {int(row[0]) for row in rows}


def latest_parse_stamp(connection: duckdb.DuckDBPyConnection) -> datetime | None:
    """The watermark a published state records: the latest parse or quarantine time."""
    rows = connection.execute(
        warehouse.load_sql("statements/incremental/latest_parsed_at")
    ).fetchall()
    return rows[0][0] if rows else None


def _years_since_published(
    connection: duckdb.DuckDBPyConnection,
    publish_dir: Path,
    parser_version: str,
    extra_districts: Path | None,
    review_log: Path | None,
) -> set[int] | None:
    """Years changed since the current snapshot; None when that cannot be told by year."""
    state = read_published_state(publish_dir)
    if (
        state is None
        or state.get("snapshot_id") != current_snapshot_id(publish_dir)
        or not state.get("watermark")
        or state.get("static_fingerprint")
        != static_fingerprint(parser_version, extra_districts, review_log)
    ):
        return None
    return changed_years(connection, datetime.fromisoformat(state["watermark"]))


def decide_run_years(
    connection: duckdb.DuckDBPyConnection,
    run_id: str,
    tags: Mapping[str, str],
    publish_dir: Path,
    parser_version: str,
    extra_districts: Path | None,
    review_log: Path | None = None,
) -> list[int] | None:
    """The run's years (None: every year), stored in ``run_scopes`` for the run's later steps."""
    covered = years_of_run(tags)
    years: set[int] | None = covered
    if is_incremental(tags):
        changed = _years_since_published(
            connection, publish_dir, parser_version, extra_districts, review_log
        )
        if changed is not None:
            years = changed if covered is None else changed & covered
    ordered = sorted(years) if years is not None else None
    connection.execute(
        warehouse.load_sql("statements/incremental/run_scope_insert"), [run_id, ordered]
    )
    return ordered


def run_years(
    connection: duckdb.DuckDBPyConnection, run_id: str, tags: Mapping[str, str]
) -> list[int] | None:
    """The years this run decided on (None: every year); the partition range if it never did."""
    rows = connection.execute(
        warehouse.load_sql("statements/incremental/run_scope_select"), [run_id]
    ).fetchall()
    if rows:
        return sorted(rows[0][0]) if rows[0][0] is not None else None
    covered = years_of_run(tags)
    return sorted(covered) if covered is not None else None
