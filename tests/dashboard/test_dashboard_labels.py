"""German formats and the Hessen tile grid."""

from __future__ import annotations

from datetime import date, datetime

from dashboards import labels
from dashboards.charts import german_axis_expr
from dashboards.hessen_grid import TILE_POSITIONS
from pipelines.reference import districts


def test_german_number_and_date_formats() -> None:
    assert labels.format_eur(1230450) == "1.230.450\u00a0€"
    assert labels.format_eur(4.8213, 2) == "4,82\u00a0€"
    assert labels.format_pct(12.34) == "12,3\u00a0%"
    assert labels.format_pct(-3.26, signed=True) == "-3,3\u00a0%"
    assert labels.format_share(0.0412) == "4,1\u00a0%"
    assert labels.format_date(date(2025, 8, 2)) == "02.08.2025"
    assert labels.format_datetime(datetime(2025, 8, 2, 14, 30)) == "02.08.2025, 14:30 Uhr"
    assert (
        labels.format_utc_datetime(datetime(2025, 8, 2, 12, 30)) == "02.08.2025, 14:30 Uhr MESZ"
    )  # CEST
    assert labels.format_utc_datetime(datetime(2025, 1, 15, 12, 30)) == "15.01.2025, 13:30 Uhr MEZ"
    # a table cell of kind datetime is shown in Berlin time too, like the downloads
    assert labels.format_by_kind(datetime(2025, 1, 15, 12, 30), "datetime").endswith(
        "13:30 Uhr MEZ"
    )
    assert labels.format_signed_eur(-4500) == "-4.500\u00a0€"
    assert labels.format_by_kind(2021, "int") == "2021"
    assert labels.format_by_kind(753056, "int") == "753.056"
    assert labels.format_by_kind(float("nan"), "eur") == labels.MISSING
    assert labels.format_by_kind(None, "text") == labels.MISSING


def test_axis_expression_swaps_separators() -> None:
    expression = german_axis_expr(2, " %")
    assert "format(datum.value, ',.2f')" in expression and expression.endswith("' %'")


def test_tile_grid_covers_hessen_north_to_south() -> None:
    assert set(TILE_POSITIONS) == set(districts())
    positions = [(col, row) for col, row, _label, _code in TILE_POSITIONS.values()]
    assert len(set(positions)) == 26, "one tile per district"
    codes = [code for _col, _row, _label, code in TILE_POSITIONS.values()]
    assert len(set(codes)) == 26, "one short code per district (the 320 px map shows only those)"
    last_row = max(row for _col, row in positions)
    assert TILE_POSITIONS["06611"][1] == 0 and TILE_POSITIONS["06633"][1] == 0, (
        "Kassel region on top"
    )
    assert TILE_POSITIONS["06431"][1] == last_row, "Bergstraße at the bottom"
    assert TILE_POSITIONS["06414"][0] < TILE_POSITIONS["06412"][0], "Wiesbaden west of Frankfurt"
