"""Malformed values in a decision export are rejected row by row, never read as something else.

"12.50" is not 1.250 € nor 12,50 €, 31.02. is no date, a district name one letter off is no
district. Each bad row is rejected with its spreadsheet row number; the good rows still land.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipelines.parse.decision_table import COLUMNS, CSV_MEDIA_TYPE, parse_decision_table

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


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_malformed_row_is_rejected_and_the_good_rows_land(districts, case) -> None:
    bad_row, reason_part = BAD_ROWS[case]
    records, rejected = parse_decision_table(
        _csv([GOOD_ROW, bad_row, OTHER_ROW]), CSV_MEDIA_TYPE, districts
    )
    assert [row_number for row_number, _ in rejected] == [3]
    assert reason_part in rejected[0][1]
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
