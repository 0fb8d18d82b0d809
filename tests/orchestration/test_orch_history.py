"""Run history and freshness: every run gets its ``ingest_runs`` row (from ``aqb`` itself or from
the run history sensor), the persistent instance keeps the runs, freshness names what is overdue."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.config import Settings
from pipelines.defs.jobs import INGEST_JOB, ingest_run_tags
from pipelines.defs.operations.sensors import run_history_sensor
from pipelines.operations.freshness import Freshness, overdue_agreements
from pipelines.operations.history import launched_by, read_history
from pipelines.orchestration import run_ingest, run_instance
from pipelines.resources import build_resources


def _settings(tmp_path: Path, inbox: Path) -> Settings:
    return Settings.rooted_at(tmp_path / "work", inbox)


def _rows(settings: Settings) -> list[dict]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        return connection.sql("SELECT * FROM ingest_runs ORDER BY started_at").pl().to_dicts()


def test_cli_runs_are_in_the_instance_and_in_ingest_runs(tmp_path: Path, small_inbox: Path) -> None:
    settings = _settings(tmp_path, small_inbox)
    first = run_ingest(settings)
    second = run_ingest(settings, launched_by="watch")  # nothing changed: no Dagster run
    rows = _rows(settings)
    assert [(r["run_id"], r["status"], r["launched_by"]) for r in rows] == [
        (first.run_id, "SUCCESS", "cli"),
        (second.run_id, "UNCHANGED", "watch"),
    ]
    assert (rows[0]["docs_new"], rows[0]["published"], rows[0]["job_name"]) == (2, True, INGEST_JOB)
    assert rows[0]["snapshot_id"] == first.snapshot_id and rows[0]["failure_reason"] is None
    assert rows[0]["checks_passed"] == first.checks_passed > 0
    assert rows[0]["finished_at"] >= rows[0]["started_at"]
    record = run_instance().get_run_record_by_id(first.run_id)
    assert record is not None and record.dagster_run.status == dg.DagsterRunStatus.SUCCESS
    exported = read_history(settings.publish_dir)
    assert exported is not None and exported["run_id"].to_list() == [second.run_id, first.run_id]


def test_history_sensor_records_other_runs_once_with_status_and_reason(
    tmp_path: Path, small_inbox: Path
) -> None:
    """Runs the sensor never saw launched (a schedule's, a failed one) get their rows; a run the
    CLI recorded keeps its row; a second tick records nothing again."""
    from pipelines.definitions import build_definitions

    settings = _settings(tmp_path, small_inbox)
    cli = run_ingest(settings)
    instance = run_instance()
    job = build_definitions(build_resources(settings)).resolve_job_def(INGEST_JOB)
    scheduled = job.execute_in_process(
        instance=instance,
        tags={**ingest_run_tags(), "dagster/schedule_name": "nightly_ingest"},
        raise_on_error=False,
    )
    broken_publish = dataclasses.replace(settings, publish_dir=tmp_path / "not_a_folder")
    broken_publish.publish_dir.write_text("a file where the publish folder should be")
    (small_inbox / "zielvereinbarung_2023_bergstrasse.txt").write_text(
        (small_inbox / "zielvereinbarung_2024_bergstrasse.txt")
        .read_text(encoding="utf-8")
        .replace("2024", "2023"),
        encoding="utf-8",
    )
    failed = (
        build_definitions(build_resources(broken_publish))
        .resolve_job_def(INGEST_JOB)
        .execute_in_process(instance=instance, tags=ingest_run_tags(), raise_on_error=False)
    )
    assert scheduled.success and not failed.success

    resources = build_resources(settings)
    context = dg.build_sensor_context(instance=instance, resources=resources)
    assert run_history_sensor(context) is None
    rows = {row["run_id"]: row for row in _rows(settings)}
    assert rows[cli.run_id]["launched_by"] == "cli"
    assert rows[scheduled.run_id]["launched_by"] == "schedule"
    assert rows[scheduled.run_id]["status"] == "SUCCESS"
    assert rows[failed.run_id]["status"] == "FAILURE"
    assert rows[failed.run_id]["launched_by"] == "ui"
    assert rows[failed.run_id]["failure_reason"].startswith("step published_snapshot:")
    assert not rows[failed.run_id]["published"] and rows[failed.run_id]["docs_new"] == 1

    recorded = len(_rows(settings))  # the session's instance may hold other tests' runs too
    again = dg.build_sensor_context(instance=instance, resources=resources, cursor=context.cursor)
    assert isinstance(run_history_sensor(again), dg.SkipReason)
    assert len(_rows(settings)) == recorded


def test_launched_by_reads_the_tags_of_each_launch_path() -> None:
    assert launched_by({"aqb/launched_by": "watch"}) == "watch"
    assert launched_by({"dagster/backfill": "abc", "dagster/partition": "2024"}) == "backfill"
    assert launched_by({"dagster/schedule_name": "nightly_ingest"}) == "schedule"
    assert launched_by({"dagster/sensor_name": "inbox_sensor"}) == "sensor"
    assert launched_by({}) == "ui"


def _completeness(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(
        "CREATE TABLE mart_completeness AS SELECT * FROM (VALUES "
        "('06431', 'Bergstraße', 2024, true), ('06411', 'Darmstadt', 2024, false), "
        "('06431', 'Bergstraße', 2025, true), ('06411', 'Darmstadt', 2025, true)) "
        "AS t(district_ags, district_name, year, agreement_received)"
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2025, 3, 31), [("06411", 2024)]),  # 2025 due on 31.03.: not yet overdue that day
        (date(2025, 4, 1), [("06411", 2024)]),  # Darmstadt sent 2025 in time
        (date(2026, 4, 1), [("06411", 2024), ("06411", 2026), ("06431", 2026)]),
        (date(2024, 3, 31), []),
    ],
)
def test_overdue_agreements_by_due_date(as_of: date, expected: list) -> None:
    with duckdb.connect() as connection:
        _completeness(connection)
        overdue = overdue_agreements(connection, as_of, (3, 31))
    assert [(row["district_ags"], row["year"]) for row in overdue.iter_rows(named=True)] == expected


def test_freshness_names_every_overdue_item() -> None:
    with duckdb.connect() as connection:
        _completeness(connection)
        agreements = overdue_agreements(connection, date(2025, 4, 1), (3, 31))
    stale = Freshness(
        now=datetime(2025, 4, 2, 6, 0),
        last_success=datetime(2025, 4, 1, 3, 59),
        agreements=agreements,
    )
    assert stale.ingest_overdue  # 26 h 1 min
    fresh = dataclasses.replace(stale, last_success=datetime(2025, 4, 1, 4, 0))
    assert not fresh.ingest_overdue and fresh.any_overdue  # exactly 26 h: still fresh
    sentences = stale.sentences()
    assert sentences[0].startswith("Einlesevorgang überfällig")
    assert "01.04.2025 03:59" in sentences[0]
    assert sentences[1] == "Zielvereinbarung 2024 Darmstadt (06411) überfällig seit 31.03.2024."
    assert stale.signature() != fresh.signature()
