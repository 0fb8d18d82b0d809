"""``aqb watch``: change detection, settling, real ingests of dropped files, retry after errors,
and the executor every job runs with (the daemon's path)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from dagster._utils.interrupts import capture_interrupts, check_captured_interrupt

from pipelines.commands.watch_cmd import StopSignals
from pipelines.config import PROJECT_ROOT, Settings
from pipelines.definitions import build_definitions
from pipelines.reasons import Reason
from pipelines.watch import InboxWatcher, inbox_signature, watch
from tests.support.agreements import make_agreement


def test_signature_sees_new_grown_and_touched_files_and_hidden_ones_as_skipped(
    tmp_path: Path,
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("eins", encoding="utf-8")
    first = inbox_signature(tmp_path)
    assert {entry[0] for entry in first} == {"a.txt"}

    (tmp_path / ".partial.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x", encoding="utf-8")
    with_hidden = inbox_signature(tmp_path)
    # hidden entries are not documents, but they are accounted for: skipped with their reason
    assert {entry[0]: entry[3] for entry in with_hidden if entry[3] is not None} == {
        ".partial.pdf": Reason.HIDDEN_NAME,
        ".hidden": Reason.HIDDEN_NAME,
    }
    assert {entry for entry in with_hidden if entry[3] is None} == first

    (tmp_path / "sub" / "c.txt").write_text("drei", encoding="utf-8")
    second = inbox_signature(tmp_path)
    assert {entry[0] for entry in second if entry[3] is None} == {
        "a.txt",
        os.path.join("sub", "c.txt"),
    }

    (tmp_path / "a.txt").write_text("eins, länger", encoding="utf-8")
    grown = inbox_signature(tmp_path)
    assert grown != second

    stat = (tmp_path / "a.txt").stat()
    os.utime(tmp_path / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert inbox_signature(tmp_path) != grown  # same size, rewritten later


def _parsed_documents(settings: Settings) -> int:
    connection = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return connection.execute("SELECT count(*) FROM parse_results").fetchone()[0]
    finally:
        connection.close()


def test_watcher_ingests_a_dropped_file_once_it_settled(tmp_path: Path, small_inbox: Path) -> None:
    settings = Settings.rooted_at(tmp_path / "aqb", small_inbox)
    watcher = InboxWatcher(settings)

    assert watcher.poll() is None  # first look: the inbox must look the same once more
    startup = watcher.poll()
    assert startup is not None and startup.published and startup.docs_new == 2
    assert {step for step, _, _ in startup.step_intervals} >= {"parsed_documents", "marts"}
    assert all(end >= start for _, start, end in startup.step_intervals)
    assert watcher.poll() is None  # nothing changed since

    (small_inbox / "zielvereinbarung_2023_bergstrasse.txt").write_text(
        make_agreement(2023, "1.111.000"), encoding="utf-8"
    )
    assert watcher.poll() is None  # seen once: settling
    summary = watcher.poll()
    assert summary is not None
    assert (summary.docs_new, summary.published) == (1, True)
    assert _parsed_documents(settings) == 3
    assert watcher.poll() is None


def test_watch_loop_runs_the_requested_ingests_and_stops(tmp_path: Path, small_inbox: Path) -> None:
    settings = Settings.rooted_at(tmp_path / "aqb", small_inbox)
    summaries = []
    ingests = watch(settings, interval_seconds=0.01, on_ingest=summaries.append, max_ingests=1)
    assert ingests == 1 and summaries[0].published
    assert _parsed_documents(settings) == 2


def test_a_failed_ingest_is_retried_later_not_lost(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("eins", encoding="utf-8")
    now = [0.0]
    attempts: list[float] = []

    def ingest_failing_first(_settings: Settings):
        attempts.append(now[0])
        if len(attempts) == 1:
            raise OSError("warehouse is locked by another ingest")
        return "summary"

    watcher = InboxWatcher(
        Settings.rooted_at(tmp_path, inbox),
        ingest=ingest_failing_first,
        clock=lambda: now[0],
        retry_after_seconds=10.0,
    )
    watcher.poll()
    assert watcher.poll() is None and watcher.errors == [
        "OSError: warehouse is locked by another ingest"
    ]
    now[0] = 5.0
    assert watcher.poll() is None  # still waiting before the retry
    now[0] = 10.0
    assert watcher.poll() == "summary"
    assert attempts == [0.0, 10.0]


@pytest.mark.parametrize("arguments", [["--interval", "0"], ["--inbox", "/nonexistent/inbox"]])
def test_watch_command_refuses_bad_arguments(arguments: list[str]) -> None:
    from pipelines.cli import main

    assert main(["watch", *arguments]) == 1


def test_every_job_runs_its_steps_in_one_process() -> None:
    definitions = build_definitions()
    for job_name in ("ingest_job", "year_rebuild_job"):
        assert definitions.resolve_job_def(job_name).executor_def.name == "in_process"


def test_a_run_launched_like_the_daemon_does_succeeds(tmp_path: Path, small_inbox: Path) -> None:
    """``dagster job execute`` takes the executor from the definitions, as daemon-launched runs
    do; with parallel step processes the checks would fight over the DuckDB writer lock."""
    settings = Settings.rooted_at(tmp_path / "aqb", small_inbox)
    environment = {
        **os.environ,
        "AQB_INBOX_DIR": str(small_inbox),
        "AQB_WAREHOUSE_PATH": str(settings.warehouse_path),
        "AQB_ARCHIVE_DIR": str(settings.archive_dir),
        "AQB_PUBLISH_DIR": str(settings.publish_dir),
        "AQB_DATA_DOCS_DIR": str(settings.data_docs_dir),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    (tmp_path / "dagster_home").mkdir()
    completed = subprocess.run(
        [
            str(Path(sys.executable).with_name("dagster")),
            "job",
            "execute",
            "-m",
            "pipelines.definitions",
            "-j",
            "ingest_job",
            "--tags",
            '{"dagster/asset_partition_range_start": "2024", "dagster/asset_partition_range_end": "2025"}',
        ],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,  # a fresh process per run; slow on a busy machine
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "RUN_SUCCESS" in completed.stdout + completed.stderr
    assert _parsed_documents(settings) == 2
    assert any(settings.publish_dir.glob("snapshots/*.duckdb"))


def test_a_stop_during_a_dagster_run_is_seen_when_the_run_ends_and_sigterm_is_rearmed() -> None:
    """Dagster's own interrupt capture (the real context manager a run enters) swallows the
    SIGTERM and, ending, hands SIGTERM SIGINT's disposition: ignored here, as in a background
    job. The worker still learns of the stop and has its handler back."""
    previous_sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with StopSignals() as stops:
            assert not stops.rearm()
            with capture_interrupts():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.05)  # let the interpreter run the (Dagster's) handler
                assert check_captured_interrupt()
            assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN  # what Dagster left
            assert stops.rearm()
            assert signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN
            assert not stops.rearm()  # seen once
            with pytest.raises(KeyboardInterrupt):
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.05)
    finally:
        signal.signal(signal.SIGINT, previous_sigint)
