"""Kreisvergleich's district table in Chromium at 1280x800 and 1440x900: split into narrow parts,
every part shows all its columns without scrolling sideways, its rows follow the chosen metric
and every cell drawn equals the published snapshot (the AppTests in
tests/dashboard/test_dashboard_split_tables.py check which columns each part has)."""

from __future__ import annotations

import duckdb
import pytest

from dashboards import labels
from pipelines.exports import locate_snapshot
from tests.support.grids import (
    assert_every_grid_fits,
    assert_rows,
    grid_number,
    grid_records,
    grid_under,
    header,
)

pytestmark = pytest.mark.browser

# part -> its columns besides the district and the metric, the numbers compared as numbers
NUMBERS = {
    labels.KV_TABLE_BUDGET: ("budget_total_eur",),
    labels.KV_TABLE_RANK: ("rank_in_state", "rank_in_peer_group", "share_of_state"),
    labels.KV_TABLE_CHANGE: ("change_eur", "change_pct"),
    labels.KV_TABLE_MONEY: (
        "prev_year_budget_eur",
        "approved_eur",
        "population",
        "eur_per_inhabitant",
    ),
    labels.KV_TABLE_AGREEMENT: ("n_projects", "agreement_version", "agreement_versions"),
    labels.KV_TABLE_DISTRICT: (),
    labels.KV_TABLE_SOURCES: ("source_page", "source_line"),
}
TEXTS = {  # columns compared as text
    labels.KV_TABLE_DISTRICT: ("district_ags", "district_type", "regierungsbezirk"),
    labels.KV_TABLE_SOURCES: ("source_name",),
}
COLUMNS = sorted(
    {
        "district_name",
        *(c for names in NUMBERS.values() for c in names),
        *(c for names in TEXTS.values() for c in names),
    }
)


def _snapshot_rows(server) -> tuple[int, dict[str, dict]]:
    """The latest year and its districts by name (every column the parts show)."""
    ref = locate_snapshot(server.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year = connection.execute("SELECT max(year) FROM mart_district_year").fetchone()[0]
        rows = connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM mart_district_year WHERE year = ?", [year]
        ).fetchall()
    by_name = {
        row[COLUMNS.index("district_name")]: dict(zip(COLUMNS, row, strict=True)) for row in rows
    }
    return year, by_name


@pytest.mark.parametrize(
    ("width", "height", "metric"),
    [(1280, 800, "budget_total_eur"), (1440, 900, "eur_per_inhabitant")],
)
def test_kreisvergleich_table_parts_fit_and_equal_the_snapshot(
    browser, dashboard_server, screenshot_dir, width: int, height: int, metric: str
) -> None:
    year, districts = _snapshot_rows(dashboard_server)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(f"{dashboard_server.base_url}/kreisvergleich?jahr={year}&kennzahl={metric}")
        # the table's download buttons come after all its parts
        page.locator(f".st-key-download_kreisvergleich_{year}_csv button").first.wait_for()
        # the page writes its filters into the address and runs again: wait for that run to
        # end and for every part to be drawn, not for the first run's parts
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
        page.wait_for_load_state("networkidle")
        page.wait_for_function(
            "n => document.querySelectorAll(\"[data-testid='stDataFrame']\").length === n",
            arg=len(NUMBERS),
        )
        grids = page.locator("[data-testid='stDataFrame']")
        for index in range(grids.count()):
            grids.nth(index).locator("table").wait_for(state="attached")
        assert_every_grid_fits(page, f"kreisvergleich {width}x{height}", len(NUMBERS))
        order: list[str] = []
        for title, numbers in NUMBERS.items():
            heading = title.format(year=year)
            grid = grid_under(page, heading)
            led_by_metric = title != labels.KV_TABLE_SOURCES  # file names need the width
            values = tuple(dict.fromkeys(((metric,) if led_by_metric else ()) + numbers))
            expected = {name: tuple(row[c] for c in values) for name, row in districts.items()}
            assert_rows(grid, expected, ("district_name",), values)
            records = grid_records(grid)
            assert len(records) == len(districts), heading  # every district drawn
            names = [record[header("district_name")] for record in records]
            order = order or names
            assert names == order, heading  # the same order in every part
            if led_by_metric:  # the metric's: largest first, districts without a value last
                shown = [grid_number(record[header(metric)]) for record in records]
                known = [value for value in shown if value is not None]
                assert shown == known + [None] * (len(shown) - len(known)), heading
                assert known == sorted(known, reverse=True), heading
            for record in records:
                row = districts[record[header("district_name")]]
                for column in TEXTS.get(title, ()):
                    assert record[header(column)] == (row[column] or ""), (heading, column)
        title = labels.KV_TABLE.format(n=len(districts), year=year)  # the table's heading
        page.get_by_role("heading", name=title, level=2).scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"kreisvergleich_table_{width}.png"))
    finally:
        context.close()
