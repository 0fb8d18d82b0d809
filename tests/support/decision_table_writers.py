"""Writers of the funding system's tabular export (docs/formats.md §3), for tests only.

The canonical producers of the format, so "CSV/XLSX written here parse back to the same records"
(``pipelines.parse.decision_table``) is a tested property rather than a hope. Production never
writes this format: it only reads it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter

from pipelines.decisions.vocabulary import (
    TITLE_BY_DECISION_TYPE,
    format_german_amount,
    format_german_date,
)
from pipelines.parse.decision_table import COLUMNS
from pipelines.parse.records import DecisionRecord

# Fixed workbook timestamp: the same records must give the same bytes.
_XLSX_CREATED = datetime(2000, 1, 1)


def _table_rows(records: Sequence[DecisionRecord]) -> Iterator[list[object]]:
    """Typed cells per row (Decimal amounts, date, int year/measure), one row per line; a
    decision without lines gets one row with empty line columns so it is not lost."""
    for record in records:
        head: list[object] = [
            record.decision_id,
            TITLE_BY_DECISION_TYPE[record.decision_type],
            record.decision_date,
            record.refers_to,
            record.district_ags,
            record.district_name,
            record.year,
        ]
        if not record.lines:
            yield head + [None] * 6
        for line in record.lines:
            yield head + [
                line.measure_type,
                line.project,
                line.provider,
                line.amount_eur,
                line.used_eur,
                line.reclaimed_eur,
            ]


def write_decision_table_csv(records: Sequence[DecisionRecord]) -> bytes:
    """The export as CSV: ``;``, decimal comma, thousands ``.``, UTF-8 with BOM, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for cells in _table_rows(records):
        writer.writerow([_csv_text(cell) for cell in cells])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _csv_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format_german_amount(cell)
    if isinstance(cell, date):
        return format_german_date(cell)
    return str(cell)


def write_decision_table_xlsx(records: Sequence[DecisionRecord]) -> bytes:
    """The export as XLSX: first sheet, header in row 1, amounts as numbers, AGS as text,
    dates as date cells shown DD.MM.YYYY. Same records, same bytes."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"created": _XLSX_CREATED, "title": "BEISPIELDATEN Bescheidexport"})
    sheet = workbook.add_worksheet("Bescheide")
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    day = workbook.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, COLUMNS, bold)
    sheet.freeze_panes(1, 0)
    for row_index, cells in enumerate(_table_rows(records), 1):
        for column_index, cell in enumerate(cells):
            if cell is None:
                continue
            if isinstance(cell, Decimal):
                sheet.write_number(row_index, column_index, float(cell), money)
            elif isinstance(cell, date):
                sheet.write_datetime(
                    row_index, column_index, datetime.combine(cell, datetime.min.time()), day
                )
            elif isinstance(cell, int):
                sheet.write_number(row_index, column_index, cell)
            else:
                sheet.write_string(row_index, column_index, str(cell))
    workbook.close()
    return buffer.getvalue()
