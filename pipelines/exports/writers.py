"""CSV and XLSX writers for the export tables, as German Excel users expect them.

CSV: ``;`` separated, decimal comma, UTF-8 with BOM (Excel then detects the encoding).
XLSX: typed cells with locale-free number formats (Excel shows them with the reader's locale),
frozen header, autofilter, an "Info" sheet (filters, snapshot, time) and a "Datenwörterbuch".
Both neutralise text cells that a spreadsheet would run as a formula; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import polars as pl
import xlsxwriter

from pipelines.exports.berlin import berlin_naive, format_berlin, now_berlin
from pipelines.exports.columns import ColumnKind, ColumnSpec, column_spec
from pipelines.german import german_date, german_datetime, german_number

ExportFormat = Literal["csv", "xlsx"]
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
KIND_NAMES_DE: dict[str, str] = {
    "key": "Schlüssel (Text)",
    "text": "Text",
    "int": "Ganzzahl",
    "float": "Zahl",
    "eur": "Betrag in Euro",
    "pct": "Prozent",
    "share": "Anteil in Prozent",
    "date": "Datum",
    "datetime": "Zeitpunkt",
    "bool": "Ja/Nein",
}
XLSX_NUMBER_FORMATS: dict[str, str] = {
    # Excel format codes are locale-free: ',' groups and '.' marks decimals, and a German Excel
    # shows them as 1.230.450,00 €.
    "eur": '#,##0.00 "€"',
    "int": "0",
    "float": "#,##0.00",
    "pct": '0.0 "%"',
    "share": "0.0 %",
    "date": "dd.mm.yyyy",
    "datetime": "dd.mm.yyyy hh:mm",
}


@dataclass(frozen=True)
class ExportContext:
    """What a download says about itself: which table, filters, and which published data."""

    table_name: str
    title_de: str
    snapshot_id: str
    published_at: datetime | str | None
    filters_de: dict[str, str] = field(default_factory=dict)
    is_sample: bool = False
    metric: str | None = None
    description_de: str = ""


def neutralise_formula(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would evaluate (=, +, -, @, tab, CR at the start)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def column_specs(frame: pl.DataFrame, metric: str | None = None) -> list[ColumnSpec]:
    """Dictionary entries for every column of ``frame`` (KeyError if one is undocumented)."""
    return [column_spec(name, metric) for name in frame.columns]


def _german_decimal(value: float, decimals: int) -> str:
    """1230450.5 -> '1230450,50' (CSV cells: no thousands dots, so they read back as numbers)."""
    return german_number(value, decimals, grouped=False, plain_zero=True)


def _german_grouped(value: float, decimals: int) -> str:
    """1230450.5 -> '1.230.450,50' (what Excel shows for the '#,##0.00' format in German)."""
    return german_number(value, decimals, plain_zero=True)


def _as_number(value: Any, kind: ColumnKind = "float") -> float | None:
    """A numeric value (whole numbers stored as text, such as positions, included); None for
    anything else, which is then written as text ("1.3" is a label, not the number 1,3)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    pattern = r"-?\d+" if kind == "int" else r"-?\d+(\.\d+)?"
    return float(text) if re.fullmatch(pattern, text) else None


def csv_cell(value: Any, kind: ColumnKind) -> str:
    """One value as CSV text: decimal comma, German dates, ja/nein, formulas neutralised."""
    if value is None:
        return ""
    if kind in ("key", "text"):
        return neutralise_formula(str(value))
    if kind == "bool":
        return "Ja" if value else "Nein"
    if kind == "int":
        number = _as_number(value, kind)
        return str(int(number)) if number is not None else neutralise_formula(str(value))
    if kind == "eur":
        return _german_decimal(float(value), 2)
    if kind == "share":
        return _german_decimal(float(value) * 100, 2)
    if kind in ("pct", "float"):
        return _german_decimal(float(value), 2)
    if kind == "datetime" and isinstance(value, datetime):
        return german_datetime(berlin_naive(value))
    if kind in ("date", "datetime") and isinstance(value, date):
        return german_date(value)
    return neutralise_formula(str(value))


def to_csv_bytes(frame: pl.DataFrame, metric: str | None = None) -> bytes:
    """The table as Excel-friendly German CSV bytes (``;``, decimal comma, UTF-8 with BOM)."""
    specs = column_specs(frame, metric)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise_formula(spec.header_de) for spec in specs])
    for row in frame.iter_rows():
        writer.writerow(
            [csv_cell(value, spec.kind) for value, spec in zip(row, specs, strict=True)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# Excel's sheet holds 1,048,576 rows; one is the header.
XLSX_DATA_ROWS = 1_048_575


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:31] or "Daten"


def display_text(value: Any, kind: ColumnKind) -> str:
    """The text Excel shows for a cell under its number format (German locale), so column
    widths fit what is displayed ("3.864.050,00 €"), not the raw number ("3864050")."""
    if value is None:
        return ""
    number = _as_number(value, kind) if kind in ("eur", "int", "float", "pct", "share") else None
    if kind == "eur" and number is not None:
        return f"{_german_grouped(number, 2)} €"
    if kind == "int" and number is not None:
        return str(int(number))
    if kind == "float" and number is not None:
        return _german_grouped(number, 2)
    if kind == "pct" and number is not None:
        return f"{_german_decimal(number, 1)} %"
    if kind == "share" and number is not None:
        return f"{_german_decimal(number * 100, 1)} %"
    if kind == "bool":
        return "Nein"  # the longer of Ja/Nein
    if kind == "date":
        return "00.00.0000"
    if kind == "datetime":
        return "00.00.0000 00:00"
    return str(value)


def _display_width(value: Any, kind: ColumnKind) -> int:
    """Characters a cell needs, plus 2 for padding (Excel shows '#####' when it is too narrow)."""
    return len(display_text(value, kind)) + 2 if value is not None else 0


def data_sheet_names(title: str, n_rows: int, rows_per_sheet: int = XLSX_DATA_ROWS) -> list[str]:
    """One name per data sheet: the table's title, then "<title> (2)", "(3)"... for the rows
    beyond Excel's limit (1,048,576 rows a sheet, one of them the header)."""
    sheets = max(1, -(-n_rows // rows_per_sheet))
    base = _sheet_name(title)
    return [base] + [f"{base[: 31 - len(f' ({n})')]} ({n})" for n in range(2, sheets + 1)]


def _write_data_sheets(
    workbook: xlsxwriter.Workbook,
    frame: pl.DataFrame,
    specs: list[ColumnSpec],
    names: list[str],
    rows_per_sheet: int,
) -> None:
    """The rows over as many sheets as ``names``: an export never drops a row."""
    for index, name in enumerate(names):
        part = frame.slice(index * rows_per_sheet, rows_per_sheet)
        _write_data_sheet(workbook, part, specs, name)


def _write_data_sheet(
    workbook: xlsxwriter.Workbook, frame: pl.DataFrame, specs: list[ColumnSpec], name: str
) -> None:
    sheet = workbook.add_worksheet(name)
    header_format = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4"}
    )
    formats = {
        kind: workbook.add_format({"num_format": code})
        for kind, code in XLSX_NUMBER_FORMATS.items()
    }
    text_format = workbook.add_format({"num_format": "@"})
    widths = [max(10, min(45, len(spec.header_de) + 2)) for spec in specs]
    for column_index, spec in enumerate(specs):
        sheet.write_string(0, column_index, spec.header_de, header_format)
    for row_index, row in enumerate(frame.iter_rows(), start=1):
        for column_index, (value, spec) in enumerate(zip(row, specs, strict=True)):
            _write_cell(sheet, row_index, column_index, value, spec.kind, formats, text_format)
            widths[column_index] = max(
                widths[column_index], min(60, _display_width(value, spec.kind))
            )
    for column_index, width in enumerate(widths):
        sheet.set_column(column_index, column_index, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(frame.height, 1), max(len(specs) - 1, 0))


def _write_cell(
    sheet: Any,
    row: int,
    column: int,
    value: Any,
    kind: ColumnKind,
    formats: dict[str, Any],
    text_format: Any,
) -> None:
    """Typed cell: keys and text as strings (never numbers), money and dates with formats."""
    if value is None:
        sheet.write_blank(row, column, None)
    elif kind in ("key", "text"):
        sheet.write_string(row, column, neutralise_formula(str(value)), text_format)
    elif kind == "bool":
        sheet.write_string(row, column, "Ja" if value else "Nein")
    elif kind == "datetime" and isinstance(value, datetime):
        sheet.write_datetime(row, column, berlin_naive(value), formats[kind])
    elif kind in ("date", "datetime") and isinstance(value, date):
        sheet.write_datetime(row, column, value, formats[kind])
    elif kind in XLSX_NUMBER_FORMATS and _as_number(value, kind) is not None:
        sheet.write_number(row, column, _as_number(value, kind), formats[kind])
    else:
        sheet.write_string(row, column, neutralise_formula(str(value)))


def _write_info_sheet(
    workbook: xlsxwriter.Workbook, context: ExportContext, n_rows: int, sheet_names: list[str]
) -> None:
    sheet = workbook.add_worksheet("Info")
    bold = workbook.add_format({"bold": True})
    published = context.published_at
    if isinstance(published, str) and published:
        published = datetime.fromisoformat(published)
    if isinstance(published, datetime):
        published = format_berlin(published)
    rows: list[tuple[str, str]] = [
        ("Tabelle", context.title_de),
        ("Beschreibung", context.description_de),
        ("Zeilen", str(n_rows)),
        (
            "Tabellenblätter",
            ", ".join(sheet_names)
            + (
                f" (mehr Zeilen, als ein Excel-Blatt fasst: fortgesetzt auf {len(sheet_names)} "
                "Blättern, keine Zeile fehlt)"
                if len(sheet_names) > 1
                else ""
            ),
        ),
        ("Datenstand (Snapshot)", context.snapshot_id),
        ("Veröffentlicht am", str(published or "")),
        ("Exportiert am", format_berlin(now_berlin())),
        ("Zeitangaben", "Ortszeit Europe/Berlin (MEZ/MESZ)"),
        (
            "Beispieldaten",
            "Ja (synthetische Daten, keine amtlichen Zahlen)" if context.is_sample else "Nein",
        ),
        ("Quelle", "AQB Monitor, veröffentlichter Datenstand"),
    ]
    rows += [(f"Filter: {label}", value) for label, value in context.filters_de.items()]
    for row_index, (label, value) in enumerate(rows):
        sheet.write_string(row_index, 0, label, bold)
        sheet.write_string(row_index, 1, neutralise_formula(value))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 80)


def _write_dictionary_sheet(workbook: xlsxwriter.Workbook, specs: list[ColumnSpec]) -> None:
    sheet = workbook.add_worksheet("Datenwörterbuch")
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4"})
    for column_index, header in enumerate(("Spalte", "Technischer Name", "Typ", "Bedeutung")):
        sheet.write_string(0, column_index, header, bold)
    for row_index, spec in enumerate(specs, start=1):
        sheet.write_string(row_index, 0, spec.header_de)
        sheet.write_string(row_index, 1, spec.name)
        sheet.write_string(row_index, 2, KIND_NAMES_DE[spec.kind])
        sheet.write_string(row_index, 3, spec.description_de)
    for column_index, width in enumerate((32, 30, 18, 90)):
        sheet.set_column(column_index, column_index, width)
    sheet.freeze_panes(1, 0)


def to_xlsx_bytes(
    frame: pl.DataFrame, context: ExportContext, rows_per_sheet: int = XLSX_DATA_ROWS
) -> bytes:
    """The table as an XLSX workbook: data sheet(s), "Info" and "Datenwörterbuch". Over
    Excel's row limit the rows continue on further sheets and "Info" says so."""
    specs = column_specs(frame, context.metric)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    names = data_sheet_names(context.title_de, frame.height, rows_per_sheet)
    _write_data_sheets(workbook, frame, specs, names, rows_per_sheet)
    _write_info_sheet(workbook, context, frame.height, names)
    _write_dictionary_sheet(workbook, specs)
    workbook.close()
    return buffer.getvalue()


def export_bytes(frame: pl.DataFrame, context: ExportContext, export_format: ExportFormat) -> bytes:
    """The table in ``export_format``; the single entry the dashboard and the CLI use."""
    if export_format == "csv":
        return to_csv_bytes(frame, context.metric)
    if export_format == "xlsx":
        return to_xlsx_bytes(frame, context)
    raise ValueError(f"unknown export format {export_format!r} (csv or xlsx)")


MIME_TYPES: dict[str, str] = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
