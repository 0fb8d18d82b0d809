"""The funding system's tabular export of grant decisions (docs/formats.md §3): the parser.

One row per decision line; rows are grouped by file number (Aktenzeichen) into
``DecisionRecord``s. A bad row is rejected with its spreadsheet row number and a reason while
the good rows land; a file whose header lacks columns is quarantined as a whole. Its writers, the
format's canonical producers, are test helpers (``tests/support/decision_table_writers.py``).

Row numbers are spreadsheet rows: the header is row 1, blank rows count (as they would in Excel).
Python's ``csv`` module reads the CSV (not Polars) because only it reports blank records, which
keeps those row numbers exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import openpyxl

from pipelines.decisions.vocabulary import (
    CENT,
    DECISION_ID_PATTERN,
    decision_type_from_title,
    district_ags_for_name,
    format_german_date,
    parse_german_amount,
    parse_german_date,
)
from pipelines.parse.records import (
    DecisionLine,
    DecisionRecord,
    DecisionType,
    Provenance,
    QuarantineError,
)
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex

CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COLUMNS: tuple[str, ...] = (
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
)
OPTIONAL_COLUMNS = frozenset({"Bezug", "Träger", "Verwendet_EUR", "Rueckforderung_EUR"})

Cell = str | int | float | datetime | date | None


@dataclass(frozen=True)
class _Row:
    """One accepted row before grouping: decision-level fields plus its line (if any)."""

    row_number: int
    text: str
    decision_id: str
    decision_type: DecisionType
    decision_date: date
    refers_to: str | None
    district_ags: str
    year: int
    line: DecisionLine | None  # None: a decision without lines (e.g. a revocation)

    def decision_key(self) -> tuple[object, ...]:
        return (
            self.decision_type,
            self.decision_date,
            self.refers_to,
            self.district_ags,
            self.year,
        )


class _RowError(ValueError):
    """A row-level problem; its message becomes the rejected row's reason."""


# ---------------------------------------------------------------------------------- parsing


def parse_decision_table(
    data: bytes, media_type: str, districts: DistrictIndex
) -> tuple[list[DecisionRecord], list[tuple[int, str]]]:
    """Decisions in a CSV or XLSX export, plus the rejected rows as (row number, reason)."""
    rows = list(_read_rows(data, media_type))
    if not rows or not any(_cell_text(cell) for cell in rows[0][1]):
        raise QuarantineError(
            "The decision export is empty: no header row was found.",
            code=Reason.BAD_DECISION_EXPORT,
        )
    header_number, header = rows[0]
    column_index = _column_index(header)
    district_names = _DistrictNames(districts)
    accepted: list[_Row] = []
    rejected: list[tuple[int, str]] = []
    data_rows = 0
    for row_number, cells in rows[1:]:
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        data_rows += 1
        row = _RowCells(row_number, cells, texts, column_index)
        try:
            accepted.append(_parse_row(row, district_names))
        except _RowError as error:
            rejected.append((row_number, str(error)))
    if data_rows == 0:
        raise QuarantineError(
            f"The decision export has a header (row {header_number}) but no rows.",
            code=Reason.BAD_DECISION_EXPORT,
        )
    records, conflicts = _group(accepted, districts)
    return records, sorted(rejected + conflicts)


class _RowCells:
    """One data row by column name: raw cells (typed, for amounts and dates) and their texts.

    Each cell's text is computed once per row; the checks read a column's text several times
    and the row's full text twice (row and line provenance).
    """

    def __init__(
        self, row_number: int, cells: list[Cell], texts: list[str], column_index: dict[str, int]
    ) -> None:
        self.row_number = row_number
        self.full_text = ";".join(texts)
        self._cells = cells
        self._texts = texts
        self._column_index = column_index

    def cell(self, column: str) -> Cell:
        """The raw cell of ``column``; None when the column is absent or the row is short."""
        index = self._column_index.get(column)
        return self._cells[index] if index is not None and index < len(self._cells) else None

    def text(self, column: str) -> str:
        """``_cell_text`` of the cell of ``column`` ("" when absent)."""
        index = self._column_index.get(column)
        return self._texts[index] if index is not None and index < len(self._texts) else ""


class _DistrictNames:
    """``district_ags_for_name`` remembered for one table: an export repeats a few district names
    on thousands of rows. Built per call, so nothing is shared between documents."""

    def __init__(self, districts: DistrictIndex) -> None:
        self.districts = districts
        self._ags_by_name: dict[str, str | None] = {}

    def ags_for(self, name: str) -> str | None:
        if name not in self._ags_by_name:
            self._ags_by_name[name] = district_ags_for_name(name, self.districts)
        return self._ags_by_name[name]


def _read_rows(data: bytes, media_type: str) -> Iterator[tuple[int, list[Cell]]]:
    """(spreadsheet row number, cells) of the first sheet or the CSV, blank rows included."""
    if data[:4] == b"PK\x03\x04" or media_type == XLSX_MEDIA_TYPE:
        yield from _read_xlsx_rows(data)
    elif media_type in (CSV_MEDIA_TYPE, "text/plain", "application/csv"):
        yield from _read_csv_rows(data)
    else:
        raise QuarantineError(
            f"The media type {media_type!r} is not a decision export (CSV or XLSX).",
            code=Reason.UNSUPPORTED_FILE_TYPE,
        )


def _decode(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252 (what Excel writes on German Windows),
    decided line by line: an export pieced together from both keeps every row readable, where
    decoding the whole file as Windows-1252 would garble its UTF-8 rows (and reject them for a
    misleading reason such as an unknown district). A UTF-16 file (Excel's "Unicode-Text") is
    known by its byte order mark."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252")


def _read_csv_rows(data: bytes) -> Iterator[tuple[int, list[Cell]]]:
    try:
        text = _decode(data)
    except UnicodeDecodeError as error:
        raise QuarantineError(
            "The CSV export is neither UTF-8 nor Windows-1252 text.", code=Reason.BAD_ENCODING
        ) from error
    try:
        for row_number, cells in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)), 1
        ):
            yield row_number, list(cells)
    except csv.Error as error:
        raise QuarantineError(
            f"The CSV export is malformed: {error}.", code=Reason.BAD_DECISION_EXPORT
        ) from error


def _delimiter(text: str) -> str:
    """ ";" as the export is specified, or a tab when the header row has tabs and no ";" (Excel's
    "Unicode-Text" and "Text (Tabstopp-getrennt)" formats), so a re-saved export is read rather
    than rejected for lacking every column."""
    header = text.split("\n", 1)[0]
    return "\t" if "\t" in header and ";" not in header else ";"


def _read_xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Cell]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a corrupt or truncated zip
        raise QuarantineError(
            "The XLSX export cannot be opened: the file is damaged or not an Excel workbook (.xlsx).",
            code=Reason.BAD_DECISION_EXPORT,
        ) from error
    try:
        sheet = workbook.worksheets[0]
        for row_number, cells in enumerate(sheet.iter_rows(values_only=True), 1):
            yield row_number, list(cells)
    finally:
        workbook.close()


def _normalise_header(name: str) -> str:
    """Header spelling without case, umlauts, BOM or spaces, so "Massnahmenart" is accepted."""
    folded = name.replace("\ufeff", "").strip().casefold()
    for umlaut, ascii_form in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(umlaut, ascii_form)
    return folded.replace(" ", "_")


def _column_index(header: list[Cell]) -> dict[str, int]:
    """Canonical column name -> position; QuarantineError naming required columns missing."""
    wanted = {_normalise_header(name): name for name in COLUMNS}
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        canonical = wanted.get(_normalise_header(_cell_text(cell)))
        if canonical is not None and canonical not in index:
            index[canonical] = position
    missing = [name for name in COLUMNS if name not in index and name not in OPTIONAL_COLUMNS]
    if missing:
        raise QuarantineError(
            f"The decision export's header lacks the column(s) {', '.join(missing)}.",
            code=Reason.BAD_DECISION_EXPORT,
        )
    return index


def _cell_text(cell: Cell) -> str:
    """A cell as text: numbers without a spurious ".0", dates as DD.MM.YYYY."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return format_german_date(cell.date())
    if isinstance(cell, date):
        return format_german_date(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _cell_amount(cell: Cell, column: str) -> Decimal:
    if isinstance(cell, bool):
        raise _RowError(f"{column} is not an amount.")
    if isinstance(cell, int | float):
        if cell < 0:
            raise _RowError(f"{column} {cell} is negative.")
        return Decimal(repr(cell)).quantize(CENT)
    try:
        return parse_german_amount(_cell_text(cell))
    except ValueError as error:
        raise _RowError(f"{column} {_cell_text(cell)!r} is not a number.") from error


def _optional_amount(row: _RowCells, column: str) -> Decimal | None:
    return None if row.text(column) == "" else _cell_amount(row.cell(column), column)


def _cell_date(cell: Cell, text: str, column: str) -> date:
    """A date cell as it is, a text cell (``text``) read as a German date."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if text == "":
        raise _RowError(f"{column} is missing.")
    try:
        return parse_german_date(text)
    except ValueError as error:
        raise _RowError(f"{column} {text!r} is not a date DD.MM.YYYY.") from error


def _ags_text(text: str) -> str:
    """The 5-digit key; a key that lost its leading zero (a number cell, "6431") is restored."""
    if text.isdigit() and len(text) == 4:
        text = text.zfill(5)
    return text


def _parse_row(row: _RowCells, district_names: _DistrictNames) -> _Row:
    """Validate one row; raises _RowError with a sentence naming the first problem."""
    decision_id = row.text("Aktenzeichen")
    if not decision_id:
        raise _RowError("Aktenzeichen is missing.")
    title = row.text("Bescheidart")
    decision_type = decision_type_from_title(title)
    if decision_type is None:
        raise _RowError(f"Bescheidart {title!r} is not a known decision type.")
    decision_date = _cell_date(
        row.cell("Bescheiddatum"), row.text("Bescheiddatum"), "Bescheiddatum"
    )
    district_ags = _district(row, district_names)
    year_text = row.text("Haushaltsjahr")
    if not (year_text.isdigit() and len(year_text) == 4):
        raise _RowError(f"Haushaltsjahr {year_text!r} is not a year.")
    _check_file_number(decision_id, int(year_text), district_ags)
    refers_to = row.text("Bezug") or None
    return _Row(
        row_number=row.row_number,
        text=row.full_text,
        decision_id=decision_id,
        decision_type=decision_type,
        decision_date=decision_date,
        refers_to=refers_to,
        district_ags=district_ags,
        year=int(year_text),
        line=_line(row, decision_type),
    )


def _district(row: _RowCells, district_names: _DistrictNames) -> str:
    """AGS of the row, which must be known and agree with the district name given next to it."""
    district_ags = _ags_text(row.text("AGS"))
    if district_ags not in district_names.districts.by_ags:
        raise _RowError(f"AGS {district_ags!r} is not a known district.")
    name = row.text("Gebietskörperschaft")
    if name:
        named_ags = district_names.ags_for(name)
        if named_ags != district_ags:
            raise _RowError(
                f"AGS {district_ags} and Gebietskörperschaft {name!r} name different districts."
            )
    return district_ags


def _check_file_number(decision_id: str, year: int, district_ags: str) -> None:
    match = DECISION_ID_PATTERN.match(decision_id)
    if match and (int(match.group("year")) != year or match.group("ags") != district_ags):
        raise _RowError(
            f"Aktenzeichen {decision_id} contradicts AGS {district_ags} / Haushaltsjahr {year}."
        )


def _line(row: _RowCells, decision_type: DecisionType) -> DecisionLine | None:
    """The decision line of a row; None for a decision-only row (no measure, project, amount)."""
    measure_text = row.text("Maßnahmenart")
    project = " ".join(row.text("Projekt").split())
    amount_text = row.text("Betrag_EUR")
    if not measure_text and not project and amount_text == "":
        return None
    if measure_text not in {"1", "2", "3", "4"}:
        raise _RowError(f"Maßnahmenart {measure_text!r} is not 1 to 4.")
    if not project:
        raise _RowError("Projekt is missing.")
    if amount_text == "":
        raise _RowError("Betrag_EUR is missing.")
    used = _optional_amount(row, "Verwendet_EUR")
    reclaimed = _optional_amount(row, "Rueckforderung_EUR")
    if decision_type == "final":
        if used is None:
            raise _RowError("Verwendet_EUR is missing on a final decision (Schlussbescheid).")
        reclaimed = reclaimed if reclaimed is not None else Decimal("0.00")
    provider = " ".join(row.text("Träger").split()) or None
    return DecisionLine(
        project=project,
        measure_type=int(measure_text),
        provider=provider,
        amount_eur=_cell_amount(row.cell("Betrag_EUR"), "Betrag_EUR"),
        provenance=Provenance(page=1, line=row.row_number, text=row.full_text),
        used_eur=used,
        reclaimed_eur=reclaimed,
    )


def _group(
    rows: list[_Row], districts: DistrictIndex
) -> tuple[list[DecisionRecord], list[tuple[int, str]]]:
    """Rows -> one record per file number, in order of first appearance; a row whose decision
    fields contradict the decision's first row is rejected rather than silently merged."""
    by_id: dict[str, list[_Row]] = {}
    conflicts: list[tuple[int, str]] = []
    for row in rows:
        group = by_id.setdefault(row.decision_id, [])
        if group and row.decision_key() != group[0].decision_key():
            conflicts.append(
                (
                    row.row_number,
                    f"The row contradicts row {group[0].row_number} of decision "
                    f"{row.decision_id} in type, date, reference, district or year.",
                )
            )
            continue
        group.append(row)
    return [_record(group, districts) for group in by_id.values()], conflicts


def _sum_or_none(amounts: Iterable[Decimal | None]) -> Decimal | None:
    present = [amount for amount in amounts if amount is not None]
    return sum(present, Decimal("0.00")) if present else None


def _record(group: list[_Row], districts: DistrictIndex) -> DecisionRecord:
    first = group[0]
    lines = tuple(row.line for row in group if row.line is not None)
    where = Provenance(page=1, line=first.row_number, text=first.text)
    return DecisionRecord(
        decision_id=first.decision_id,
        decision_type=first.decision_type,
        decision_date=first.decision_date,
        district_ags=first.district_ags,
        district_name=districts.by_ags[first.district_ags].official_name,
        year=first.year,
        lines=lines,
        total_eur=sum((line.amount_eur for line in lines), Decimal("0.00")),
        refers_to=first.refers_to,
        used_total_eur=_sum_or_none(line.used_eur for line in lines),
        reclaimed_total_eur=_sum_or_none(line.reclaimed_eur for line in lines),
        provenance={
            key: where
            for key in (
                "decision_id",
                "decision_type",
                "decision_date",
                "refers_to",
                "district",
                "year",
                "total_eur",
            )
        },
    )
