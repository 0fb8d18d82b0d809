"""Streamlit's data grids in Chromium (Playwright pages): whether each shows all its columns
without sideways scrolling, and what its accessible table holds.

Shared by the browser tests that check tables fit 1280 and 1440 px (issue 14, point 3) and
compare the cells a grid draws with the warehouse. A data
grid draws its cells on a canvas inside ``.dvn-scroller``; that element's scrollWidth is the width
of all columns, its clientWidth the width on screen. The grid also keeps an accessible ``<table>``
of the rows it draws, with raw values ('656550', '-2.55', 'true').
"""

from __future__ import annotations

from typing import Any

import pytest

from pipelines.exports.columns import column_spec

GRID_SELECTOR = "[data-testid='stDataFrame']"
GRID_ROWS = "t => [...t.rows].slice(1).map(r => [...r.cells].map(c => c.innerText))"
GRID_RECORDS = """t => { const [head, ...rows] = [...t.rows].map(r => [...r.cells].map(c => c.innerText));
  return rows.map(r => Object.fromEntries(head.map((h, i) => [h, r[i]]))); }"""
GRID_FITS = """d => { const s = d.querySelector('.dvn-scroller');
  return {scroll: s.scrollWidth, client: s.clientWidth,
          right: d.getBoundingClientRect().right, page: document.documentElement.clientWidth}; }"""
ALL_GRIDS_LAID_OUT = """sel => [...document.querySelectorAll(sel)].every(grid => {
  const s = grid.querySelector('.dvn-scroller'); return s !== null && s.clientWidth > 0; })"""
# Every grid of the page in page order, with the heading (h1-h3) drawn last before it: the
# subheading of a split table's part, so a report names each grid.
EVERY_GRID = """() => {
  const heads = [...document.querySelectorAll('h1, h2, h3')];
  const headingOf = grid => {
    let last = '';
    for (const h of heads) {
      if (h.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING) last = h.innerText;
    }
    return last.trim();
  };
  return [...document.querySelectorAll("[data-testid='stDataFrame']")].map((grid, index) => {
    const s = grid.querySelector('.dvn-scroller');
    return {index, heading: headingOf(grid), scroll: s ? s.scrollWidth : null,
            client: s ? s.clientWidth : null, right: grid.getBoundingClientRect().right,
            page: document.documentElement.clientWidth};
  });
}"""


def grid_number(text: str) -> float | None:
    """A cell of the data grid's accessible table holds the raw value ('656550', '-2.55')."""
    return None if text.strip() == "" else float(text)


def grid_under(page: Any, title: str, level: int = 3) -> Any:
    """The data grid drawn right after the heading ``title``, once its rows are in the DOM."""
    heading = page.get_by_role("heading", name=title, level=level)
    grid = heading.locator("xpath=following::*[@data-testid='stDataFrame'][1]")
    grid.locator("table").wait_for(state="attached")
    return grid


def fits(measured: dict) -> bool:
    """Nothing to scroll sideways (one pixel of rounding allowed) and nothing past the
    window's right edge."""
    return (
        measured["scroll"] is not None
        and measured["scroll"] <= measured["client"] + 1
        and measured["right"] <= measured["page"]
    )


def measure_grids(page: Any) -> list[dict]:
    """Every data grid of the page once its rows are in the DOM: index, heading, scrollWidth,
    clientWidth, right edge and the window's width."""
    grids = page.locator(GRID_SELECTOR)
    for index in range(grids.count()):
        grids.nth(index).locator("table").wait_for(state="attached")
    # a grid mounted a moment ago (the page's second run, after it wrote its filters into the
    # address) has its rows but not yet its scroller: measure once every grid is laid out
    page.wait_for_function(ALL_GRIDS_LAID_OUT, arg=GRID_SELECTOR)
    return page.evaluate(EVERY_GRID)


def assert_every_grid_fits(page: Any, name: str, expected_count: int) -> list[dict]:
    """Every data grid of the page shows all its columns: nothing to scroll sideways and
    nothing past the window's right edge (all grids are measured first, so a failure names
    every width); then the page has ``expected_count`` grids. Returns the measurements."""
    measured = measure_grids(page)
    too_wide = [m for m in measured if not fits(m)]
    assert not too_wide, (name, too_wide)
    assert len(measured) == expected_count, (name, [m["heading"] for m in measured])
    return measured


def header(column: str) -> str:
    """The German header a grid shows for ``column``."""
    return column_spec(column).header_de


def grid_records(grid: Any) -> list[dict[str, str]]:
    """The rows the grid renders (it draws only the visible ones), header -> raw cell text."""
    return grid.locator("table").evaluate(GRID_RECORDS)


def assert_rows(grid: Any, expected: dict, keys: tuple[str, ...], values: tuple[str, ...]) -> None:
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
