"""The production instance, really run: ``docs/deploy/dagster.yaml`` on a real PostgreSQL
server, ``dagster-daemon run`` as a process, the nightly schedule's tick and an inbox-sensor tick
launching runs that complete, land in PostgreSQL run storage and in ``ingest_runs``; a run that
fails (the warehouse held by another writer) reaches the alert webhook and the history.

Slow by nature (a daemon, a code server and one process per run); marked ``slow``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb
import pytest

from pipelines.config import PROJECT_ROOT
from pipelines.defs.shared import full_range_tags

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
WAIT_SECONDS = 900  # runs start a fresh process each; a busy CI machine is slow


def _wait_for(what: str, probe: Callable[[], object], timeout: float = WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(2)
    raise AssertionError(f"timed out waiting for {what}")


def _next_minute_cron(lead_minutes: int = 2) -> str:
    """A daily cron that fires once, ``lead_minutes`` from now (Berlin time, the schedule's)."""
    at = datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(minutes=lead_minutes)
    return f"{at.minute} {at.hour} * * *"


@pytest.fixture()
def production(
    tmp_path: Path,
    small_inbox: Path,
    postgres_server: dict[str, str],
    webhook_receiver: tuple[str, list[dict]],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[dict]:
    """A Dagster home with the deployment's dagster.yaml, the environment of the systemd units
    (paths under tmp_path), and the daemon started; stopped and waited for afterwards."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "docs" / "deploy" / "dagster.yaml", home / "dagster.yaml")
    url, _bodies = webhook_receiver
    env = {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DAGSTER_HOME": str(home),
        **postgres_server,
        "AQB_INBOX_DIR": str(small_inbox),
        "AQB_WAREHOUSE_PATH": str(tmp_path / "warehouse.duckdb"),
        "AQB_ARCHIVE_DIR": str(tmp_path / "archive"),
        "AQB_PUBLISH_DIR": str(tmp_path / "published"),
        "AQB_DATA_DOCS_DIR": str(tmp_path / "data_docs"),
        "AQB_NIGHTLY_CRON": _next_minute_cron(),
        "AQB_ALERT_WEBHOOK_URL": url,
        "OMP_THREAD_LIMIT": "1",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    log = (tmp_path / "daemon.log").open("w")
    daemon = subprocess.Popen(
        [str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its code server and run processes form one group
    )
    try:
        yield {"env": env, "home": home, "warehouse": tmp_path / "warehouse.duckdb", "log": log}
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        try:
            daemon.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait(timeout=30)
        log.close()


def _dagster_cli(env: dict[str, str], *arguments: str) -> None:
    completed = subprocess.run(
        [str(BIN / "dagster"), *arguments, "-w", "workspace.yaml"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]


def _history(warehouse: Path) -> list[dict]:
    """ingest_runs as dicts; [] while a run or the sensor holds the warehouse."""
    if not warehouse.is_file():
        return []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            if not connection.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'ingest_runs'"
            ).fetchall()[0][0]:
                return []
            return connection.sql("SELECT * FROM ingest_runs").pl().to_dicts()
    except duckdb.IOException:
        return []


def _writer(warehouse: Path) -> duckdb.DuckDBPyConnection | None:
    """A writing connection to the warehouse; None while the run history sensor writes to it
    (a daemon tick can hold the file at the moment the test wants it)."""
    try:
        return duckdb.connect(str(warehouse))
    except duckdb.IOException:
        return None


def _finished(instance: dg.DagsterInstance, tag: str, status: dg.DagsterRunStatus) -> list:
    return [
        record
        for record in instance.get_run_records(filters=dg.RunsFilter(statuses=[status]))
        if tag in record.dagster_run.tags
    ]


def test_schedule_and_sensor_ticks_run_on_postgres_and_failures_alert(
    production: dict, webhook_receiver: tuple[str, list[dict]]
) -> None:
    env, warehouse = production["env"], production["warehouse"]
    _dagster_cli(env, "sensor", "start", "inbox_sensor")
    instance = dg.DagsterInstance.from_config(str(production["home"]))
    assert type(instance.run_storage).__name__ == "PostgresRunStorage"

    # a sensor tick and the schedule's tick each launch a run that completes, in PostgreSQL
    sensor_runs = _wait_for(
        "a successful run from an inbox-sensor tick",
        lambda: _finished(instance, "dagster/sensor_name", dg.DagsterRunStatus.SUCCESS),
    )
    schedule_runs = _wait_for(
        "a successful run from the nightly schedule's tick",
        lambda: _finished(instance, "dagster/schedule_name", dg.DagsterRunStatus.SUCCESS),
    )
    assert sensor_runs[0].dagster_run.tags["dagster/sensor_name"] == "inbox_sensor"
    assert schedule_runs[0].dagster_run.tags["dagster/schedule_name"] == "nightly_ingest"

    # ... and each has its ingest_runs row, written by the run history sensor
    wanted = {
        sensor_runs[0].dagster_run.run_id: "sensor",
        schedule_runs[0].dagster_run.run_id: "schedule",
    }

    def recorded() -> dict[str, dict]:
        rows = {row["run_id"]: row for row in _history(warehouse)}
        return rows if set(wanted) <= set(rows) else {}

    rows = _wait_for("ingest_runs rows for both runs", recorded)
    for run_id, launched_by in wanted.items():
        assert rows[run_id]["launched_by"] == launched_by
        assert rows[run_id]["status"] == "SUCCESS"
        assert rows[run_id]["finished_at"] >= rows[run_id]["started_at"]
    first = min(rows.values(), key=lambda row: row["started_at"])
    assert first["docs_new"] == 2 and first["published"]

    # a run that finds the warehouse held by another writer fails: alert and history
    url, bodies = webhook_receiver
    holder = _wait_for("the warehouse free to hold", lambda: _writer(warehouse))
    try:
        _dagster_cli(
            env, "job", "launch", "-j", "ingest_job", "--tags", json.dumps(full_range_tags())
        )
        alert = _wait_for(
            "the failure alert at the webhook",
            lambda: next((b for b in bodies if "AQB ingest failed" in b.get("text", "")), None),
        )
    finally:
        holder.close()
    failed = instance.get_run_records(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.FAILURE]))
    assert len(failed) == 1
    failed_id = failed[0].dagster_run.run_id
    assert failed_id in alert["text"] and "ingest_job" in alert["text"]
    row = _wait_for(
        "the failed run's ingest_runs row",
        lambda: next((r for r in _history(warehouse) if r["run_id"] == failed_id), None),
    )
    assert row["status"] == "FAILURE" and row["launched_by"] == "ui"
    assert row["failure_reason"] and "lock" in row["failure_reason"].lower()
