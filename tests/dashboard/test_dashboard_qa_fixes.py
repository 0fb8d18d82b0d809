"""Regression tests for the QA review of the dashboard: outdated snapshots, agreed totals,
"not stated" amounts, URL state, German codes, XLSX widths, Data Docs ZIP, charts and sources."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import duckdb
import openpyxl
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import charts, common, labels, queries
from pipelines.cli import main as aqb_main
from pipelines.exports import (
    ExportContext,
    ExportFilters,
    build_table,
    connect_snapshot,
    locate_snapshot,
    to_xlsx_bytes,
)
from tests.support import snapshot_factory
from tests.support.apptest import run_app_page


def run_page(page: str, query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    return run_app_page(page, query_params)


def _snapshot_connection(published) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(locate_snapshot(published.publish_dir).path), read_only=True)


def _use(monkeypatch: pytest.MonkeyPatch, built) -> None:
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(built.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(built.archive_dir))
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)


# 1. a snapshot older than the code ---------------------------------------------------------


def test_optional_column_missing_still_exports(tmp_path, monkeypatch, capsys) -> None:
    built = snapshot_factory.build_snapshot(tmp_path, years=(2024, 2025), seed=11)
    with duckdb.connect(str(built.snapshot_path)) as connection:
        connection.execute("ALTER TABLE mart_decisions DROP COLUMN has_source_conflict")
    _use(monkeypatch, built)
    frame = build_table(
        connect_snapshot(locate_snapshot(built.publish_dir)), "bescheide", ExportFilters()
    )
    assert frame.height > 0 and "has_source_conflict" not in frame.columns
    assert aqb_main(["export", "bescheide", "--out", str(tmp_path / "b.csv")]) == 0
    app = run_page("kreisprofil")
    assert not app.error


def test_required_column_missing_gives_german_hint(tmp_path, monkeypatch, capsys) -> None:
    built = snapshot_factory.build_snapshot(tmp_path, years=(2024, 2025), seed=12)
    with duckdb.connect(str(built.snapshot_path)) as connection:
        connection.execute("ALTER TABLE mart_district_year DROP COLUMN rank_in_peer_group")
    _use(monkeypatch, built)
    for page in ("kreisprofil", "kreisvergleich"):
        app = run_page(page)
        assert any("älteren Programmversion" in error.value for error in app.error), page
        assert any("aqb ingest" in code.value for code in app.code)
    capsys.readouterr()
    assert aqb_main(["export", "kreisvergleich", "--out", str(tmp_path / "k.csv")]) == 1
    err = capsys.readouterr().err
    assert "älteren Programmversion" in err and "Traceback" not in err


# 2./3. agreed totals and amounts not stated per measure type --------------------------------


def test_soll_ist_agreed_is_the_agreement_total(published_env) -> None:
    with _snapshot_connection(published_env) as connection:
        year = connection.execute("SELECT max(year) FROM mart_reconciliation").fetchone()[0]
        expected = dict(
            connection.execute(
                "SELECT d.district_ags, d.budget_total_eur::DOUBLE FROM mart_district_year d WHERE d.year = ? AND d.has_agreement "
                "AND d.district_ags IN (SELECT district_ags FROM mart_reconciliation WHERE year = ?)",
                [year, year],
            ).fetchall()
        )
    snapshot = queries.open_snapshot(locate_snapshot(published_env.publish_dir))
    totals = queries.soll_ist_totals(snapshot, year).filter(pl.col("series") == "Vereinbart")
    assert dict(zip(totals["district_ags"], totals["value"], strict=True)) == pytest.approx(
        expected
    )
    assert len(expected) > 0


def test_not_stated_is_labelled_not_dashed() -> None:
    frame = pl.DataFrame({"measure_type": [1, 2], "agreed_eur": [1000.0, None]})
    html = common.styled(frame, missing_text={"agreed_eur": labels.NOT_PER_MEASURE}).to_html()
    assert labels.NOT_PER_MEASURE in html and "1.000\u00a0€" in html


def test_measure_shift_compares_only_stated_amounts() -> None:
    mix = pl.DataFrame(
        {
            "year": [2024, 2024, 2024, 2025, 2025, 2025],
            "measure_type": [1, 2, 3, 1, 2, 3],
            "measure_name": ["A", "B", "C", "A", "B", "C"],
            "agreed_amount_eur": [100.0, None, 50.0, 160.0, 70.0, None],
        }
    )
    shift = queries.measure_shift(mix, 2025).sort("measure_type")
    assert shift["agreed_change_eur"].to_list() == [60.0, None, None]
    assert shift["comparison_note"].to_list() == [
        labels.COMPARABLE,
        labels.NOT_COMPARABLE,
        labels.NOT_COMPARABLE,
    ]


def test_ueberblick_explains_agreed_by_measure(published_env) -> None:
    app = run_page("ueberblick")
    text = " ".join(markdown.value for markdown in app.markdown)
    assert "nicht je Maßnahmenart angegeben" in text and "Landessumme" in text


# 4. URL state --------------------------------------------------------------------------------


def test_url_codes_select_the_view_and_are_written_back(published_env) -> None:
    app = run_page("kreisprofil", {"kreis": "06431"})
    assert app.selectbox(key="kreis").value == "06431"
    assert app.query_params["kreis"] in ("06431", ["06431"])
    app = run_page("kreisvergleich", {"kennzahl": "eur_per_inhabitant"})
    assert app.selectbox(key="kennzahl").value == "eur_per_inhabitant"
    app.selectbox(key="kennzahl").select("change_pct").run()
    assert app.selectbox(key="kennzahl").value == "change_pct"
    assert app.query_params["kennzahl"] in ("change_pct", ["change_pct"]), (
        "the URL holds the code, never the label"
    )


def test_url_lists_and_invalid_values(published_env) -> None:
    app = run_page("zeitreihen", {"kreise": ["06431", "06611"]})
    assert app.multiselect(key="kreise").value == ["06431", "06611"]
    app = run_page("kreisprofil", {"kreis": "Landkreis Bergstraße (06431)"})
    assert app.selectbox(key="kreis").value != "Landkreis Bergstraße (06431)"
    assert "Landkreis" not in str(app.query_params.get("kreis", ""))


# 5. German words for codes -------------------------------------------------------------------


def test_codes_are_german_in_tables(published_env) -> None:
    connection = connect_snapshot(locate_snapshot(published_env.publish_dir))
    decisions = build_table(connection, "bescheide", ExportFilters())
    english = {"first", "amendment", "final", "revocation", "letter", "csv", "xlsx"}
    assert not set(decisions["decision_type"].to_list()) & english
    assert not set(decisions["source_format"].drop_nulls().to_list()) & english
    checks = build_table(connection, "pruefergebnisse", ExportFilters())
    assert not set(checks["severity"].to_list()) & {"warning", "error"}
    quarantine = build_table(connection, "quarantaene", ExportFilters())
    assert quarantine.columns[:2] == ["reason_de", "reason"]
    assert labels.format_bool(True) == "Ja" and labels.format_bool(False) == "Nein"


def test_every_select_has_a_german_placeholder(published_env) -> None:
    for page in ("kreisprofil", "zeitreihen", "vergleich", "massnahmenarten"):
        app = run_page(page)
        for widget in [*app.selectbox, *app.multiselect]:
            assert widget.proto.placeholder in (labels.PLACEHOLDER_ONE, labels.PLACEHOLDER_MANY), (
                page,
                widget.key,
            )


# 6. XLSX widths and numbers ------------------------------------------------------------------


def test_xlsx_widths_fit_german_text_and_positions_are_numbers() -> None:
    frame = pl.DataFrame({"budget_total_eur": [3864050.0], "position": [3], "2016": [27899150.0]})
    context = ExportContext(
        table_name="t",
        title_de="Test",
        snapshot_id="s",
        published_at=None,
        metric="budget_total_eur",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, context))).worksheets[0]
    assert sheet.column_dimensions["A"].width >= len("3.864.050,00 €") + 2
    assert sheet.column_dimensions["C"].width >= len("27.899.150,00 €") + 2
    assert sheet["B2"].data_type == "n" and sheet["B2"].value == 3


# 7. Data Docs as ZIP -------------------------------------------------------------------------


def test_data_docs_download_is_a_zip_of_the_folder(tmp_path, monkeypatch) -> None:
    built = snapshot_factory.build_snapshot(tmp_path, years=(2024, 2025), seed=13)
    (built.data_docs_dir / "validations").mkdir()
    (built.data_docs_dir / "validations" / "run.html").write_text(
        "<html>run</html>", encoding="utf-8"
    )
    _use(monkeypatch, built)
    app = run_page("datenqualitaet")
    assert "file://" not in " ".join(markdown.value for markdown in app.markdown)
    assert [button for button in app.get("download_button") if button.key == "data_docs_zip"]
    snapshot = queries.open_snapshot(locate_snapshot(built.publish_dir))
    payload, n_files = queries.data_docs_zip(snapshot, queries.data_docs_dir(snapshot))
    names = set(zipfile.ZipFile(io.BytesIO(payload)).namelist())
    assert {"data_docs/index.html", "data_docs/validations/run.html"} <= names and n_files == 2


# 8.-10. layout, charts, sources, numbers -----------------------------------------------------


def test_quarantine_shows_reason_first_and_short_hash() -> None:
    quarantine = pl.DataFrame(
        {
            "reason_de": ["Leere Datei"],
            "reason": ["Empty file: no content."],
            "sha256": ["ab" * 32],
            "original_name": ["x.txt"],
            "rejected_rows": [0],
            "quarantined_at": [datetime(2025, 1, 1)],
        }
    )
    shown = queries.quarantine_display(quarantine)
    assert shown["sha256_short"].to_list() == ["abababababab"] and "sha256" not in shown.columns


def test_state_average_is_in_the_legend_and_measure_labels_are_not_cut() -> None:
    series = pl.DataFrame(
        {
            "district_ags": ["06431"] * 2,
            "district_name": ["Landkreis Bergstraße"] * 2,
            "year": [2024, 2025],
            "budget_total_eur": [1.0e6, 1.2e6],
            "state_avg_budget_eur": [1.1e6, 1.0e6],
        }
    )
    spec = charts.series_lines(
        series, "budget_total_eur", "state_avg_budget_eur", "Budget"
    ).to_dict()
    assert labels.STATE_AVERAGE in spec["encoding"]["color"]["scale"]["domain"]
    assert spec["encoding"]["strokeDash"]["legend"] is not None
    mix = pl.DataFrame(
        {
            "district_ags": ["06431"],
            "district_name": ["X"],
            "measure_type": [1],
            "measure_name": ["Ausbildungsvorbereitung"],
            "n_projects": [3],
        }
    )
    axis = charts.heatmap(mix, "n_projects", "Projekte").to_dict()["encoding"]["x"]["axis"]
    assert axis["labelLimit"] == 0 and axis["labelAlign"] == "center"


def test_source_line_shows_page_and_line_and_no_negative_zero() -> None:
    assert "Seite 2, Zeile 14" in labels.source_line("b.pdf", "a" * 64, 2, 14)
    assert "Seite" not in labels.source_line("b.csv", "a" * 64, None, None)
    assert "gelesen von" not in labels.source_line("b.pdf", "a" * 64, 2, 14, None)
    scan = labels.source_line("s.pdf", "a" * 64, 1, 17, "tesseract 5.3.0 deu@a1b72cc2eb03")
    assert scan.endswith(
        "Seite 1, Zeile 17 · aus Scan gelesen von tesseract 5\\.3\\.0 deu@a1b72cc2eb03"
    )
    assert labels.source_line("s.pdf", "a" * 64, None, None, "t").endswith(
        "· aus Scan gelesen von t"
    )
    note = "Scan-Lesung nach Prüfung freigegeben von anna am 06.12.2026: *Jahr* geprüft"
    released = labels.source_line("s.pdf", "a" * 64, 1, 17, "t", note)
    assert released.endswith(
        r"aus Scan gelesen von t · Scan\-Lesung nach Prüfung freigegeben von anna am "
        r"06\.12\.2026\: \*Jahr\* geprüft"
    )
    assert labels.source_line("s.pdf", "a" * 64, 1, 17, "t", None).endswith("gelesen von t")
    assert labels.format_by_kind(-0.0004, "pct") == "0,0\u00a0%"
    assert labels.format_pct(-0.0004, 2, signed=True).startswith("±")


def test_kreisprofil_decision_sources_and_population_date(published_env) -> None:
    with _snapshot_connection(published_env) as connection:
        row = connection.execute(
            "SELECT district_ags, year FROM mart_decisions ORDER BY year DESC LIMIT 1"
        ).fetchone()
        date_text = (
            connection.execute("SELECT min(population_reference_date) FROM mart_district_year")
            .fetchone()[0]
            .strftime("%d.%m.%Y")
        )
    app = run_page("kreisprofil", {"kreis": row[0], "jahr": str(row[1])})
    assert any(date_text in caption.value for caption in app.caption), (
        "€ je Einwohner states its reference date"
    )
    headings = [header.value for header in app.header]
    assert len(headings) == len(set(headings)), f"duplicated headings: {headings}"
