"""Streamlit's data grids as Chromium draws them: does a grid fit its frame, what do its cells hold.

A grid (``st.dataframe``) is drawn on a canvas; beside it sits an accessible ``<table>`` with the
raw cell values of the rows and columns drawn right now. The browser tests of the leadership
views and of Kreisvergleich measure the grids and read their cells through these helpers.
"""

from __future__ import annotations

import pytest

from pipelines.exports.columns import column_spec

# the grid's scroll width against its frame, and its right edge against the window
GRID_FITS = """d => { const s = d.querySelector('.dvn-scroller');
  return {scroll: s.scrollWidth, client: s.clientWidth,
          right: d.getBoundingClientRect().right, page: document.documentElement.clientWidth}; }"""
GRID_RECORDS = """t => { const [head, ...rows] = [...t.rows].map(r => [...r.cells].map(c => c.innerText));
  return rows.map(r => Object.fromEntries(head.map((h, i) => [h, r[i]]))); }"""


def grid_number(text: str) -> float | None:
    """A cell of the data grid's accessible table holds the raw value ('656550', '-2.55')."""
    return None if text.strip() == "" else float(text)


def header(column: str) -> str:
    """The German header a grid shows for ``column``."""
    return column_spec(column).header_de


def grid_under(page, title: str):
    """The data grid drawn right after the subheading ``title``, once its rows are in the DOM."""
    heading = page.get_by_role("heading", name=title, level=3)
    grid = heading.locator("xpath=following::*[@data-testid='stDataFrame'][1]")
    grid.locator("table").wait_for(state="attached")
    return grid


def too_wide(fits: dict) -> bool:
    """Sideways scrolling, or the grid's right edge past the window's."""
    return fits["scroll"] > fits["client"] + 1 or fits["right"] > fits["page"]


def assert_every_grid_fits(page, name: str, expected_count: int) -> list[dict]:
    """Every data grid of the page shows all its columns: nothing to scroll sideways and
    nothing past the window's right edge (all grids are measured first, so a failure names
    every width); then the page has ``expected_count`` grids. Returns the measurements."""
    grids = page.locator("[data-testid='stDataFrame']")
    measured = [grids.nth(index).evaluate(GRID_FITS) for index in range(grids.count())]
    wide = {index: fits for index, fits in enumerate(measured) if too_wide(fits)}
    assert not wide, (name, wide)
    assert len(measured) == expected_count, (name, measured)
    return measured


def grid_records(grid) -> list[dict[str, str]]:
    """The rows the grid renders (it draws only the visible ones), header -> raw cell text."""
    return grid.locator("table").evaluate(GRID_RECORDS)


def assert_rows(grid, expected: dict, keys: tuple[str, ...], values: tuple[str, ...]) -> None:
    """Each row the grid renders equals the warehouse: the cells of the ``keys`` columns,
    joined by "|", name the row of ``expected`` (key -> values), the ``values`` columns hold
    those raw values. Cells are found by German header, since pinned key columns move to the
    left."""
    rows = grid_records(grid)
    assert rows, "the grid renders no row"
    for row in rows:
        want = expected["|".join(row[header(key)] for key in keys)]
        for column, value in zip(values, want, strict=True):
            shown = grid_number(row[header(column)])
            if value is None:
                assert shown is None, (row, column)
            else:
                assert shown == pytest.approx(float(value), abs=0.005), (row, column)
