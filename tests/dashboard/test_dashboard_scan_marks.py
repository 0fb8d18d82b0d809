"""Soll/Ist and the Prüfaufgaben' Zuordnungen say "aus Scan gelesen" only where a figure shown
was read from a scan (issue 16): on Soll/Ist a note naming the districts and the scan column in
the keys part of the table, for the year with scanned figures and not for a year without them
(so the parts stay as narrow as before); on a decision line to review, a note under its source."""

from __future__ import annotations

import duckdb
import pytest

from dashboards import labels
from pipelines.exports.columns import column_spec
from pipelines.review.items import open_items
from tests.support import snapshot_factory
from tests.support.apptest import run_app_page, tables_under_subheadings

YEAR = 2024  # the factory's years: decisions in 2024, none yet in 2025
SCAN_HEADER = column_spec("from_scan").header_de


@pytest.fixture
def scanned_snapshot(tmp_path, monkeypatch) -> tuple[str, str]:
    """A factory snapshot whose reconciliation rows of one district in ``YEAR`` came from a
    scan, with two decision lines to review (one from a scanned letter, one not); returns
    (that district's name, the scanned line's project name)."""
    built = snapshot_factory.build_snapshot(tmp_path, years=(YEAR, YEAR + 1), seed=11)
    with duckdb.connect(str(built.snapshot_path)) as connection:
        ags, name = connection.execute(
            "SELECT district_ags, district_name FROM mart_reconciliation"
            " WHERE year = ? AND approved_eur IS NOT NULL ORDER BY district_ags LIMIT 1",
            [YEAR],
        ).fetchone()
        connection.execute(
            "UPDATE mart_reconciliation SET from_scan = (district_ags = ? AND year = ?)",
            [ags, YEAR],
        )
        for line_number, project, from_scan in ((1, "Scan-Werkstatt", True), (2, "Text", False)):
            connection.execute(
                "INSERT INTO mart_project_matches (district_ags, district_name, year,"
                " decision_id, decision_type, line_number, measure_type, project_name,"
                " amount_eur, status, status_reason, needs_review, source_name, source_page,"
                " source_line, from_scan) VALUES (?, ?, ?, 'RPKS-57-1', 'first', ?, 1, ?,"
                " 1000, 'unmatched', 'Kein ähnliches Projekt', true, 'bescheid.pdf', 1, 9, ?)",
                [ags, name, YEAR, line_number, project, from_scan],
            )
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(built.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(built.archive_dir))
    monkeypatch.setenv("AQB_REVIEW_LOG", str(tmp_path / "decisions.jsonl"))
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)
    return name, "Scan-Werkstatt"


def _texts(app) -> str:
    return "\n".join(element.value for element in (*app.caption, *app.markdown))


def test_soll_ist_marks_the_scanned_figures_of_the_year(scanned_snapshot) -> None:
    name, _project = scanned_snapshot
    app = run_app_page("soll_ist", {"jahr": str(YEAR)})
    assert labels.SI_FROM_SCAN.format(year=YEAR, districts=name) in _texts(app)
    tables = tables_under_subheadings(app)
    assert labels.SI_TABLE_KEYS.format(year=YEAR) not in tables
    assert tables[labels.SI_TABLE_KEYS_SCAN.format(year=YEAR)][-1] == SCAN_HEADER
    # only in the keys part: the money and flag parts stay as narrow as before
    others = [h for t, h in tables.items() if t != labels.SI_TABLE_KEYS_SCAN.format(year=YEAR)]
    assert others and all(SCAN_HEADER not in headers for headers in others)


def test_soll_ist_without_scanned_figures_has_no_scan_note_or_column(scanned_snapshot) -> None:
    app = run_app_page("soll_ist", {"jahr": str(YEAR + 1)})
    assert "Aus Scan gelesen" not in _texts(app)
    tables = tables_under_subheadings(app)
    assert labels.SI_TABLE_KEYS.format(year=YEAR + 1) in tables
    assert labels.SI_TABLE_KEYS_SCAN.format(year=YEAR + 1) not in tables
    assert all(SCAN_HEADER not in headers for headers in tables.values())


def test_a_decision_line_to_review_says_when_it_was_read_from_a_scan(scanned_snapshot) -> None:
    _name, project = scanned_snapshot
    app = run_app_page("pruefaufgaben")
    pick = app.selectbox(key="review_match_pick")
    assert pick.value == 0 and project in pick.options[0]  # the scanned line is shown first
    assert labels.REVIEW_MATCH_FROM_SCAN in _texts(app)
    pick.set_value(1).run()  # the line from a letter with a text layer
    assert not app.exception, [error.value for error in app.exception]
    assert any(text.value.startswith("Text\n") for text in app.text)
    assert labels.REVIEW_MATCH_FROM_SCAN not in _texts(app)


def test_review_items_of_a_snapshot_without_the_scan_column_are_still_listed(
    scanned_snapshot, tmp_path
) -> None:
    """A snapshot published before mart_project_matches had from_scan keeps its open lines
    (read as not from a scan), so the Zuordnungen tab is not emptied until the next ingest."""
    snapshot = next((tmp_path / "published" / "snapshots").glob("*.duckdb"))
    with duckdb.connect(str(snapshot)) as connection:
        assert open_items(connection, "match")["from_scan"].to_list() == [True, False]
        connection.execute("ALTER TABLE mart_project_matches DROP COLUMN from_scan")
        older = open_items(connection, "match")
    assert older.select("project_name", "from_scan").rows() == [
        ("Scan-Werkstatt", False),
        ("Text", False),
    ]


def test_kreisprofil_names_the_ocr_reader_of_a_scanned_source(tmp_path, monkeypatch) -> None:
    """A source document read from a scan says which OCR reader read it (engine, version and
    model), so the figure can be read again alike; a source with a text layer says nothing."""
    built = snapshot_factory.build_snapshot(tmp_path, years=(YEAR, YEAR + 1), seed=11)
    reader = "tesseract 5.3.0 deu@a1b72cc2eb03"
    with duckdb.connect(str(built.snapshot_path)) as connection:
        # a district with grant decisions: its letters are sources too, read from a text layer
        ags, scanned = connection.execute(
            "SELECT d.district_ags, d.source_sha256 FROM mart_district_year AS d"
            " JOIN mart_reconciliation AS r USING (district_ags, year)"
            " WHERE d.year = ? AND r.approved_eur IS NOT NULL ORDER BY d.district_ags LIMIT 1",
            [YEAR],
        ).fetchone()
        connection.execute(
            "UPDATE mart_documents SET read_by = ? WHERE sha256 = ?", [reader, scanned]
        )
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(built.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(built.archive_dir))
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)
    app = run_app_page("kreisprofil", {"kreis": ags, "jahr": str(YEAR)})
    lines = [text for text in _texts(app).split("\n") if "SHA-256" in text]
    read = [line for line in lines if "aus Scan gelesen von" in line]
    assert read == [line for line in lines if f"`{scanned[:12]}`" in line]
    assert read[0].endswith("aus Scan gelesen von tesseract 5\\.3\\.0 deu@a1b72cc2eb03")
    assert len(lines) > len(read) == 1  # the letters' lines name no reader
