"""Opening a dashboard page in Chromium and waiting until it is drawn, for the browser tests.

Streamlit answers a page's address before its script has run: the title, the "Datenstand"
caption, the elements and finally the link to the accessibility statement (drawn by
``dashboards/streamlit_app.py`` after every page's script, also one that stopped early) arrive
one after another. A test that looks earlier races the page; these helpers wait for all of it.
"""

from __future__ import annotations

from typing import Any

from dashboards import labels

PAGES_WITHOUT_SNAPSHOT = {"barrierefreiheit"}  # the accessibility statement reads no data


def wait_until_drawn(page: Any) -> None:
    """Wait until the script has finished and every element is drawn: Streamlit shows a status
    widget while the script runs and skeletons while the frontend loads an element's code (on a
    busy machine that takes seconds)."""
    page.wait_for_timeout(300)  # let a rerun that was just triggered show its status widget
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=180_000
    )
    page.wait_for_load_state("networkidle")


def open_page(page: Any, base_url: str, url_path: str, query: str = "") -> None:
    """Load page ``url_path`` (``query`` starts with "?") and wait until it is drawn: its title,
    its "Datenstand" (pages that read the snapshot), the link to the accessibility statement
    that the app draws after the page's script returned, then no status widget or skeleton."""
    page.goto(f"{base_url}/{url_path}{query}")
    page.get_by_role("heading", name=labels.PAGE_TITLES[url_path], level=1).wait_for()
    if url_path not in PAGES_WITHOUT_SNAPSHOT:
        page.get_by_text("Datenstand:").first.wait_for()
    page.locator("main").get_by_role("link", name=labels.A11Y_LINK).wait_for()
    wait_until_drawn(page)


def assert_no_exception(page: Any, name: str) -> None:
    """The page ``name`` shows no Streamlit exception element and no Python traceback: a page
    that failed must fail the test, even where the elements a test looks for were drawn."""
    assert page.locator('[data-testid="stException"]').count() == 0, f"{name}: exception shown"
    assert "Traceback" not in page.content(), f"{name}: traceback in page"
