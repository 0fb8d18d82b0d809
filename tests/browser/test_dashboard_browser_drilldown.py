"""Drill-down by click in headless Chromium: a heatmap cell lists its projects, a ranking bar
leads to the Kreisprofil of its district.

The clickable charts render as SVG, so each mark is an element whose accessible name is its
German description ("Kreis: …; Maßnahmenart: …; …"); the test clicks that element like a user.
Expected values come from the published snapshot, never from the page.
"""

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


def _expect_selected(page, widget_label: str, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("combobox", name=widget_label, exact=True).first).to_have_value(
        re.compile(re.escape(text))
    )


def _mark(page, chart_index: int, description_start: str):
    """The SVG mark of chart ``chart_index`` whose accessible name starts with ``description_start``."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').nth(chart_index)
    chart.locator("svg").first.wait_for()
    mark = chart.locator(f'[aria-label^="{description_start}"]')
    assert mark.count() == 1, (
        f"expected one mark labelled {description_start!r}, found {mark.count()}"
    )
    return mark.first


def _busiest_cell(publish_dir) -> tuple[int, str, str, int, str, int]:
    """(year, AGS, district name, measure type, measure name, n projects) of the newest year's
    cell with the most projects, skipping the first district (the select box's default), so a
    click that did nothing cannot pass."""
    ref = locate_snapshot(publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year = connection.execute("SELECT max(year) FROM mart_measure_mix").fetchone()[0]
        first_ags = connection.execute("SELECT min(district_ags) FROM mart_measure_mix").fetchone()[
            0
        ]
        ags, name, measure, measure_name = connection.execute(
            "SELECT district_ags, district_name, measure_type, measure_name FROM mart_measure_mix "
            "WHERE year = ? AND district_ags <> ? ORDER BY n_projects DESC, district_ags DESC, measure_type DESC LIMIT 1",
            [year, first_ags],
        ).fetchone()
        n_projects = connection.execute(
            "SELECT count(*) FROM mart_projects WHERE year = ? AND district_ags = ? AND measure_type = ?",
            [year, ags, measure],
        ).fetchone()[0]
    return year, ags, name, measure, measure_name, n_projects


def test_heatmap_click_lists_the_cells_projects(
    page, dashboard_server, screenshot_dir, tmp_path
) -> None:
    year, ags, name, measure, measure_name, n_projects = _busiest_cell(dashboard_server.publish_dir)
    assert n_projects > 0
    open_page(page, dashboard_server.base_url, "massnahmenarten", f"?jahr={year}")
    _mark(  # chart 0 is the euros per measure type over the years, 1 the heatmap
        page, 1, f"{labels.FILTER_DISTRICT}: {name}; {labels.FILTER_MEASURE}: {measure_name};"
    ).click()
    page.wait_for_url(f"**kreis={ags}**")
    wait_until_drawn(page)
    assert f"massnahme={measure}" in page.url
    _expect_selected(page, labels.FILTER_DISTRICT, f"({ags})")
    _expect_selected(page, labels.FILTER_MEASURE, f"{measure} – {measure_name}")
    page.get_by_text(
        labels.MA_CELL_CAPTION.format(
            district=f"{name} ({ags})", measure=measure_name, n=n_projects
        )
    ).wait_for()
    page.screenshot(path=str(screenshot_dir / "massnahmenarten_drilldown.png"), full_page=True)

    # the listed projects are the cell's: its download carries exactly them
    with page.expect_download() as download_info:
        page.locator(f".st-key-download_projekte_{year}_{ags}_{measure}_csv button").first.click()
    target = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == n_projects
    assert {row[labels.header("district_ags")] for row in rows} == {ags}
    assert {row[labels.header("measure_type")] for row in rows} == {str(measure)}

    # the select box still decides after a click: the remembered click does not win it back
    open_select_box(page, labels.FILTER_MEASURE)  # far above after the download: scroll first
    page.get_by_role("option", name=labels.ALL, exact=True).click()
    page.wait_for_url(f"**massnahme={labels.ALL}**")
    wait_until_drawn(page)
    _expect_selected(page, labels.FILTER_MEASURE, labels.ALL)
    _expect_selected(page, labels.FILTER_DISTRICT, f"({ags})")
    assert f"massnahme={labels.ALL}" in page.url


def test_ranking_bar_click_opens_that_districts_kreisprofil(
    page, dashboard_server, screenshot_dir
) -> None:
    ref = locate_snapshot(dashboard_server.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        # an older year (the profile's default is the newest) and the last-ranked district
        year = connection.execute(
            "SELECT min(year) FROM mart_district_year WHERE budget_total_eur IS NOT NULL"
        ).fetchone()[0]
        ags, name = connection.execute(
            "SELECT district_ags, district_name FROM mart_district_year WHERE year = ? AND budget_total_eur IS NOT NULL "
            "ORDER BY budget_total_eur ASC, district_ags DESC LIMIT 1",
            [year],
        ).fetchone()
    # visit the profile first (another district): the link must win over what the session
    # remembers from that visit
    open_page(
        page,
        dashboard_server.base_url,
        "kreisprofil",
        "?kreis=06411" if ags != "06411" else "?kreis=06412",
    )
    open_page(page, dashboard_server.base_url, "kreisvergleich", f"?jahr={year}")
    # the keyboard list of profiles links every district by name alone; the drill link names
    # the district and the year, and only a click makes it appear
    link = (
        page.locator('[data-testid="stPageLink"] a')
        .filter(has_text=name)
        .filter(has_text=f", {year}")
    )
    assert link.count() == 0, "no drill link before a click"
    _mark(page, 1, f"{labels.FILTER_DISTRICT}: {name};").click()
    link.wait_for()
    wait_until_drawn(page)
    assert str(year) in link.inner_text()
    page.screenshot(path=str(screenshot_dir / "kreisvergleich_drilldown.png"), full_page=True)
    link.click()
    page.get_by_role("heading", name=labels.PAGE_TITLES["kreisprofil"], level=1).wait_for()
    page.wait_for_url(f"**kreis={ags}**")
    wait_until_drawn(page)
    assert f"jahr={year}" in page.url
    _expect_selected(page, labels.FILTER_DISTRICT, f"({ags})")
    _expect_selected(page, labels.FILTER_YEAR, str(year))
    page.get_by_text(labels.KP_BUDGET.format(year=year)).first.wait_for()
    assert_no_exception(page, "kreisprofil (drill link)")
