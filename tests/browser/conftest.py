"""A real ``streamlit run`` of the dashboard on a free port, and Debian's Chromium via Playwright.

The server reads the snapshot the real Dagster ingest published (``ingested``); Chromium is
/usr/bin/chromium (never ``playwright install``); tests skip, saying why, where it is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipelines.config import PROJECT_ROOT
from tests.support.dashboard_server import serve_dashboard
from tests.support.headless import CHROMIUM_PATH, free_port, launch_chromium

CHROMIUM = CHROMIUM_PATH
SCREENSHOT_DIR = PROJECT_ROOT / "tests" / "artifacts" / "screenshots"


@dataclass(frozen=True)
class Server:
    base_url: str
    publish_dir: Path
    log_path: Path


@pytest.fixture(scope="session")
def dashboard_server(ingested, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings, _summary, _manifest = ingested
    log_path = tmp_path_factory.mktemp("streamlit_log") / "streamlit.log"
    with serve_dashboard(settings, free_port(), log_path) as base_url:
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
