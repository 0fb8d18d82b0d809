"""What leadership sees in Chromium: no request leaves the app's own host, the like-for-like
note names the missing district, money by measure type is drawn, the briefing downloads as PDF,
at 1280 and 1440 px."""

from __future__ import annotations

from urllib.parse import urlparse

import duckdb
import pytest

from dashboards import labels
from pipelines.exports import locate_snapshot

pytestmark = pytest.mark.browser
PAGES = tuple(labels.PAGE_TITLES)
PAGES_WITHOUT_SNAPSHOT = {"barrierefreiheit"}  # the accessibility statement reads no data


def open_page(page, server, url_path: str, query: str = "") -> None:
    """Load a page and wait until its script has finished (title, Datenstand, no spinner)."""
    page.goto(f"{server.base_url}/{url_path}{query}")
    page.get_by_role("heading", name=labels.PAGE_TITLES[url_path], level=1).wait_for()
    if url_path not in PAGES_WITHOUT_SNAPSHOT:
        page.get_by_text("Datenstand:").first.wait_for()
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    page.wait_for_load_state("networkidle")


def assert_no_exception(page, name: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, f"{name}: exception shown"


def _year_with_missing_district(server) -> tuple[int, str]:
    ref = locate_snapshot(server.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        return connection.execute(
            "SELECT year, districts_missing FROM mart_state_year "
            "WHERE districts_missing IS NOT NULL AND lfl_change_eur IS NOT NULL ORDER BY year DESC"
        ).fetchone()


def test_no_page_requests_another_host(browser, dashboard_server) -> None:
    """Every request of every page (favicon, fonts, scripts, data) goes to the app itself."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    own = urlparse(dashboard_server.base_url).netloc
    try:
        for url_path in PAGES:
            open_page(page, dashboard_server, url_path)
            assert_no_exception(page, url_path)
        favicon = page.locator("link[rel='icon'], link[rel='shortcut icon']").first
        assert urlparse(favicon.get_attribute("href")).netloc in ("", own)
    finally:
        context.close()
    assert requests, "no request was recorded"
    foreign = sorted({url for url in requests if urlparse(url).netloc not in ("", own)})
    assert foreign == [], f"requests to other hosts: {foreign[:5]}"


@pytest.mark.parametrize("width", [1280, 1440])
def test_overview_names_missing_districts_and_offers_the_briefing(
    browser, dashboard_server, screenshot_dir, width: int, tmp_path
) -> None:
    year, missing = _year_with_missing_district(dashboard_server)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, accept_downloads=True, locale="de-DE"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server, "ueberblick", f"?jahr={year}")
        page.get_by_text(f"Ohne Zielvereinbarung {year}").first.wait_for()
        assert missing in page.inner_text("main")
        assert "Vorjahresvergleich" in page.inner_text("main")  # the like-for-like sentence
        page.screenshot(path=str(screenshot_dir / f"ueberblick_{year}_{width}.png"))
        with page.expect_download() as download_info:
            page.get_by_role("button", name=labels.BRIEFING_DOWNLOAD).click()
        target = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(target)
        assert target.read_bytes().startswith(b"%PDF")
        assert target.name.startswith(f"aqb_briefing_{year}_hessen_")
        open_page(page, dashboard_server, "massnahmenarten", f"?jahr={year}")
        page.get_by_text(labels.MONEY_CHART.format(scope=labels.MONEY_SCOPE_STATE)).wait_for()
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
        page.screenshot(path=str(screenshot_dir / f"massnahmenarten_{width}.png"))
    finally:
        context.close()
