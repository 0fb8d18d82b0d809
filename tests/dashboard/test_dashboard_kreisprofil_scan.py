"""Kreisprofil says "aus Scan gelesen" only where a figure was read from a scan (issue 16): the
note under the headline figures and the scan column in the years' and the decisions' sources
tables appear for a district whose agreement and decision came from a scan, and neither appears
for a district whose figures all came from a text layer, in the same snapshot."""

from __future__ import annotations

import duckdb
import pytest

from dashboards import labels
from pipelines.exports.columns import column_spec
from tests.support import snapshot_factory
from tests.support.apptest import run_app_page, tables_under_subheadings

YEAR = 2024
SCAN_HEADER = column_spec("from_scan").header_de


@pytest.fixture
def scanned_snapshot(tmp_path, monkeypatch) -> tuple[str, str]:
    """A factory snapshot in which one district's agreement and decision of ``YEAR`` were read
    from scans; returns (that district, a district with decisions and no scan)."""
    built = snapshot_factory.build_snapshot(tmp_path, years=(YEAR, YEAR + 1), seed=11)
    with duckdb.connect(str(built.snapshot_path)) as connection:
        scanned, clean = (
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT district_ags FROM mart_decisions WHERE year = ?"
                " ORDER BY district_ags LIMIT 2",
                [YEAR],
            ).fetchall()
        )
        for mart in ("mart_district_year", "mart_decisions"):
            connection.execute(
                f"UPDATE {mart} SET from_scan = (district_ags = ? AND year = ?)",
                [scanned, YEAR],
            )
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(built.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(built.archive_dir))
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)
    return scanned, clean


def _texts(app) -> str:
    return "\n".join(element.value for element in (*app.caption, *app.markdown))


def test_scan_note_and_column_shown_for_figures_read_from_a_scan(scanned_snapshot) -> None:
    scanned, _clean = scanned_snapshot
    app = run_app_page("kreisprofil", {"kreis": scanned, "jahr": str(YEAR)})
    texts = _texts(app)
    assert labels.KP_FROM_SCAN.format(year=YEAR) in texts
    assert labels.KP_DECISIONS_FROM_SCAN in texts
    tables = tables_under_subheadings(app)
    assert tables[labels.KP_YEARS_SOURCES][-1] == SCAN_HEADER
    assert tables[labels.KP_DECISIONS_SOURCES][-1] == SCAN_HEADER
    # only in the sources parts: the money parts stay as narrow as before
    assert SCAN_HEADER not in tables[labels.KP_YEARS_MONEY]
    assert SCAN_HEADER not in tables[labels.KP_DECISIONS_MONEY]


def test_no_scan_note_or_column_without_a_figure_read_from_a_scan(scanned_snapshot) -> None:
    _scanned, clean = scanned_snapshot
    app = run_app_page("kreisprofil", {"kreis": clean, "jahr": str(YEAR)})
    texts = _texts(app)
    assert "Aus Scan gelesen" not in texts
    tables = tables_under_subheadings(app)
    assert labels.KP_YEARS_SOURCES in tables and labels.KP_DECISIONS_SOURCES in tables
    assert all(SCAN_HEADER not in headers for headers in tables.values())
