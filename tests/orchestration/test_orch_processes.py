"""Clean process handling: ``aqb dagster`` (what ``make dagster`` runs) shows the runs ``aqb``
recorded, with every asset materialized and every check evaluated, and it and ``aqb watch`` stop
on SIGTERM with their whole process group, leaving no temp folder behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipelines.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow
AQB = str(Path(sys.executable).parent / "aqb")
STOP_WAIT = 60  # an upper bound so a hang fails the test; the figure itself is not asserted


def _environment(tmp_path: Path, inbox: Path) -> dict[str, str]:
    settings = Settings.rooted_at(tmp_path / "aqb", inbox)
    return {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
        "AQB_INBOX_DIR": str(inbox),
        "AQB_WAREHOUSE_PATH": str(settings.warehouse_path),
        "AQB_ARCHIVE_DIR": str(settings.archive_dir),
        "AQB_PUBLISH_DIR": str(settings.publish_dir),
        "AQB_DATA_DOCS_DIR": str(settings.data_docs_dir),
    }


def _group_gone(pid: int) -> bool:
    """No process of the group is left (helpers such as Dagster's orphan watchers notice their
    parent's end on their next poll, so they get a few seconds)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.5)
    left = subprocess.run(
        ["ps", "-o", "pid,args", "-g", str(pid)], capture_output=True, text=True
    ).stdout
    raise AssertionError(f"processes left in the group:\n{left}")


def _stop_and_wait(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_WAIT)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def _graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return json.loads(response.read())["data"]


ASSETS_QUERY = """{ assetNodes { assetKey { path }
  assetMaterializations(limit: 1) { runId }
  assetChecksOrError { ... on AssetChecks { checks { name
    executionForLatestMaterialization { runId status } } } } } }"""


def test_aqb_dagster_shows_the_cli_run_and_stops_on_sigterm(
    tmp_path: Path, small_inbox: Path
) -> None:
    env = _environment(tmp_path, small_inbox)
    ingest = subprocess.run(
        [AQB, "ingest", "--no-progress"], env=env, capture_output=True, text=True, timeout=900
    )
    run_id = ingest.stdout.split("Run ")[-1].split(";")[0].split()[0]
    before = set(PROJECT_ROOT.glob(".tmp_dagster_home_*"))
    port = _free_port()
    ui = subprocess.Popen(
        [AQB, "dagster", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        nodes = _wait_for_assets(port)
    finally:
        code = _stop_and_wait(ui)
    assert code == 0 and _group_gone(ui.pid)
    assert set(PROJECT_ROOT.glob(".tmp_dagster_home_*")) == before
    assert nodes, "the UI lists the project's assets"
    for node in nodes:
        name = "/".join(node["assetKey"]["path"])
        assert node["assetMaterializations"], f"{name} never materialized"
        assert node["assetMaterializations"][0]["runId"] == run_id
        for check in node["assetChecksOrError"].get("checks", []):
            execution = check["executionForLatestMaterialization"]
            assert execution is not None, f"{name}: check {check['name']} not evaluated"
            assert execution["status"] in {"SUCCEEDED", "FAILED"}


def _wait_for_assets(port: int) -> list[dict]:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            return _graphql(port, ASSETS_QUERY)["assetNodes"]
        except (OSError, KeyError, TypeError):
            time.sleep(2)
    raise AssertionError("the Dagster UI did not answer")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_aqb_watch_stops_on_sigterm_with_its_workers(tmp_path: Path, small_inbox: Path) -> None:
    """Started as a shell starts a background job (SIGINT ignored): each Dagster run gives
    SIGTERM SIGINT's disposition when it ends, so this worker ignored SIGTERM after its first
    ingest until the handler was re-armed after every run (it hung in CI under pytest-xdist)."""
    env = _environment(tmp_path, small_inbox)
    worker = subprocess.Popen(
        [AQB, "watch", "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=_ignore_sigint,  # noqa: PLW1509 - only sets a signal disposition
    )
    lines = []
    try:
        for line in worker.stdout:
            lines.append(line)
            if "Ingest / ingest" in line:  # watching, and the first ingest ran
                break
    finally:
        code = _stop_and_wait(worker)
    rest = worker.stdout.read()
    assert code == 0, "".join(lines) + rest
    assert "beendet / stopped" in rest
    assert _group_gone(worker.pid)  # no parse worker or fork server left behind
