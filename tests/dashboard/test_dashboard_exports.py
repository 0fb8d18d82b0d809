"""CSV/XLSX writers and ``aqb export``: round trips through openpyxl and the csv module."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import duckdb
import openpyxl
import polars as pl
import pytest

from pipelines.cli import main as aqb_main
from pipelines.exports import (
    TABLES,
    ExportContext,
    ExportFilters,
    MissingMartError,
    build_table,
    column_spec,
    connect_snapshot,
    locate_snapshot,
    neutralise_formula,
    to_csv_bytes,
    to_xlsx_bytes,
)

TRICKY = pl.DataFrame(
    {
        "district_ags": ["06431", "06611", "06412"],
        "district_name": ['=HYPERLINK("http://x")', "+Kassel", "@Frankfurt"],
        "project_name": ["-Minus-Projekt", "\tTab", "Normal"],
        "change_eur": [-12345.5, 0.0, 1230450.0],
        "change_pct": [-3.25, None, 12.34],
        "share_of_state": [0.0412, 0.5, None],
        "signed_on": [date(2025, 8, 2), None, date(2016, 1, 31)],
        "has_agreement": [True, False, None],
    }
)
CONTEXT = ExportContext(
    table_name="test",
    title_de="Test: Kreise",
    snapshot_id="20250802T143000000000Z-test",
    published_at="2025-08-02 14:30",
    filters_de={"Jahre": "2025"},
    is_sample=True,
)


def _csv_rows(payload: bytes) -> list[list[str]]:
    assert payload.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.reader(io.StringIO(payload.decode("utf-8-sig")), delimiter=";"))


def test_neutralise_formula_prefixes_only_triggers() -> None:
    assert neutralise_formula("=1+1") == "'=1+1"
    assert neutralise_formula("-x") == "'-x"
    assert neutralise_formula("@a") == "'@a"
    assert neutralise_formula("\rx") == "'\rx"
    assert neutralise_formula("Kassel") == "Kassel"


def test_csv_is_german_excel_friendly() -> None:
    rows = _csv_rows(to_csv_bytes(TRICKY))
    header, first, second, third = rows
    assert header[:3] == ["Kreisschlüssel", "Gebietskörperschaft", "Projekt"]
    assert [first[0], second[0], third[0]] == ["06431", "06611", "06412"]
    assert first[1].startswith("'=") and second[1] == "'+Kassel" and third[1] == "'@Frankfurt"
    assert first[2] == "'-Minus-Projekt" and second[2] == "'\tTab"
    assert first[3] == "-12345,50", "negative numbers stay numbers, with decimal comma"
    assert third[3] == "1230450,00"
    assert first[4] == "-3,25" and second[4] == ""
    assert first[5] == "4,12"
    assert first[6] == "02.08.2025" and third[6] == "31.01.2016"
    assert [first[7], second[7], third[7]] == ["Ja", "Nein", ""]


def test_xlsx_round_trip_keeps_keys_types_and_sheets() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(TRICKY, CONTEXT)))
    assert workbook.sheetnames == ["Test- Kreise", "Info", "Datenwörterbuch"]
    data = workbook["Test- Kreise"]
    assert data.freeze_panes == "A2"
    assert data.auto_filter.ref == "A1:H4"
    assert data["A2"].value == "06431" and data["A2"].data_type == "s"
    assert data["B2"].value.startswith("'=") and data["B2"].data_type == "s"
    assert data["C2"].value == "'-Minus-Projekt"
    assert data["D2"].value == -12345.5 and data["D2"].data_type == "n"
    assert data["D2"].number_format == '#,##0.00 "€"'
    assert data["F2"].value == pytest.approx(0.0412) and data["F2"].number_format == "0.0 %"
    assert data["G2"].number_format == "dd.mm.yyyy" and data["G2"].value.date() == date(2025, 8, 2)
    assert data.column_dimensions["B"].width > 10
    info = {row[0]: row[1] for row in workbook["Info"].iter_rows(values_only=True)}
    assert info["Datenstand (Snapshot)"] == CONTEXT.snapshot_id
    assert info["Filter: Jahre"] == "2025"
    assert info["Beispieldaten"].startswith("Ja")
    dictionary = list(workbook["Datenwörterbuch"].iter_rows(values_only=True))
    assert dictionary[0] == ("Spalte", "Technischer Name", "Typ", "Bedeutung")
    assert [row[1] for row in dictionary[1:]] == TRICKY.columns
    assert all(row[3] for row in dictionary[1:])


def test_undocumented_column_is_refused() -> None:
    with pytest.raises(KeyError):
        to_csv_bytes(pl.DataFrame({"mystery": [1]}))


def test_every_table_builds_and_is_documented(published) -> None:
    ref = locate_snapshot(published.publish_dir)
    assert ref is not None
    connection = connect_snapshot(ref)
    try:
        for name in TABLES:
            filters = ExportFilters(metric="eur_per_inhabitant")
            try:
                frame = build_table(connection, name, filters)
            except MissingMartError:
                continue
            for column in frame.columns:
                column_spec(column, filters.metric)
            payload = to_xlsx_bytes(frame, replace(CONTEXT, metric=filters.metric))
            sheet = openpyxl.load_workbook(io.BytesIO(payload)).worksheets[0]
            assert sheet.max_row == max(frame.height, 0) + 1, name
    finally:
        connection.close()


def test_kreisvergleich_export_matches_snapshot(published, tmp_path, monkeypatch) -> None:
    """`aqb export` through the real CLI: rows, keys and amounts equal a direct query."""
    for key, value in published.env().items():
        monkeypatch.setenv(key, value)
    ref = locate_snapshot(published.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year, expected_rows = connection.execute(
            "SELECT max(year), count(*) FILTER (WHERE year = (SELECT max(year) FROM mart_district_year)) FROM mart_district_year"
        ).fetchone()
        budgets = dict(
            connection.execute(
                "SELECT district_ags, budget_total_eur FROM mart_district_year WHERE year = ? AND budget_total_eur IS NOT NULL",
                [year],
            ).fetchall()
        )
    csv_path, xlsx_path = tmp_path / "kv.csv", tmp_path / "kv.xlsx"
    assert aqb_main(["export", "kreisvergleich", "--year", str(year), "--out", str(csv_path)]) == 0
    assert (
        aqb_main(
            [
                "export",
                "kreisvergleich",
                "--year",
                str(year),
                "--format",
                "xlsx",
                "--out",
                str(xlsx_path),
            ]
        )
        == 0
    )
    rows = _csv_rows(csv_path.read_bytes())
    assert len(rows) - 1 == expected_rows == 26
    header = rows[0]
    ags_index, budget_index = header.index("Kreisschlüssel"), header.index("Budget (€)")
    for row in rows[1:]:
        assert len(row[ags_index]) == 5 and row[ags_index].startswith("06")
        if row[ags_index] in budgets:
            assert row[budget_index] == f"{budgets[row[ags_index]]:.2f}".replace(".", ",")
    sheet = openpyxl.load_workbook(xlsx_path)["Kreisvergleich"]
    keys = [cell.value for cell in sheet["A"][1:]]
    assert sorted(keys) == sorted(row[ags_index] for row in rows[1:])
    assert all(isinstance(key, str) and key.startswith("06") for key in keys)


def test_export_without_snapshot_says_so(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(tmp_path / "nothing"))
    assert aqb_main(["export", "projekte", "--out", str(tmp_path / "x.csv")]) == 1
    assert "Noch kein veröffentlichter Datenstand" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_comparison_pivot_has_selection_total(factory_snapshot) -> None:
    ref = locate_snapshot(factory_snapshot.publish_dir)
    connection = connect_snapshot(ref)
    try:
        wide = build_table(
            connection,
            "vergleich",
            ExportFilters(districts=("06431", "06611"), metric="budget_total_eur"),
        )
        long = build_table(
            connection, "kreisvergleich", ExportFilters(districts=("06431", "06611"))
        )
    finally:
        connection.close()
    total_row = wide.filter(pl.col("district_name") == "Auswahl gesamt").row(0, named=True)
    assert total_row["district_ags"] is None  # never a made-up key such as "06"
    for year in long["year"].unique().to_list():
        expected = long.filter(pl.col("year") == year)["budget_total_eur"].sum()
        assert total_row[str(year)] == pytest.approx(expected)


def test_download_times_are_berlin_time_and_say_so() -> None:
    """Stored timestamps are naive UTC; CSV cells, XLSX cells and the Info sheet show Berlin time
    (the same clock as the dashboard), with the zone in the header and on the Info sheet."""
    from datetime import datetime

    frame = pl.DataFrame(
        {"quarantined_at": [datetime(2025, 1, 15, 12, 30), datetime(2025, 8, 2, 12, 30)]}
    )
    rows = _csv_rows(to_csv_bytes(frame))
    assert rows[0] == ["Zurückgestellt am (Ortszeit Berlin)"]
    assert [row[0] for row in rows[1:]] == ["15.01.2025 13:30", "02.08.2025 14:30"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, CONTEXT)))
    sheet = book.worksheets[0]
    assert sheet["A2"].value == datetime(2025, 1, 15, 13, 30)
    info = {row[0].value: row[1].value for row in book["Info"].iter_rows()}
    assert info["Veröffentlicht am"] == "02.08.2025, 16:30 Uhr MESZ"
    assert info["Zeitangaben"] == "Ortszeit Europe/Berlin (MEZ/MESZ)"
    assert info["Exportiert am"].endswith(("Uhr MEZ", "Uhr MESZ"))
