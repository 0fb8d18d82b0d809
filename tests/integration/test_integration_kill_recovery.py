"""``kill -9`` of a real ``aqb ingest`` (the whole process group: the CLI, its parse workers and
the fork server) mid-run, then a normal re-run: the warehouse ends exactly as a clean run's,
and no temp file (``.tmp``) or write-ahead log (``.wal``) of the killed run is left anywhere
under the warehouse, the archive or the published snapshots."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipelines.config import PROJECT_ROOT, Settings
from pipelines.corpus import generate_corpus
from pipelines.orchestration import run_ingest
from tests.support.marts import comparable_marts

pytestmark = pytest.mark.slow
POLL_SECONDS = 0.02
RUN_TIMEOUT = 900  # an upper bound so a hang fails the test; no figure is asserted


def _environment(settings: Settings, home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "AQB_INBOX_DIR": str(settings.inbox_dir),
        "AQB_WAREHOUSE_PATH": str(settings.warehouse_path),
        "AQB_ARCHIVE_DIR": str(settings.archive_dir),
        "AQB_PUBLISH_DIR": str(settings.publish_dir),
        "AQB_DATA_DOCS_DIR": str(settings.data_docs_dir),
    }


def _start(settings: Settings, home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "ingest", "--no-progress"],
        cwd=PROJECT_ROOT,
        env=_environment(settings, home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: workers and fork server die with it
    )


def _archived(settings: Settings) -> int:
    return sum(1 for path in settings.archive_dir.glob("??/*") if path.is_file())


def _publishing(settings: Settings) -> bool:
    return any(settings.publish_dir.rglob(".*.tmp*"))


def _kill_when(process: subprocess.Popen, condition: Callable[[], bool]) -> bool:
    """SIGKILL the whole process group as soon as ``condition`` holds; False when the run ended
    before it did."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        if condition():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(POLL_SECONDS)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("the ingest hung")
    return False


def _leftovers(settings: Settings) -> list[Path]:
    roots = {settings.warehouse_path.parent, settings.archive_dir, settings.publish_dir}
    return sorted(
        path
        for root in roots
        if root.exists()
        for path in root.rglob("*")
        if path.name.endswith((".tmp", ".wal")) or ".tmp." in path.name
    )


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    generate_corpus(corpus, years=(2024, 2025), defect_rate=0.05)
    return corpus


def test_an_ingest_killed_twice_recovers_to_the_clean_warehouse(
    tmp_path: Path, inbox: Path
) -> None:
    clean = Settings.rooted_at(tmp_path / "clean", inbox)
    assert run_ingest(clean).published

    settings = Settings.rooted_at(tmp_path / "killed", inbox)
    home = tmp_path / "dagster_home"
    documents = sum(1 for path in inbox.rglob("*") if path.is_file() and path.parent != inbox)

    # 1: killed while documents are being archived and registered
    first = _start(settings, home)
    assert _kill_when(first, lambda: _archived(settings) >= documents // 2), (
        first.stderr.read().decode() if first.stderr else ""
    )
    # 2: killed again, as soon as it writes a snapshot (or, if it never gets there in time to
    # be seen, it completes: the recovery must hold either way)
    _kill_when(_start(settings, home), lambda: _publishing(settings))
    # 3: a normal run
    final = _start(settings, home)
    _stderr = final.communicate(timeout=RUN_TIMEOUT)[1].decode()
    assert final.returncode in (0, 1), _stderr

    assert _leftovers(settings) == []
    assert comparable_marts(settings.warehouse_path) == comparable_marts(clean.warehouse_path)
