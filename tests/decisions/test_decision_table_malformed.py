"""Malformed values in a decision export are rejected row by row, never read as something else.

"12.50" is not 1.250 € nor 12,50 €, 31.02. is no date, a district name one letter off is no
district. Each bad row is rejected with its spreadsheet row number; the good rows still land.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.parse.decision_table import (
    COLUMNS,
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    parse_decision_table,
)
from pipelines.parse.records import Provenance, QuarantineError, Reason

GOOD_ROW = (
    "RPKS-57-AQB-2024-06431-01;Zuwendungsbescheid;14.03.2024;;06431;Landkreis Bergstraße;2024;3;"
    "Jobdatings;Bildungswerk Bergstraße gGmbH;85.000,00;;"
)
OTHER_ROW = GOOD_ROW.replace("3;Jobdatings", "2;Ausbildungscoaching").replace(
    "85.000,00", "1.230.450,50"
)


def _csv(rows: list[str]) -> bytes:
    return ("\r\n".join([";".join(COLUMNS), *rows]) + "\r\n").encode("utf-8")


BAD_ROWS = {
    "amount with English decimals": (
        GOOD_ROW.replace("85.000,00", "12.50"),
        "Betrag_EUR '12.50' is not a number",
    ),
    "amount with English decimals and unit": (
        GOOD_ROW.replace("85.000,00", "1.23 Euro"),
        "Betrag_EUR '1.23 Euro' is not a number",
    ),
    "amount grouped in fours": (
        GOOD_ROW.replace("85.000,00", "8.5000,00"),
        "is not a number",
    ),
    "amount with three decimals": (GOOD_ROW.replace("85.000,00", "85,000"), "is not a number"),
    "negative amount": (GOOD_ROW.replace("85.000,00", "-85.000,00"), "is not a number"),
    "impossible date": (
        GOOD_ROW.replace("14.03.2024", "31.02.2024"),
        "Bescheiddatum '31.02.2024' is not a date",
    ),
    "month 13": (GOOD_ROW.replace("14.03.2024", "14.13.2024"), "is not a date"),
    "district name one letter off": (
        GOOD_ROW.replace("Landkreis Bergstraße", "Landkreis Bergstrase"),
        "name different districts",
    ),
    "AGS one digit off": (GOOD_ROW.replace(";06431;", ";06430;"), "is not a known district"),
    "two-digit year": (
        GOOD_ROW.replace(";2024;3;", ";24;3;"),
        "Haushaltsjahr '24' is not a year",
    ),
    "file number of another year": (
        GOOD_ROW.replace("AQB-2024-", "AQB-2023-"),
        "contradicts AGS 06431 / Haushaltsjahr 2024",
    ),
    "project missing": (GOOD_ROW.replace("Jobdatings", ""), "Projekt is missing"),
    "amount missing": (GOOD_ROW.replace("85.000,00", ""), "Betrag_EUR is missing"),
    "file number missing": (GOOD_ROW.replace("RPKS-57-AQB-2024-06431-01", ""), "Aktenzeichen"),
}


# the whole reason each bad row is rejected with (BAD_ROWS holds the part a reader looks for)
EXACT_REASONS = {
    "AGS one digit off": "AGS '06430' is not a known district.",
    "amount grouped in fours": "Betrag_EUR '8.5000,00' is not a number.",
    "amount missing": "Betrag_EUR is missing.",
    "amount with English decimals": "Betrag_EUR '12.50' is not a number.",
    "amount with English decimals and unit": "Betrag_EUR '1.23 Euro' is not a number.",
    "amount with three decimals": "Betrag_EUR '85,000' is not a number.",
    "district name one letter off": "AGS 06431 and Gebietskörperschaft 'Landkreis Bergstrase' name different districts.",
    "file number missing": "Aktenzeichen is missing.",
    "file number of another year": "Aktenzeichen RPKS-57-AQB-2023-06431-01 contradicts AGS 06431 / Haushaltsjahr 2024.",
    "impossible date": "Bescheiddatum '31.02.2024' is not a date DD.MM.YYYY.",
    "month 13": "Bescheiddatum '14.13.2024' is not a date DD.MM.YYYY.",
    "negative amount": "Betrag_EUR '-85.000,00' is not a number.",
    "project missing": "Projekt is missing.",
    "two-digit year": "Haushaltsjahr '24' is not a year.",
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_malformed_row_is_rejected_and_the_good_rows_land(districts, case) -> None:
    bad_row, reason_part = BAD_ROWS[case]
    records, rejected = parse_decision_table(
        _csv([GOOD_ROW, bad_row, OTHER_ROW]), CSV_MEDIA_TYPE, districts
    )
    assert [row_number for row_number, _ in rejected] == [3]
    assert reason_part in rejected[0][1]
    assert rejected[0][1] == EXACT_REASONS[case]
    (record,) = records
    assert [(line.project, line.amount_eur) for line in record.lines] == [
        ("Jobdatings", Decimal("85000.00")),
        ("Ausbildungscoaching", Decimal("1230450.50")),
    ]
    assert record.total_eur == Decimal("1315450.50")
    assert [line.provenance.line for line in record.lines] == [2, 4]


def test_a_lost_leading_zero_is_restored_but_a_short_key_is_not(districts) -> None:
    restored = GOOD_ROW.replace(";06431;", ";6431;")
    records, rejected = parse_decision_table(_csv([restored]), CSV_MEDIA_TYPE, districts)
    assert rejected == [] and records[0].district_ags == "06431"
    short = GOOD_ROW.replace(";06431;", ";643;")
    records, rejected = parse_decision_table(_csv([short]), CSV_MEDIA_TYPE, districts)
    assert records == [] and "AGS '643' is not a known district" in rejected[0][1]


def test_a_final_row_without_reclaim_reclaims_nothing(districts) -> None:
    final = (
        GOOD_ROW.replace("Zuwendungsbescheid", "Schlussbescheid")
        .replace("-01;", "-03;")
        .replace("85.000,00;;", "85.000,00;80.000,00;")
    )
    (record,), rejected = parse_decision_table(_csv([final]), CSV_MEDIA_TYPE, districts)
    assert rejected == []
    (line,) = record.lines
    assert (line.used_eur, line.reclaimed_eur) == (Decimal("80000.00"), Decimal("0.00"))
    assert (record.used_total_eur, record.reclaimed_total_eur) == (
        Decimal("80000.00"),
        Decimal("0.00"),
    )


def _final_row(used: str) -> str:
    return (
        GOOD_ROW.replace("Zuwendungsbescheid", "Schlussbescheid")
        .replace("-01;", "-03;")
        .replace("85.000,00;;", f"85.000,00;{used};")
    )


def test_a_bad_optional_amount_is_rejected_naming_its_column(districts) -> None:
    records, rejected = parse_decision_table(_csv([_final_row("viel")]), CSV_MEDIA_TYPE, districts)
    assert records == []
    assert rejected == [(2, "Verwendet_EUR 'viel' is not a number.")]


def test_a_row_without_its_trailing_empty_cells_is_read_whole(districts) -> None:
    """Spreadsheet tools drop empty cells at the end of a row: the missing cells are empty, and
    the row's own text (its provenance) is what the file holds."""
    short = GOOD_ROW.rsplit(";", 2)[0]  # no Verwendet_EUR / Rueckforderung_EUR cells at all
    (record,), rejected = parse_decision_table(_csv([short]), CSV_MEDIA_TYPE, districts)
    assert rejected == []
    (line,) = record.lines
    assert (line.amount_eur, line.used_eur, line.reclaimed_eur) == (Decimal("85000.00"), None, None)
    assert line.provenance == Provenance(page=1, line=2, text=short)
    fields = ("decision_id", "decision_type", "decision_date", "refers_to", "district", "year")
    assert record.provenance == {
        key: Provenance(page=1, line=2, text=short) for key in (*fields, "total_eur")
    }


def test_headers_are_matched_without_case_umlauts_spaces_or_a_second_bom(districts) -> None:
    """ "Traeger", "Gebietskoerperschaft", "Massnahmenart", "Rückforderung EUR", a BOM left in
    the first cell by a file saved twice as UTF-8 with BOM: the same columns."""
    header = ";".join(COLUMNS)
    for canonical, variant in (
        ("Aktenzeichen", "\ufeffAKTENZEICHEN"),
        ("Träger", "Traeger"),
        ("Gebietskörperschaft", "Gebietskoerperschaft"),
        ("Maßnahmenart", "Massnahmenart"),
        ("Rueckforderung_EUR", "Rückforderung EUR"),
    ):
        header = header.replace(canonical, variant)
    row = _final_row("80.000,00") + "5.000,00"  # the optional reclaim column must be found
    data = b"\xef\xbb\xbf" + (header + "\r\n" + row + "\r\n").encode("utf-8")
    (record,), rejected = parse_decision_table(data, CSV_MEDIA_TYPE, districts)
    assert rejected == []
    (line,) = record.lines
    assert (line.measure_type, line.provider, record.district_name) == (
        3,
        "Bildungswerk Bergstraße gGmbH",
        "Landkreis Bergstraße",
    )
    assert (line.used_eur, line.reclaimed_eur) == (Decimal("80000.00"), Decimal("5000.00"))


@pytest.mark.parametrize("media_type", ["text/plain", "application/csv"])
def test_csv_is_read_under_the_other_media_types_of_csv(districts, media_type) -> None:
    (record,), rejected = parse_decision_table(_csv([GOOD_ROW]), media_type, districts)
    assert rejected == [] and record.lines[0].project == "Jobdatings"


def test_an_xlsx_file_is_recognised_by_its_content_whatever_its_media_type(districts) -> None:
    (record,), rejected = parse_decision_table(
        _xlsx_with_amount(85000), "application/octet-stream", districts
    )
    assert rejected == [] and record.lines[0].amount_eur == Decimal("85000.00")


def test_a_revocation_row_without_lines_revokes_to_zero_cents(districts) -> None:
    revocation = "RPKS-57-AQB-2024-06431-04;Widerrufsbescheid;01.07.2025;RPKS-57-AQB-2024-06431-01;06431;Landkreis Bergstraße;2024;;;;;;"
    (record,), rejected = parse_decision_table(_csv([revocation]), CSV_MEDIA_TYPE, districts)
    assert rejected == [] and record.lines == ()
    assert str(record.total_eur) == "0.00"
    assert (record.used_total_eur, record.reclaimed_total_eur) == (None, None)


def test_a_csv_field_beyond_the_csv_module_limit_quarantines_the_file(districts) -> None:
    huge = GOOD_ROW.replace("Jobdatings", "J" * 200_000)
    with pytest.raises(QuarantineError) as raised:
        parse_decision_table(_csv([huge]), CSV_MEDIA_TYPE, districts)
    assert (raised.value.reason, raised.value.code) == (
        "The CSV export is malformed: field larger than field limit (131072).",
        Reason.BAD_DECISION_EXPORT,
    )


def _xlsx_with_amount(amount: object) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, COLUMNS)
    cells = GOOD_ROW.split(";")
    for column, text in enumerate(cells):
        if text and COLUMNS[column] != "Betrag_EUR":
            sheet.write_string(1, column, text)
    sheet.write(1, COLUMNS.index("Betrag_EUR"), amount)
    workbook.close()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("amount", "reason"),
    [(-85000.5, "Betrag_EUR -85000.5 is negative."), (True, "Betrag_EUR is not an amount.")],
    ids=["negative number cell", "boolean cell"],
)
def test_an_amount_cell_that_is_no_amount_is_rejected(districts, amount, reason) -> None:
    records, rejected = parse_decision_table(_xlsx_with_amount(amount), XLSX_MEDIA_TYPE, districts)
    assert (records, rejected) == ([], [(2, reason)])


def test_a_final_row_without_its_used_amount_is_rejected(districts) -> None:
    records, rejected = parse_decision_table(_csv([_final_row("")]), CSV_MEDIA_TYPE, districts)
    assert records == []
    assert rejected == [(2, "Verwendet_EUR is missing on a final decision (Schlussbescheid).")]


def test_a_contradicting_row_is_rejected_and_the_rows_after_it_still_land(districts) -> None:
    contradicting = GOOD_ROW.replace("14.03.2024", "15.03.2024").replace("3;Jobdatings", "1;Kurs")
    later = OTHER_ROW.replace("-06431-01;", "-06431-02;").replace(
        "Zuwendungsbescheid", "Änderungsbescheid"
    )
    records, rejected = parse_decision_table(
        _csv([GOOD_ROW, contradicting, later]), CSV_MEDIA_TYPE, districts
    )
    assert [record.decision_id for record in records] == [
        "RPKS-57-AQB-2024-06431-01",
        "RPKS-57-AQB-2024-06431-02",
    ]
    assert rejected == [
        (
            3,
            "The row contradicts row 2 of decision RPKS-57-AQB-2024-06431-01 in type, date,"
            " reference, district or year.",
        )
    ]


def test_whole_numbers_stored_as_decimals_read_as_the_numbers(districts) -> None:
    """A spreadsheet tool that stores 2024 as "2024.0" (a float cell): year, measure type and a
    key that lost its leading zero still read as 2024, 3 and 06431, not "2024.0"."""
    import io
    import re
    import zipfile

    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, COLUMNS)
    numbers = {"AGS": 6431, "Haushaltsjahr": 2024, "Maßnahmenart": 3, "Betrag_EUR": 85000}
    for column, text in enumerate(GOOD_ROW.split(";")):
        if COLUMNS[column] in numbers:
            sheet.write_number(1, column, numbers[COLUMNS[column]])
        elif text:
            sheet.write_string(1, column, text)
    workbook.close()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                # number cells of row 2 only (string cells carry t="s" and an index)
                data = re.sub(
                    rb'(<c r="[A-Z]+2"(?: s="\d+")?>)<v>(\d+)</v>', rb"\1<v>\2.0</v>", data
                )
                assert b"<v>2024.0</v>" in data
            target.writestr(item, data)

    (record,), rejected = parse_decision_table(rewritten.getvalue(), XLSX_MEDIA_TYPE, districts)
    assert rejected == []
    assert (record.district_ags, record.year, record.lines[0].measure_type) == ("06431", 2024, 3)
    assert record.lines[0].amount_eur == Decimal("85000.00")


def test_a_repeated_column_name_reads_the_first_column(districts) -> None:
    header = ";".join([*COLUMNS, "Projekt"])
    data = (header + "\r\n" + GOOD_ROW + ";Anmerkung\r\n").encode("utf-8")
    (record,), rejected = parse_decision_table(data, CSV_MEDIA_TYPE, districts)
    assert rejected == []
    assert record.lines[0].project == "Jobdatings"


def test_a_row_cut_off_after_two_cells_is_rejected_not_crashed_on(districts) -> None:
    data = _csv(["RPKS-57-AQB-2024-06431-01;Zuwendungsbescheid"])
    assert parse_decision_table(data, CSV_MEDIA_TYPE, districts) == (
        [],
        [(2, "Bescheiddatum is missing.")],
    )
