"""The dashboard in headless Chromium: pages load, filters change charts, downloads carry rows."""

from __future__ import annotations

import csv
import io
import re

import duckdb
import pytest

from dashboards import labels
from pipelines.exports import locate_snapshot
from tests.support.browser_pages import assert_no_exception, open_page, wait_until_drawn
from tests.support.select_box import open_select_box

pytestmark = pytest.mark.browser

PAGES = (
    "ueberblick",
    "kreisvergleich",
    "massnahmenarten",
    "zeitreihen",
    "soll_ist",
    "kreisprofil",
    "vergleich",
    "datenqualitaet",
)


def test_every_page_loads_and_is_screenshotted(page, dashboard_server, screenshot_dir) -> None:
    for url_path in PAGES:
        open_page(page, dashboard_server.base_url, url_path)
        if url_path not in ("soll_ist",):
            page.locator(
                '[data-testid="stVegaLiteChart"], [data-testid="stDataFrame"]'
            ).first.wait_for()
        assert_no_exception(page, url_path)
        target = screenshot_dir / f"{url_path}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000


def select_option(page, widget_label: str, option_label: str) -> None:
    """Pick ``option_label`` in the Streamlit select box labelled ``widget_label``."""
    open_select_box(page, widget_label)
    page.get_by_role("option", name=option_label, exact=True).click()
    wait_until_drawn(page)


def test_filter_change_changes_chart_and_url(page, dashboard_server) -> None:
    open_page(page, dashboard_server.base_url, "kreisvergleich")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for()
    before = chart.screenshot()
    select_option(page, labels.FILTER_METRIC, labels.MAP_METRIC_LABELS["eur_per_inhabitant"])
    page.get_by_text(
        f"Karte: {labels.MAP_METRIC_LABELS['eur_per_inhabitant']}", exact=False
    ).first.wait_for()
    after = page.locator('[data-testid="stVegaLiteChart"]').first.screenshot()
    assert before != after, "the map must change when the metric changes"
    assert "kennzahl=" in page.url
    # the link reproduces the view
    shared_url = page.url
    page.goto(shared_url)
    page.get_by_text(
        f"Karte: {labels.MAP_METRIC_LABELS['eur_per_inhabitant']}", exact=False
    ).first.wait_for()
    assert_no_exception(page, "kreisvergleich (shared link)")


def test_csv_download_has_one_row_per_district(page, dashboard_server, tmp_path) -> None:
    ref = locate_snapshot(dashboard_server.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year, n_rows = connection.execute(
            "SELECT year, count(*) FROM mart_district_year WHERE year = (SELECT max(year) FROM mart_district_year) GROUP BY year"
        ).fetchone()
        keys = {
            row[0]
            for row in connection.execute(
                "SELECT district_ags FROM mart_district_year WHERE year = ?", [year]
            ).fetchall()
        }
    open_page(page, dashboard_server.base_url, "kreisvergleich")
    button = page.locator(f".st-key-download_kreisvergleich_{year}_csv button").first
    with page.expect_download() as download_info:
        button.click()
    target = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(target)
    payload = target.read_bytes()
    assert payload.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) - 1 == n_rows == 26
    assert {row[0] for row in rows[1:]} == keys


def expect_selected(page, widget_label: str, text: str) -> None:
    """Wait until the Streamlit select box labelled ``widget_label`` shows ``text`` (its value
    is the text of the box's combobox input)."""
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name=widget_label, exact=True).first
    expect(box).to_have_value(re.compile(re.escape(text)))


def test_links_with_codes_reproduce_the_view(page, dashboard_server) -> None:
    open_page(page, dashboard_server.base_url, "kreisprofil", "?kreis=06431")
    expect_selected(page, labels.FILTER_DISTRICT, "(06431)")
    assert "kreis=06431" in page.url and "Landkreis" not in page.url, (
        "the URL keeps the code, not the label"
    )
    open_page(page, dashboard_server.base_url, "zeitreihen", "?kreise=06431&kreise=06611")
    chosen = page.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert "06431" in chosen and "06611" in chosen
    assert_no_exception(page, "zeitreihen (link)")


def test_every_page_has_its_own_path(page, dashboard_server) -> None:
    page.goto(f"{dashboard_server.base_url}/ueberblick?jahr=2016")
    page.get_by_role("heading", name=labels.PAGE_TITLES["ueberblick"], level=1).wait_for()
    wait_until_drawn(page)
    assert "Page not found" not in page.content()
    # the metrics render after the charts' data arrives; wait for the label, do not race it
    page.get_by_text(labels.OV_STATE_TOTAL.format(year=2016)).first.wait_for()
    page.goto(f"{dashboard_server.base_url}/")
    page.get_by_role("heading", name=labels.PAGE_TITLES["ueberblick"], level=1).wait_for()
    wait_until_drawn(page)
    assert "/ueberblick" in page.url, "the root forwards to the Überblick path"


def test_metric_change_writes_the_code_into_the_url(page, dashboard_server) -> None:
    open_page(page, dashboard_server.base_url, "kreisvergleich")
    select_option(page, labels.FILTER_METRIC, labels.MAP_METRIC_LABELS["eur_per_inhabitant"])
    page.wait_for_url("**kennzahl=eur_per_inhabitant**")
    open_page(page, dashboard_server.base_url, "kreisvergleich", "?kennzahl=eur_per_inhabitant")
    expect_selected(page, labels.FILTER_METRIC, labels.MAP_METRIC_LABELS["eur_per_inhabitant"])
