"""What leadership sees in Chromium: no request leaves the app's own host, the like-for-like
note names the missing district, money by measure type is drawn, the briefing downloads as PDF,
at 1280 and 1440 px."""

from __future__ import annotations

from urllib.parse import urlparse

import duckdb
import pytest

from dashboards import labels
from pipelines.exports import locate_snapshot
from tests.support.browser_pages import assert_no_exception, open_page
from tests.support.grids import GRID_FITS, GRID_RECORDS, GRID_ROWS
from tests.support.grids import assert_every_grid_fits as _assert_every_grid_fits
from tests.support.grids import assert_rows as _assert_rows
from tests.support.grids import grid_number as _grid_number
from tests.support.grids import grid_under as _grid_under
from tests.support.grids import header as _h
from tests.support.marts import profile_with_every_table

pytestmark = pytest.mark.browser
PAGES = tuple(labels.PAGE_TITLES)


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
            open_page(page, dashboard_server.base_url, url_path)
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
        open_page(page, dashboard_server.base_url, "ueberblick", f"?jahr={year}")
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
        open_page(page, dashboard_server.base_url, "massnahmenarten", f"?jahr={year}")
        page.get_by_text(labels.MONEY_CHART.format(scope=labels.MONEY_SCOPE_STATE)).wait_for()
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
        page.screenshot(path=str(screenshot_dir / f"massnahmenarten_{width}.png"))
    finally:
        context.close()


YEAR_TABLES = {  # Kreisprofil's year tables on screen: subheading -> columns checked against SQL
    labels.KP_YEARS_MONEY: ("budget_total_eur", "approved_eur", "change_eur", "change_pct"),
    labels.KP_YEARS_RANK: (
        "eur_per_inhabitant",
        "rank_in_state",
        "rank_in_peer_group",
        "n_projects",
        "agreement_versions",
    ),
}


def test_kreisprofil_year_tables_fit_1280_px_and_equal_the_warehouse(
    browser, dashboard_server, screenshot_dir
) -> None:
    """At 1280x800 each of Kreisprofil's year tables shows all its columns without scrolling
    sideways, and its key figures equal the warehouse (a district missing a year, if any)."""
    ref = locate_snapshot(dashboard_server.publish_dir)
    columns = [name for names in YEAR_TABLES.values() for name in names]
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        ags = connection.execute(
            "SELECT district_ags FROM mart_district_year GROUP BY district_ags"
            " ORDER BY bool_and(has_agreement), district_ags LIMIT 1"
        ).fetchone()[0]
        expected = {
            row[0]: dict(zip(columns, row[1:], strict=True))
            for row in connection.execute(
                f"SELECT year, {', '.join(columns)} FROM mart_district_year"
                " WHERE district_ags = ? ORDER BY year",
                [ags],
            ).fetchall()
        }
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server.base_url, "kreisprofil", f"?kreis={ags}")
        for title in (*YEAR_TABLES, labels.KP_YEARS_SOURCES):
            heading = page.get_by_role("heading", name=title, level=3)
            grid = heading.locator("xpath=following::*[@data-testid='stDataFrame'][1]")
            grid.locator("table").wait_for(state="attached")
            fits = grid.evaluate(GRID_FITS)
            assert fits["scroll"] <= fits["client"] + 1, (title, fits)  # no sideways scrolling
            assert fits["right"] <= fits["page"], (title, fits)
            if title not in YEAR_TABLES:
                continue
            rows = grid.locator("table").evaluate(GRID_ROWS)
            assert [int(row[0]) for row in rows] == list(expected), title
            for row in rows:
                figures = expected[int(row[0])]
                for name, cell in zip(YEAR_TABLES[title], row[1:], strict=True):
                    want = figures[name]
                    shown = _grid_number(cell)
                    if want is None:
                        assert shown is None, (title, row[0], name, cell)
                    else:
                        assert shown == pytest.approx(float(want), abs=0.005), (title, row[0], name)
        page.get_by_role("heading", name=labels.KP_YEARS, level=2).scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "kreisprofil_1280.png"))
    finally:
        context.close()


def test_every_kreisprofil_and_zeitreihen_table_fits_1280_px_and_equals_the_warehouse(
    browser, dashboard_server, screenshot_dir
) -> None:
    """At 1280x800 no table of Kreisprofil (a district with a corrected agreement and decisions,
    so every table is drawn) or Zeitreihen scrolls sideways; projects, versions, decisions and
    the time series equal the warehouse."""
    ref = locate_snapshot(dashboard_server.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        ags, year = profile_with_every_table(connection)
        has_prev_year = connection.execute(
            "SELECT count(*) > 0 FROM mart_measure_mix WHERE district_ags = ? AND year = ?",
            [ags, year - 1],
        ).fetchone()[0]
        projects = {
            f"{measure_type}|{position}": (amount,)
            for measure_type, position, amount in connection.execute(
                "SELECT measure_type, position, amount_eur FROM mart_projects"
                " WHERE district_ags = ? AND year = ?",
                [ags, year],
            ).fetchall()
        }
        versions = {
            f"{row_year}|{version}": (previous, budget)
            for row_year, version, previous, budget in connection.execute(
                "SELECT year, version, prev_version_budget_eur, budget_total_eur"
                " FROM mart_agreement_versions WHERE district_ags = ? AND versions > 1",
                [ags],
            ).fetchall()
        }
        decisions = {
            decision_id: (total,)
            for decision_id, total in connection.execute(
                "SELECT decision_id, total_eur FROM mart_decisions WHERE district_ags = ?", [ags]
            ).fetchall()
        }
        series = {
            f"{district}|{row_year}": (budget, average)
            for district, row_year, budget, average in connection.execute(
                "SELECT d.district_ags, d.year, d.budget_total_eur, round(s.average, 2)"
                " FROM mart_district_year AS d JOIN (SELECT year, avg(budget_total_eur)"
                " FILTER (WHERE has_agreement) AS average FROM mart_district_year GROUP BY year)"
                " AS s USING (year) WHERE d.district_ags IN ('06431', '06611')"
            ).fetchall()
        }
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server.base_url, "kreisprofil", f"?kreis={ags}&jahr={year}")
        last = _grid_under(page, labels.KP_DECISIONS_SOURCES)
        # years 3, versions 3, projects 2, shift 1 (with a previous year), changes 1, decisions 3
        _assert_every_grid_fits(page, "kreisprofil", 12 + int(has_prev_year))
        _assert_rows(
            _grid_under(page, labels.KP_PROJECTS_MONEY.format(year=year)),
            projects,
            ("measure_type", "position"),
            ("amount_eur",),
        )
        _assert_rows(
            _grid_under(page, labels.KP_VERSIONS_BUDGET),
            versions,
            ("year", "version"),
            ("prev_version_budget_eur", "budget_total_eur"),
        )
        _assert_rows(
            _grid_under(page, labels.KP_DECISIONS_MONEY),
            decisions,
            ("decision_id",),
            ("total_eur",),
        )
        last.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "kreisprofil_decisions_1280.png"))

        open_page(page, dashboard_server.base_url, "zeitreihen", "?kreise=06431&kreise=06611")
        budget_grid = _grid_under(page, labels.ZR_TABLE_BUDGET)
        _grid_under(page, labels.ZR_TABLE_PER_CAPITA)
        _assert_every_grid_fits(page, "zeitreihen", 2)
        _assert_rows(
            budget_grid,
            series,
            ("district_ags", "year"),
            ("budget_total_eur", "state_avg_budget_eur"),
        )
        budget_grid.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "zeitreihen_1280.png"))
    finally:
        context.close()


def test_every_ueberblick_and_massnahmenarten_table_fits_1280_px_and_equals_the_warehouse(
    browser, dashboard_server, screenshot_dir
) -> None:
    """At 1280x800 no table of Überblick (the state table in six parts) or Maßnahmenarten (the
    euro table in three parts, projects, the mix in two parts) scrolls sideways; one part of
    each split table equals the warehouse."""
    ref = locate_snapshot(dashboard_server.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        state = {
            str(year): (budget, change, pct, lfl_change, lfl_pct)
            for year, budget, change, pct, lfl_change, lfl_pct in connection.execute(
                "SELECT year, budget_total_eur, change_eur, change_pct, lfl_change_eur,"
                " lfl_change_pct FROM mart_state_year"
            ).fetchall()
        }
        ags, year = connection.execute(
            "SELECT district_ags, year FROM mart_projects ORDER BY year DESC, district_ags LIMIT 1"
        ).fetchone()
        money = {
            f"{row_year}|{district}|{measure}": (amount,)
            for row_year, district, measure, amount in connection.execute(
                "SELECT year, district_name, measure_name, measure_amount_eur"
                " FROM mart_measure_money"
            ).fetchall()
        }
        mix = {
            f"{district}|{measure}": (agreed, approved)
            for district, measure, agreed, approved in connection.execute(
                "SELECT district_ags, measure_name, agreed_amount_eur, approved_eur"
                " FROM mart_measure_mix WHERE year = ?",
                [year],
            ).fetchall()
        }
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server.base_url, "ueberblick")
        budget_grid = _grid_under(page, labels.OV_STATE_BUDGET)
        lfl_grid = _grid_under(page, labels.OV_STATE_LFL)
        _grid_under(page, labels.OV_STATE_PUBLISHED)
        _assert_every_grid_fits(page, "ueberblick", 7)  # the state table in 6 parts, the mix
        budget_state = {key: values[:3] for key, values in state.items()}
        _assert_rows(
            budget_grid, budget_state, ("year",), ("budget_total_eur", "change_eur", "change_pct")
        )
        lfl_state = {key: values[3:] for key, values in state.items()}
        _assert_rows(lfl_grid, lfl_state, ("year",), ("lfl_change_eur", "lfl_change_pct"))
        budget_grid.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "ueberblick_state_table_1280.png"))

        open_page(page, dashboard_server.base_url, "massnahmenarten", f"?jahr={year}&kreis={ags}")
        money_grid = _grid_under(page, labels.MONEY_TABLE_AMOUNTS)
        _grid_under(page, labels.MONEY_TABLE_SOURCES)
        mix_grid = _grid_under(page, labels.MA_TABLE_MONEY.format(year=year))
        # euros in 3 parts, the cell's projects in 2, the mix in 2
        _assert_every_grid_fits(page, "massnahmenarten", 7)
        _assert_rows(
            money_grid,
            money,
            ("year", "district_name", "measure_name"),
            ("measure_amount_eur",),
        )
        _assert_rows(
            mix_grid, mix, ("district_ags", "measure_name"), ("agreed_amount_eur", "approved_eur")
        )
        mix_grid.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "massnahmenarten_mix_1280.png"))
    finally:
        context.close()


def test_every_soll_ist_table_fits_1280_px_and_equals_the_warehouse(
    browser, dashboard_server, screenshot_dir
) -> None:
    """At 1280x800 no table of Soll/Ist (the flag list, the Soll/Ist table in five parts)
    scrolls sideways; the approved and used amounts of one part equal the warehouse."""
    ref = locate_snapshot(dashboard_server.publish_dir)
    flags = " OR ".join(
        (
            "flag_approved_above_agreed",
            "flag_decision_without_agreement",
            "flag_agreement_without_decision",
            "flag_measure_not_in_agreement",
        )
    )
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year = connection.execute(
            "SELECT max(year) FROM mart_reconciliation WHERE approved_eur IS NOT NULL"
        ).fetchone()[0]
        has_flags = connection.execute(
            f"SELECT count(*) > 0 FROM mart_reconciliation WHERE year = ? AND ({flags})", [year]
        ).fetchone()[0]
        decided = {
            f"{district}|{measure}": (approved, used)
            for district, measure, approved, used in connection.execute(
                "SELECT district_name, measure_name, approved_eur, used_eur"
                " FROM mart_reconciliation WHERE year = ?",
                [year],
            ).fetchall()
        }
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server.base_url, "soll_ist", f"?jahr={year}")
        decided_grid = _grid_under(page, labels.SI_TABLE_DECIDED.format(year=year))
        _grid_under(page, labels.SI_TABLE_KEYS.format(year=year))
        _assert_every_grid_fits(page, "soll_ist", 5 + int(has_flags))
        _assert_rows(
            decided_grid, decided, ("district_name", "measure_name"), ("approved_eur", "used_eur")
        )
        decided_grid.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "soll_ist_1280.png"))
    finally:
        context.close()


def test_datenqualitaet_completeness_and_quarantine_fit_1280_px(
    browser, dashboard_server, screenshot_dir
) -> None:
    """At 1280x800 the completeness table (two parts) and the quarantine (four parts, when
    files were set aside) show all their columns without scrolling sideways; the received part
    equals the warehouse."""
    ref = locate_snapshot(dashboard_server.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        received = {
            f"{ags}|{year}": (agreement, decisions)
            for ags, year, agreement, decisions in connection.execute(
                "SELECT district_ags, year, agreement_received::INTEGER,"
                " decisions_received::INTEGER FROM mart_completeness"
            ).fetchall()
        }
        has_quarantine = connection.execute("SELECT count(*) > 0 FROM mart_quarantine").fetchone()[
            0
        ]
    titles = [labels.DQ_COMPLETENESS_RECEIVED, labels.DQ_COMPLETENESS_QUARANTINED]
    if has_quarantine:
        titles += [labels.DQ_QUARANTINE_REASON, labels.DQ_QUARANTINE_FILE]
        titles += [labels.DQ_QUARANTINE_HASH, labels.DQ_QUARANTINE_REVIEW]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_page(page, dashboard_server.base_url, "datenqualitaet")
        measured = {title: _grid_under(page, title).evaluate(GRID_FITS) for title in titles}
        too_wide = {  # sideways scrolling or past the window's right edge
            title: fits
            for title, fits in measured.items()
            if fits["scroll"] > fits["client"] + 1 or fits["right"] > fits["page"]
        }
        assert not too_wide, measured
        received_grid = _grid_under(page, labels.DQ_COMPLETENESS_RECEIVED)
        _assert_received(received_grid, received)
        _grid_under(page, titles[-1]).scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "datenqualitaet_1280.png"))
    finally:
        context.close()


def _assert_received(grid, expected: dict) -> None:
    """Each rendered row's two check boxes equal the warehouse (the accessible table holds
    'true'/'false')."""
    rows = grid.locator("table").evaluate(GRID_RECORDS)
    assert rows, "the grid renders no row"
    for row in rows:
        want = expected[f"{row[_h('district_ags')]}|{row[_h('year')]}"]
        shown = tuple(
            int(row[_h(column)] == "true")
            for column in ("agreement_received", "decisions_received")
        )
        assert shown == want, row
