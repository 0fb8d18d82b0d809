"""The funding system's export (docs/formats.md §3): CSV and XLSX, round trip, bad rows and files."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from pipelines.parse.decision_table import (
    COLUMNS,
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    parse_decision_table,
)
from pipelines.parse.records import QuarantineError, Reason
from tests.support import decision_records as dec
from tests.support.decision_table_writers import write_decision_table_csv, write_decision_table_xlsx

OFFENBACH = ("06438", "Kreis Offenbach")


def _records():
    """A year of decisions for two districts: every decision type, a revocation without lines."""
    first = dec.decision(
        "RPKS-57-AQB-2025-06431-01",
        "first",
        date(2025, 3, 14),
        [
            (1, "Jobdatings", "Bildungswerk Bergstraße gGmbH", "85000.00"),
            (3, "Sprachkursbegleitende Unterstützung Bensheim", None, "1230450.55"),
            (4, "BASS Studium", "Hochschule Darmstadt", "0.10"),
        ],
    )
    amendment = dec.decision(
        "RPKS-57-AQB-2025-06431-02",
        "amendment",
        date(2025, 6, 1),
        [
            (1, "Jobdatings", "Bildungswerk Bergstraße gGmbH", "90000.00"),
            (3, "Sprachkursbegleitende Unterstützung Bensheim", None, "1200000.00"),
        ],
        refers_to="RPKS-57-AQB-2025-06431-01",
    )
    final = dec.decision(
        "RPKS-57-AQB-2025-06431-03",
        "final",
        date(2026, 3, 2),
        [
            (1, "Jobdatings", "Bildungswerk Bergstraße gGmbH", "90000.00", "83100.00", "6900.00"),
            (
                3,
                "Sprachkursbegleitende Unterstützung Bensheim",
                None,
                "1200000.00",
                "1200000.00",
                "0.00",
            ),
        ],
        refers_to="RPKS-57-AQB-2025-06431-02",
    )
    other_first = dec.decision(
        "RPKS-57-AQB-2025-06438-01",
        "first",
        date(2025, 4, 1),
        [(2, "Ausbildungscoaching; Dietzenbach", 'Träger "Zukunft" e.V.', "42000.00")],
        district=OFFENBACH,
    )
    revocation = dec.decision(
        "RPKS-57-AQB-2025-06438-02",
        "revocation",
        date(2025, 9, 30),
        [],
        district=OFFENBACH,
        refers_to="RPKS-57-AQB-2025-06438-01",
    )
    return [first, amendment, final, other_first, revocation]


@pytest.mark.parametrize("media_type", [CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE])
def test_writer_output_parses_back_to_the_same_records(districts, media_type):
    records = _records()
    writer = write_decision_table_csv if media_type == CSV_MEDIA_TYPE else write_decision_table_xlsx

    parsed, rejected = parse_decision_table(writer(records), media_type, districts)

    assert rejected == []
    assert [dec.without_provenance(record) for record in parsed] == [
        dec.without_provenance(r) for r in records
    ]
    assert parsed[1].lines[1].provenance.page == 1
    assert (
        parsed[1].lines[1].provenance.line == 6
    )  # header, 3 rows of the first decision, then row 2 of this one


def test_writers_are_deterministic_and_csv_has_bom_and_german_numbers():
    records = _records()
    assert write_decision_table_xlsx(records) == write_decision_table_xlsx(records)
    csv_bytes = write_decision_table_csv(records)
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    assert "1.230.450,55" in csv_bytes.decode("utf-8")
    sheet = openpyxl.load_workbook(
        io.BytesIO(write_decision_table_xlsx(records)), read_only=True
    ).worksheets[0]
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    assert header == COLUMNS
    assert first[4] == "06431" and first[10] == 85000.0  # AGS as text, amount as number


def _csv(rows: list[str], bom: bool, encoding: str = "utf-8") -> bytes:
    text = "\r\n".join([";".join(COLUMNS), *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


GOOD_ROW = "RPKS-57-AQB-2024-06431-01;Zuwendungsbescheid;14.03.2024;;06431;Landkreis Bergstraße;2024;3;Jobdatings;Bildungswerk Bergstraße gGmbH;85.000,00;;"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(True, "utf-8"), (False, "utf-8"), (False, "cp1252")],
    ids=["bom", "no-bom", "cp1252"],
)
def test_csv_variants_of_encoding_and_number_notation(districts, bom, encoding):
    second = GOOD_ROW.replace("3;Jobdatings", "1;Jobdatings Süd").replace("85.000,00", "1234,5")
    data = _csv([GOOD_ROW, "", second], bom=bom, encoding=encoding)

    records, rejected = parse_decision_table(data, CSV_MEDIA_TYPE, districts)

    assert rejected == []
    (record,) = records
    assert record.district_ags == "06431" and record.district_name == "Landkreis Bergstraße"
    assert [str(line.amount_eur) for line in record.lines] == ["85000.00", "1234.50"]
    assert [line.project for line in record.lines] == ["Jobdatings", "Jobdatings Süd"]
    assert [line.provenance.line for line in record.lines] == [2, 4]  # the blank row 3 counts
    assert record.total_eur == record.lines[0].amount_eur + record.lines[1].amount_eur


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_an_export_re_saved_as_unicode_text_is_read(districts, delimiter, encoding):
    """Excel's "Unicode-Text" writes UTF-16 with a byte order mark and tabs between cells."""
    second = GOOD_ROW.replace("3;Jobdatings", "1;Jobdatings Süd").replace("85.000,00", "1234,5")
    text = "\r\n".join([";".join(COLUMNS), GOOD_ROW, second]).replace(";", delimiter) + "\r\n"
    data = (b"\xfe\xff" if encoding == "utf-16-be" else b"") + text.encode(encoding)
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")

    records, rejected = parse_decision_table(data, CSV_MEDIA_TYPE, districts)

    assert rejected == []
    (record,) = records
    assert record.district_name == "Landkreis Bergstraße"
    assert [line.project for line in record.lines] == ["Jobdatings", "Jobdatings Süd"]
    assert [str(line.amount_eur) for line in record.lines] == ["85000.00", "1234.50"]
    assert [line.provenance.line for line in record.lines] == [2, 3]


def test_a_tab_inside_a_semicolon_export_does_not_change_its_delimiter(districts):
    row = GOOD_ROW.replace("Jobdatings", "Jobdatings\tNord")
    records, rejected = parse_decision_table(_csv([row], bom=True), CSV_MEDIA_TYPE, districts)
    assert rejected == []
    assert [line.project for line in records[0].lines] == ["Jobdatings Nord"]  # spaces normalised


def test_csv_mixing_utf8_and_cp1252_keeps_every_good_row(districts):
    second = GOOD_ROW.replace("3;Jobdatings", "1;Jobdatings Süd").replace("85.000,00", "1234,5")
    header = ";".join(COLUMNS).encode("utf-8")
    data = b"\r\n".join([header, GOOD_ROW.encode("utf-8"), second.encode("cp1252")]) + b"\r\n"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    records, rejected = parse_decision_table(data, CSV_MEDIA_TYPE, districts)

    assert rejected == []
    (record,) = records
    assert record.district_name == "Landkreis Bergstraße"
    assert [line.project for line in record.lines] == ["Jobdatings", "Jobdatings Süd"]
    assert [line.provider for line in record.lines][0] == "Bildungswerk Bergstraße gGmbH"


BAD_ROWS = {
    "unknown AGS": (GOOD_ROW.replace(";06431;", ";06999;"), "AGS '06999' is not a known district"),
    "amount not a number": (
        GOOD_ROW.replace("85.000,00", "85T€"),
        "Betrag_EUR '85T€' is not a number",
    ),
    "measure type 5": (
        GOOD_ROW.replace(";3;Jobdatings", ";5;Jobdatings"),
        "Maßnahmenart '5' is not 1 to 4",
    ),
    "measure type missing": (
        GOOD_ROW.replace(";3;Jobdatings", ";;Jobdatings"),
        "Maßnahmenart '' is not 1 to 4",
    ),
    "date missing": (GOOD_ROW.replace("14.03.2024", ""), "Bescheiddatum is missing"),
    "AGS/name mismatch": (
        GOOD_ROW.replace("Landkreis Bergstraße", "Stadt Kassel"),
        "name different districts",
    ),
    "unknown decision type": (
        GOOD_ROW.replace("Zuwendungsbescheid", "Mahnung"),
        "not a known decision type",
    ),
    "file number contradicts AGS": (
        GOOD_ROW.replace("2024-06431-01", "2024-06433-01"),
        "contradicts AGS",
    ),
    "final row without used amount": (
        GOOD_ROW.replace("Zuwendungsbescheid", "Schlussbescheid").replace("-01;", "-03;"),
        "Verwendet_EUR is missing",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_row_is_rejected_with_its_row_number_while_good_rows_land(districts, case):
    bad_row, reason_part = BAD_ROWS[case]
    other = GOOD_ROW.replace("3;Jobdatings", "2;Ausbildungscoaching")
    data = _csv([GOOD_ROW, bad_row, other], bom=True)

    records, rejected = parse_decision_table(data, CSV_MEDIA_TYPE, districts)

    assert [row_number for row_number, _ in rejected] == [3]
    assert reason_part in rejected[0][1]
    assert [line.project for record in records for line in record.lines] == [
        "Jobdatings",
        "Ausbildungscoaching",
    ]


def test_a_row_contradicting_its_decision_is_rejected(districts):
    conflicting = GOOD_ROW.replace("14.03.2024", "15.03.2024").replace(
        "3;Jobdatings", "1;Werkstatt"
    )
    records, rejected = parse_decision_table(
        _csv([GOOD_ROW, conflicting], bom=False), CSV_MEDIA_TYPE, districts
    )

    assert len(records[0].lines) == 1
    assert rejected[0][0] == 3 and "contradicts row 2" in rejected[0][1]


def test_xlsx_with_bad_rows_number_cells_and_lost_leading_zero(districts):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(
        [
            "RPKS-57-AQB-2024-06431-01",
            "Zuwendungsbescheid",
            "14.03.2024",
            None,
            6431,
            "Kreis Bergstraße",
            2024,
            3,
            "Jobdatings",
            None,
            85000.5,
            None,
            None,
        ]
    )
    sheet.append(
        [
            "RPKS-57-AQB-2024-06431-01",
            "Zuwendungsbescheid",
            "14.03.2024",
            None,
            "06431",
            "Landkreis Bergstraße",
            2024,
            9,
            "Werkstatt",
            None,
            100,
            None,
            None,
        ]
    )
    sheet.append(
        [
            "RPKS-57-AQB-2024-06431-01",
            "Zuwendungsbescheid",
            "14.03.2024",
            None,
            "06431",
            "Landkreis Bergstraße",
            2024,
            2,
            "Coaching",
            None,
            "viel",
            None,
            None,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    records, rejected = parse_decision_table(buffer.getvalue(), XLSX_MEDIA_TYPE, districts)

    assert [row for row, _ in rejected] == [3, 4]
    (record,) = records
    assert record.district_ags == "06431"
    assert [(line.project, str(line.amount_eur)) for line in record.lines] == [
        ("Jobdatings", "85000.50")
    ]
    assert record.lines[0].provenance.line == 2


@pytest.mark.parametrize(
    ("data", "media_type", "reason", "code"),
    [
        (
            b"Aktenzeichen;Bescheidart;Datum;AGS;Projekt;Betrag\r\nx;y;z;06431;p;1\r\n",
            CSV_MEDIA_TYPE,
            "The decision export's header lacks the column(s) Bescheiddatum, Gebietskörperschaft,"
            " Haushaltsjahr, Maßnahmenart, Betrag_EUR.",
            Reason.BAD_DECISION_EXPORT,
        ),
        (
            b"",
            CSV_MEDIA_TYPE,
            "The decision export is empty: no header row was found.",
            Reason.BAD_DECISION_EXPORT,
        ),
        (
            ";".join(COLUMNS).encode(),
            CSV_MEDIA_TYPE,
            "The decision export has a header (row 1) but no rows.",
            Reason.BAD_DECISION_EXPORT,
        ),
        (
            b"PK\x03\x04 truncated zip",
            XLSX_MEDIA_TYPE,
            "The XLSX export cannot be opened: the file is damaged or not an Excel workbook"
            " (.xlsx).",
            Reason.BAD_DECISION_EXPORT,
        ),
        (
            b"%PDF-1.7",
            "application/pdf",
            "The media type 'application/pdf' is not a decision export (CSV or XLSX).",
            Reason.UNSUPPORTED_FILE_TYPE,
        ),
        (
            # 0x81 and 0x8D are neither UTF-8 nor Windows-1252
            ";".join(COLUMNS).encode() + b"\r\n\x81\x8d;x\r\n",
            CSV_MEDIA_TYPE,
            "The CSV export is neither UTF-8 nor Windows-1252 text.",
            Reason.BAD_ENCODING,
        ),
    ],
    ids=["wrong header", "empty", "header only", "corrupt xlsx", "pdf", "undecodable bytes"],
)
def test_bad_files_are_quarantined(districts, data, media_type, reason, code):
    """Each with its full English sentence and the Reason a user reads in German."""
    with pytest.raises(QuarantineError) as raised:
        parse_decision_table(data, media_type, districts)
    assert (raised.value.reason, raised.value.code) == (reason, code)


def test_a_formula_cell_is_read_as_the_value_excel_computed(districts):
    """Amounts summed in the sheet ("=80000+5000") are read as the value Excel stored for the
    formula, never as the formula's text (which would reject the row or misread the amount)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Bescheide")
    sheet.write_row(0, 0, COLUMNS)
    row = [
        "RPKS-57-AQB-2025-06431-01", "Zuwendungsbescheid", "14.03.2025", None, "06431",
        "Landkreis Bergstraße", 2025, 3, "Jobdatings", None,
    ]  # fmt: skip
    for column, value in enumerate(row):
        if value is not None:
            sheet.write(1, column, value)
    sheet.write_formula(1, COLUMNS.index("Betrag_EUR"), "=80000+5000.5", None, 85000.5)
    workbook.close()

    records, rejected = parse_decision_table(buffer.getvalue(), XLSX_MEDIA_TYPE, districts)
    assert rejected == []
    assert [(line.project, str(line.amount_eur)) for line in records[0].lines] == [
        ("Jobdatings", "85000.50")
    ]
