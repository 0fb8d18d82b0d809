"""The funding system's tabular export (docs/formats.md §3) as CSV and XLSX bytes.

Each year's export repeats, with identical content, the decisions that were also sent as letters
(the decision_id is the key that tells the loader it is the same event). XLSX bytes are made
reproducible by a fixed creation date (xlsxwriter also fixes the zip entries' timestamps).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

import xlsxwriter

from pipelines.corpus.formatting import format_amount_number
from pipelines.corpus.plan import TITLE_BY_TYPE, DecisionPlan

COLUMNS = (
    "Aktenzeichen",
    "Bescheidart",
    "Bescheiddatum",
    "Bezug",
    "AGS",
    "Gebietskörperschaft",
    "Haushaltsjahr",
    "Maßnahmenart",
    "Projekt",
    "Träger",
    "Betrag_EUR",
    "Verwendet_EUR",
    "Rueckforderung_EUR",
    "Hinweis",
)
SAMPLE_NOTE = "BEISPIELDATEN – synthetische Daten"


def _rows(decisions: list[DecisionPlan]) -> list[tuple[object, ...]]:
    """One row per decision line, amounts as Decimal (formatted by the writer)."""
    rows: list[tuple[object, ...]] = []
    for decision in decisions:
        for line in decision.lines:
            rows.append(
                (
                    decision.decision_id,
                    TITLE_BY_TYPE[decision.decision_type],
                    decision.decision_date.strftime("%d.%m.%Y"),
                    decision.refers_to or "",
                    decision.district.district_ags,
                    decision.district.official_name,
                    decision.year,
                    line.measure_type,
                    line.project,
                    line.provider,
                    line.amount_eur,
                    line.used_eur,
                    line.reclaimed_eur,
                    SAMPLE_NOTE,
                )
            )
    return rows


def csv_bytes(decisions: list[DecisionPlan], bom: bool, thousands: bool, newline: str) -> bytes:
    """``;``-separated, decimal comma, UTF-8 (optionally with BOM), header in row 1."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator=newline)
    writer.writerow(COLUMNS)
    for row in _rows(decisions):
        writer.writerow(
            tuple(
                format_amount_number(value, cents=True, thousands=thousands)
                if isinstance(value, Decimal)
                else ""
                if value is None
                else value
                for value in row
            )
        )
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(decisions: list[DecisionPlan], year: int) -> bytes:
    """First sheet: the same header and rows, amounts as numbers, keys as text."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties(
        {
            "title": f"Förderdaten AQB {year} (BEISPIELDATEN)",
            "comments": SAMPLE_NOTE,
            "created": datetime(year, 12, 31, 12, 0, 0),
        }
    )
    sheet = workbook.add_worksheet("Bescheide")
    money = workbook.add_format({"num_format": "#,##0.00"})
    sheet.write_row(0, 0, COLUMNS)
    for row_index, row in enumerate(_rows(decisions), start=1):
        for column, value in enumerate(row):
            if isinstance(value, Decimal):
                sheet.write_number(row_index, column, float(value), money)
            elif isinstance(value, int):
                sheet.write_number(row_index, column, value)
            elif value is None or value == "":
                continue
            else:
                sheet.write_string(row_index, column, str(value))
    note = workbook.add_worksheet("Hinweis")
    note.write_string(0, 0, SAMPLE_NOTE)
    workbook.close()
    return buffer.getvalue()
