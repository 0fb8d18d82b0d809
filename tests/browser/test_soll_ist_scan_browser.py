"""Soll/Ist with figures read from a scan (issue 16), in Chromium at 1280x800: the scan note is
shown and every part of the Soll/Ist table, the keys part with its added "Aus Scan gelesen"
column included, and the flag list with its long flag texts fit without sideways scrolling. A server of its own over a factory snapshot, so no ingest is needed
(the session's server reads the sample corpus, whose scans are opt-in and off)."""

from __future__ import annotations

import duckdb
import pytest

from dashboards import labels
from tests.support import snapshot_factory
from tests.support.browser_pages import assert_no_exception, open_page
from tests.support.dashboard_server import serve_dashboard
from tests.support.grids import assert_every_grid_fits, grid_under
from tests.support.headless import free_port

pytestmark = pytest.mark.browser
YEAR = 2024


def test_soll_ist_with_scanned_figures_fits_1280_px(browser, tmp_path, screenshot_dir) -> None:
    built = snapshot_factory.build_snapshot(tmp_path, years=(YEAR, YEAR + 1), seed=11)
    with duckdb.connect(str(built.snapshot_path)) as connection:
        # the district with the longest name, so the scan column sits beside the widest keys
        name, has_flags = connection.execute(
            "SELECT arg_max(district_name, length(district_name)),"
            " bool_or(flag_approved_above_agreed OR flag_decision_without_agreement"
            " OR flag_agreement_without_decision OR flag_measure_not_in_agreement)"
            " FROM mart_reconciliation WHERE year = ?",
            [YEAR],
        ).fetchone()
        connection.execute(
            "UPDATE mart_reconciliation SET from_scan = (district_name = ? AND year = ?)",
            [name, YEAR],
        )
    with serve_dashboard(built, free_port(), tmp_path / "streamlit.log") as base_url:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            open_page(page, base_url, "soll_ist", f"?jahr={YEAR}")
            assert_no_exception(page, "soll_ist")
            keys_grid = grid_under(page, labels.SI_TABLE_KEYS_SCAN.format(year=YEAR))
            assert labels.SI_FROM_SCAN.format(year=YEAR, districts=name) in page.inner_text("main")
            # the flag list in two parts (the factory's flags are many and long) and the five parts of
            # the Soll/Ist table
            assert_every_grid_fits(page, "soll_ist", 5 + 2 * int(has_flags))
            keys_grid.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshot_dir / "soll_ist_scan_1280.png"))
        finally:
            context.close()
