"""A real ``streamlit run`` of the dashboard on a free port, and Debian's Chromium via Playwright.

The server reads the snapshot the real Dagster ingest published (``ingested``); Chromium is
/usr/bin/chromium (never ``playwright install``); tests skip, saying why, where it is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboards import APP_PATH, STREAMLIT_FLAGS
from pipelines.config import PROJECT_ROOT
from tests.support.headless import CHROMIUM_PATH, free_port, launch_chromium, wait_until_healthy

CHROMIUM = CHROMIUM_PATH
SCREENSHOT_DIR = PROJECT_ROOT / "tests" / "artifacts" / "screenshots"
HEALTH_TIMEOUT_S = 90


@dataclass(frozen=True)
class Server:
    base_url: str
    publish_dir: Path
    log_path: Path


@contextmanager
def _serve(
    settings,
    port: int,
    log_path: Path,
    extra_env: dict[str, str] | None = None,
    extra_flags: tuple[str, ...] = (),
    health_timeout: float = HEALTH_TIMEOUT_S,
) -> Iterator[str]:
    """``streamlit run`` of the real dashboard on ``port`` over ``settings``' published
    snapshots (plus ``extra_env``/``extra_flags``); yields its base URL, stops it afterwards."""
    env = {
        **os.environ,
        "AQB_PUBLISH_DIR": str(settings.publish_dir),
        "AQB_ARCHIVE_DIR": str(settings.archive_dir),
        **(extra_env or {}),
    }
    env.pop("AQB_DISTRICT_GEOJSON", None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        *STREAMLIT_FLAGS,
        *extra_flags,
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process, health_timeout, poll_seconds=0.3, log_path=log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def serve_dashboard():
    """``_serve``, for tests that need a server of their own (their own log files, sign-in)."""
    return _serve


@pytest.fixture(scope="session")
def dashboard_server(ingested, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings, _summary, _manifest = ingested
    log_path = tmp_path_factory.mktemp("streamlit_log") / "streamlit.log"
    with _serve(settings, free_port(), log_path) as base_url:
        yield Server(base_url=base_url, publish_dir=settings.publish_dir, log_path=log_path)


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
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="de-DE"
    )
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
