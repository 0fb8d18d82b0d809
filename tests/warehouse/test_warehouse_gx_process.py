"""Great Expectations runs in a child process of its own (``pipelines.quality.gx_process``): a
validation through it gives exactly what the same validation gives in this process, and a child
that fails or dies is reported, never silently replaced by a result."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from pipelines.quality import gx_process
from pipelines.quality.gx_process import GxProcess, GxProcessError
from pipelines.quality.runner import validate_frame

# statewide totals against the published figure: 2024 within 10 %, 2025 12 % above it
STATE_FRAME = pl.DataFrame(
    {
        "year": [2024, 2025],
        "statewide_eur": [27_500_000.0, 28_000_000.0],
        "published_eur": [27_000_000.0, 25_000_000.0],
        "deviation_pct": [27_500 / 27_000 * 100 - 100, 12.0],
    }
)


@pytest.fixture
def process() -> Iterator[GxProcess]:
    """A GX process of the test's own, so no other test's child is killed."""
    child = GxProcess()
    try:
        yield child
    finally:
        child.stop()


def _wait_until_dead(pid: int) -> None:
    """Until the killed child can be reaped, without reaping it (``WNOWAIT``): the kill is
    asynchronous, and a leader thread already shown as zombie in ``/proc`` is not yet waitable
    while the child's other threads (GX's import starts some) are still ending."""
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        time.sleep(0.01)


def test_a_call_runs_in_a_child_process(process: GxProcess) -> None:
    child_pid = process.call(os.getpid)
    assert child_pid != os.getpid()
    assert process.call(os.getpid) == child_pid  # the same child serves every call


def test_a_failing_call_raises_with_the_childs_error_and_the_child_serves_on(
    process: GxProcess,
) -> None:
    with pytest.raises(GxProcessError, match="invalid literal for int"):
        process.call(int, "zwölf")
    assert process.call(int, "12") == 12


def test_a_child_dying_during_a_call_is_an_error_naming_its_exit_code(process: GxProcess) -> None:
    with pytest.raises(GxProcessError, match=r"ended during _exit \(exit code 3\)"):
        process.call(os._exit, 3)
    assert process.call(int, "1") == 1  # a new child took over


def test_a_child_killed_between_calls_is_replaced(process: GxProcess) -> None:
    first_pid = process.call(os.getpid)
    os.kill(first_pid, signal.SIGKILL)
    _wait_until_dead(first_pid)
    assert process.call(os.getpid) not in (first_pid, os.getpid())


def test_a_warm_up_failure_is_reported_on_the_next_call(process: GxProcess, tmp_path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    process.warm_up(not_a_folder / "docs")  # the context cannot create its folder under a file
    with pytest.raises(GxProcessError, match="warm-up"):
        process.call(os.getpid)
    assert process.call(int, "2") == 2


def test_validation_through_the_process_equals_validation_here(tmp_path: Path) -> None:
    """The outcome crosses the process boundary whole: verdict, rules, failing rows."""
    arguments = ("statewide_totals", STATE_FRAME, tmp_path / "docs", [], "run-1")
    here = validate_frame(*arguments)
    there = gx_process.run_in_gx_process(validate_frame, *arguments)
    assert there == here
    success, rules = there
    assert not success
    failed = [rule for rule in rules if not rule.success]
    assert [sorted(rule.failing_years) for rule in failed] == [[2025]]
