"""Cold start of the dashboard: ``streamlit run`` spawned to the first page rendered in Chromium.

"Rendered" means the page's heading is visible and Streamlit reports the script run finished
(no running-status widget, no skeleton placeholders), i.e. what a person in the meeting sees.
The browser is launched before the clock starts: the browser is already open in the meeting.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.stats import summarize
from bench.workspace import BenchRoot
from pipelines.config import PROJECT_ROOT
from tests.support.headless import free_port, launch_chromium, wait_until_healthy

APP = PROJECT_ROOT / "dashboards" / "streamlit_app.py"
RENDERED_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"], [data-testid="stAppViewContainer"]');
  if (!main || !main.querySelector('h1')) return false;
  const running = document.querySelector('[data-testid="stStatusWidget"]');
  const skeleton = document.querySelector('[data-testid="stSkeleton"]');
  return !running && !skeleton;
}"""


def _start_streamlit(bench_root: BenchRoot, port: int, log_path: Path) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(bench_root.environment())
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")])
    )
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def cold_start_once(
    browser, bench_root: BenchRoot, log_path: Path, timeout_seconds: float = 60.0
) -> dict[str, Any]:
    """Spawn the app, load its first page in a new browser context, time each milestone."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = _start_streamlit(bench_root, port, log_path)
    try:
        wait_until_healthy(base_url, process, timeout_seconds, poll_seconds=0.02)
        server_ready = time.perf_counter() - started
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.goto(base_url, wait_until="domcontentloaded", timeout=timeout_seconds * 1000)
            page.wait_for_selector("h1", timeout=timeout_seconds * 1000)
            first_heading = time.perf_counter() - started
            page.wait_for_function(RENDERED_JS, timeout=timeout_seconds * 1000, polling=20)
            rendered = time.perf_counter() - started
            exceptions = page.locator('[data-testid="stException"]').count()
            title = page.locator("h1").first.inner_text()
        finally:
            context.close()
    finally:
        _stop(process)
    return {
        "server_ready_seconds": server_ready,
        "first_heading_seconds": first_heading,
        "rendered_seconds": rendered,
        "exceptions_on_page": exceptions,
        "page_title": title,
    }


def run_cold_start(bench_root: BenchRoot, job_dir: Path, repeats: int) -> dict[str, Any]:
    """``repeats`` cold starts against the root's published snapshot, in headless Chromium.

    In a thread of its own: Playwright's sync API refuses to start in a thread whose asyncio
    event loop counts as running, as one did in a CI test worker after earlier tests' runs; a
    fresh thread has no loop."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="aqb-coldstart") as pool:
        return pool.submit(_run_cold_start, bench_root, job_dir, repeats).result()


def _run_cold_start(bench_root: BenchRoot, job_dir: Path, repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    job_dir.mkdir(parents=True, exist_ok=True)
    runs, errors = [], []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for repeat in range(repeats):
                try:
                    runs.append(
                        cold_start_once(browser, bench_root, job_dir / f"streamlit_{repeat}.log")
                    )
                except (
                    Exception
                ) as error:  # one failed start is a finding, not the end of the bench
                    errors.append(f"{type(error).__name__}: {error}")
        finally:
            browser.close()
    return {
        "repeats": repeats,
        "successful": len(runs),
        "server_ready_seconds": summarize([run["server_ready_seconds"] for run in runs]),
        "first_heading_seconds": summarize([run["first_heading_seconds"] for run in runs]),
        "rendered_seconds": summarize([run["rendered_seconds"] for run in runs]),
        "exceptions_on_page": [run["exceptions_on_page"] for run in runs],
        "page_title": runs[-1]["page_title"] if runs else None,
        "errors": errors,
        "log_dir": str(job_dir),
    }
