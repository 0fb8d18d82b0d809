"""A real ``streamlit run`` of the dashboard on a free port, and Debian's Chromium via Playwright.

The server reads the snapshot the real Dagster ingest published (``ingested``); Chromium is
/usr/bin/chromium (never ``playwright install``); tests skip, saying why, where it is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboards import APP_PATH, STREAMLIT_FLAGS
from dashboards.headless import CHROMIUM_PATH, launch_chromium
from pipelines.config import PROJECT_ROOT

CHROMIUM = CHROMIUM_PATH
SCREENSHOT_DIR = PROJECT_ROOT / "tests" / "artifacts" / "screenshots"
HEALTH_TIMEOUT_S = 90


@dataclass(frozen=True)
class Server:
    base_url: str
    publish_dir: Path
    log_path: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Poll /_stcore/health until the server answers (it needs a few seconds to import)."""
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy in {HEALTH_TIMEOUT_S} s:\n{log_path.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def dashboard_server(ingested, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings, _summary, _manifest = ingested
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit_log") / "streamlit.log"
    env = {**os.environ, "AQB_PUBLISH_DIR": str(settings.publish_dir), "AQB_ARCHIVE_DIR": str(settings.archive_dir)}
    env.pop("AQB_DISTRICT_GEOJSON", None)
    command = [sys.executable, "-m", "streamlit", "run", str(APP_PATH), f"--server.port={port}", "--server.address=127.0.0.1", *STREAMLIT_FLAGS]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base_url, process, log_path)
        yield Server(base_url=base_url, publish_dir=settings.publish_dir, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing (Debian package chromium); browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="de-DE")
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
