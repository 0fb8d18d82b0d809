"""Every data grid on every page fits 1280x800 and 1440x900 in Chromium (issue 14, point 3):
no table scrolls sideways or reaches past the window, so no column and no year is hidden.

Each page is opened in the views that draw all its tables (a district with a corrected agreement
and decisions on Kreisprofil, every metric on Vergleichstabelle ...). The measured widths are
written to tests/artifacts/grid_widths_<width>.json for the report.
"""

from __future__ import annotations

import json

import duckdb
import pytest

from dashboards import labels
from pipelines.config import PROJECT_ROOT
from pipelines.exports import locate_snapshot
from pipelines.exports.columns import column_spec
from tests.support.browser_pages import open_page, wait_until_drawn
from tests.support.grids import GRID_RECORDS, fits, grid_under, measure_grids
from tests.support.marts import profile_with_every_table

pytestmark = pytest.mark.browser
VIEWPORTS = {1280: 800, 1440: 900}
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"


def views(publish_dir) -> list[tuple[str, str]]:
    """(page, query) pairs that together draw every table of every page."""
    ref = locate_snapshot(publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        profile_ags, profile_year = profile_with_every_table(connection)
        mix_ags, mix_year = connection.execute(
            "SELECT district_ags, year FROM mart_projects ORDER BY year DESC, district_ags LIMIT 1"
        ).fetchone()
        decided_year = connection.execute(
            "SELECT max(year) FROM mart_reconciliation WHERE approved_eur IS NOT NULL"
        ).fetchone()[0]
    return [
        ("ueberblick", ""),
        *(("kreisvergleich", f"?kennzahl={metric}") for metric in labels.MAP_METRIC_LABELS),
        ("massnahmenarten", f"?jahr={mix_year}&kreis={mix_ags}"),
        ("zeitreihen", "?kreise=06431&kreise=06611"),
        ("soll_ist", f"?jahr={decided_year}"),
        ("kreisprofil", f"?kreis={profile_ags}&jahr={profile_year}"),
        *(("vergleich", f"?kennzahl={metric}") for metric in labels.METRIC_LABELS),
        ("datenqualitaet", ""),
        ("pruefaufgaben", ""),
        ("barrierefreiheit", ""),
    ]


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_every_grid_of_every_page_fits(browser, dashboard_server, width: int) -> None:
    """At 1280x800 and 1440x900 every data grid of every page (in the views that draw them all)
    shows all its columns: nothing to scroll sideways, nothing past the window's edge."""
    context = browser.new_context(
        viewport={"width": width, "height": VIEWPORTS[width]}, locale="de-DE"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    report: list[dict] = []
    try:
        for url_path, query in views(dashboard_server.publish_dir):
            open_page(page, dashboard_server.base_url, url_path, query)
            for measured in measure_grids(page):
                report.append({"url_path": url_path, "query": query, **measured})
    finally:
        context.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"grid_widths_{width}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert {row["url_path"] for row in report} >= {"ueberblick", "kreisprofil", "datenqualitaet"}
    too_wide = [row for row in report if not fits(row)]
    assert not too_wide, too_wide


def _check_results(publish_dir) -> dict[str, tuple]:
    """'rule|year' -> (passed as 0/1, unexpected count) of the served snapshot's checks."""
    ref = locate_snapshot(publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        return {
            f"{rule}|{'' if year is None else year}": (int(success), unexpected)
            for rule, year, success, unexpected in connection.execute(
                "SELECT rule, year, success, unexpected_count FROM mart_check_results"
            ).fetchall()
        }


DQ_PARTS = (  # subheadings of the split tables that every ingest of the corpus draws
    labels.DQ_COMPLETENESS_RECEIVED,
    labels.DQ_COMPLETENESS_QUARANTINED,
    labels.DQ_CHECKS_RESULT,
    labels.DQ_CHECKS_DETAIL,
    labels.DQ_CHECKS_SUITE,
    labels.DQ_CHECKS_TECHNICAL,
    labels.DQ_INBOX_OUTCOME,
    labels.DQ_INBOX_REASON,
    labels.DQ_RUNS_STATUS,
    labels.DQ_RUNS_COUNTS,
    labels.DQ_RUNS_REASON,
)


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_datenqualitaet_every_grid_fits_and_check_results_equal_the_warehouse(
    browser, dashboard_server, screenshot_dir, width: int
) -> None:
    """At 1280x800 and 1440x900 no table of Datenqualität scrolls sideways (the check results
    in keyed parts, the inbox log and the run history too); the check results part shows the
    warehouse's outcome and count for each rule and year."""
    expected = _check_results(dashboard_server.publish_dir)
    context = browser.new_context(
        viewport={"width": width, "height": VIEWPORTS[width]}, locale="de-DE"
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server.base_url, "datenqualitaet")
        for title in DQ_PARTS:
            grid_under(page, title)
        measured = measure_grids(page)
        headings = [row["heading"] for row in measured]
        assert set(DQ_PARTS) <= set(headings), headings
        assert [row for row in measured if not fits(row)] == []
        grid = grid_under(page, labels.DQ_CHECKS_RESULT)
        rows = grid.locator("table").evaluate(GRID_RECORDS)
        assert rows, "the check results render no row"
        for row in rows:
            want = expected[f"{row[_h('rule')]}|{row[_h('year')]}"]
            shown = (int(row[_h("success")] == "true"), int(row[_h("unexpected_count")]))
            assert shown == want, row
        grid.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"datenqualitaet_checks_{width}.png"))
        grid_under(page, labels.DQ_RUNS_REASON).scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"datenqualitaet_runs_{width}.png"))
    finally:
        context.close()


def _h(column: str) -> str:
    return column_spec(column).header_de


ENGLISH_NOT_FOUND = "Page not found"


def test_an_unknown_address_answers_in_german_and_leads_back(browser, dashboard_server) -> None:
    """/gibt-es-nicht shows a German "Seite nicht gefunden" and a link to Überblick, never
    Streamlit's English dialog; /vergleichstabelle (the page's title) opens Vergleichstabelle
    under its own path with the query parameters it was given."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    base = dashboard_server.base_url
    try:
        page.goto(f"{base}/gibt-es-nicht")
        page.get_by_role("heading", name=labels.NOT_FOUND_TITLE, level=1).wait_for()
        wait_until_drawn(page)
        page.wait_for_timeout(500)
        body = page.inner_text("body")
        assert ENGLISH_NOT_FOUND not in body
        assert "/gibt-es-nicht" in body and "keine Seite" in body
        page.get_by_role("link", name=labels.NOT_FOUND_HOME).click()
        page.get_by_role("heading", name=labels.PAGE_TITLES["ueberblick"], level=1).wait_for()
        assert page.url.split("?")[0].endswith("/ueberblick")

        page.goto(f"{base}/vergleichstabelle?kennzahl=n_projects")
        page.get_by_role("heading", name=labels.PAGE_TITLES["vergleich"], level=1).wait_for()
        page.get_by_text("Datenstand:").first.wait_for()
        page.wait_for_load_state("networkidle")
        assert ENGLISH_NOT_FOUND not in page.inner_text("body")
        assert page.url.split("?")[0].endswith("/vergleich")
        assert "kennzahl=n_projects" in page.url
    finally:
        context.close()
