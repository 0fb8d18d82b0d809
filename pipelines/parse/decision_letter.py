"""Parser for grant decision letters of Regierungspräsidium Kassel (docs/formats.md §2).

Pure: an ``ExtractedDocument`` (text of a PDF or text file) in, one ``DecisionRecord`` out, or a
``QuarantineError`` whose reason says in one sentence what is wrong. Every field keeps the
page and line it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from pipelines.decisions.vocabulary import (
    DECISION_ID_PATTERN,
    decision_type_from_title,
    find_district_in_text,
    parse_german_amount,
    parse_german_date,
)
from pipelines.parse.records import (
    DecisionLine,
    DecisionRecord,
    DecisionType,
    ExtractedDocument,
    Provenance,
    QuarantineError,
    SourceLine,
)
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex

_ADDRESSEE = re.compile(r"^An\s+(den/die|den|die|das)\b\s*(?P<name>.+)$")
_PLACE_DATE = re.compile(r"^Kassel,\s*(den\s+)?(?P<date>.+)$")
_DECISION_ID = re.compile(r"^Aktenzeichen\s*:\s*(?P<id>\S+)")
_YEAR = re.compile(r"^über eine Zuwendung\b.*?(?P<year>(19|20)\d{2})\s*$", re.IGNORECASE)
_REFERENCE = re.compile(r"^Bezug\s*:.*?Aktenzeichen\s*:?\s*(?P<id>[A-Z0-9-]+)")
_TABLE_START = re.compile(r"^Bewilligte Projekte\s*:?\s*$")
# the table's header row (where OCR repairs start counting a scanned table's rows, ocr_noise)
TABLE_HEADER = re.compile(r"^Nr\.?\s*;")
_ROW_START = re.compile(r"^\d+\s*;")
# a row that begins with its number and its measure type, as every row of a text layer does
MARKED_ROW = re.compile(r"^\s*\d+\s*;\s*[1-4]\s*;")
# a row ends with its (last) amount: a scanned table's line after such a row starts a row of
# its own (rows are never wrapped, docs/formats.md §2)
_ROW_END = re.compile(r",\d{2}\s*(?:EUR|€)$")
# what OCR may leave of a row's lost number and measure type before the project's name ("5%",
# "545", "7A", "SF", "vs", "Bw2r", "710,9,", "are"): one word of six signs at most without three
# letters in a row, or of three lower-case letters (a project's name begins with a capital)
_MARKS_WORD = re.compile(r"^(?P<word>\S{1,6})\s+(?=\S)")
_LETTER_RUN = re.compile(r"[^\W\d_]{3}")
_LOWER_WORD = re.compile(r"[a-zäöüß]{1,3}")
_TOTAL = re.compile(r"^Gesamtbetrag der Zuwendung\s*:\s*(?P<amount>.+)$")
_USED_TOTAL = re.compile(r"^Verwendete Mittel insgesamt\s*:\s*(?P<amount>.+)$")
_RECLAIMED_TOTAL = re.compile(r"^Rückforderung\s*:\s*(?P<amount>.+)$")
# Page furniture that may survive extraction inside the project table; never part of a row.
_FURNITURE = re.compile(
    r"^(Seite\s+\d+\s+von\s+\d+|Regierungspräsidium Kassel|BEISPIELDATEN\b.*|\(Fortsetzung\))$"
)
_ISSUER = "Regierungspräsidium Kassel"
# Where a new labelled line or project row starts. Text extraction rejoins lines it believes
# wrapped (a line as long as the longest one "continues" on the next); a letter's rows and labels
# are never wrapped into each other, so a logical line is split again before each of these.
_LINE_START = re.compile(
    r"\s+(?=(?:\d+\s*;\s*\d+\s*;"
    r"|Nr\.\s*;|Bewilligte Projekte\s*:|Gesamtbetrag der Zuwendung\s*:"
    r"|Verwendete Mittel insgesamt\s*:|Rückforderung\s*:|Bezug\s*:|Aktenzeichen\s*:"
    r"|Kassel,\s*(?:den\s+)?\d|über eine Zuwendung\b|Sehr geehrte|An (?:den|die|das)\s+[A-ZÄÖÜ]))"
)


@dataclass
class _Found:
    """Fields as they are found while walking the letter's lines, with their source lines."""

    values: dict[str, str] = field(default_factory=dict)
    places: dict[str, SourceLine] = field(default_factory=dict)
    table_header: SourceLine | None = None
    rows: list[list[SourceLine]] = field(default_factory=list)  # physical lines of each row

    def keep(self, key: str, value: str, line: SourceLine) -> None:
        """Keep the first occurrence: labels repeat on later pages only as furniture."""
        if key not in self.values:
            self.values[key] = value
            self.places[key] = line


def looks_like_decision_letter(doc: ExtractedDocument) -> bool:
    """True when the text names RP Kassel and a decision title: used by dispatch to route."""
    has_issuer = any(_ISSUER in line.text for line in doc.lines[:15])
    has_title = any(
        line.text.split() and decision_type_from_title(line.text.split()[0])
        for line in doc.lines[:40]
    )
    return has_issuer and has_title


def parse_decision_letter(doc: ExtractedDocument, districts: DistrictIndex) -> DecisionRecord:
    """Read one decision letter into a ``DecisionRecord``; QuarantineError for bad input."""
    if not doc.lines:
        raise QuarantineError(
            "The document has no text, so it cannot be a grant decision letter.",
            code=Reason.EMPTY_DOCUMENT,
        )
    found = _walk_lines(doc.lines, doc.ocr_pages)
    decision_type = _decision_type(found)
    district_ags, district_name = _district(found, districts)
    decision_id = _required(found, "decision_id", "file number (Aktenzeichen: RPKS-57-AQB-...)")
    decision_date = _date(found)
    year = _year(found)
    _check_file_number(decision_id, year, district_ags)
    lines = _decision_lines(found, decision_type, doc.ocr_pages)
    total_eur = _total(found, decision_type, lines)
    used_total_eur, reclaimed_total_eur = _final_totals(found, decision_type, lines)
    refers_to = found.values.get("refers_to")
    return DecisionRecord(
        decision_id=decision_id,
        decision_type=decision_type,
        decision_date=decision_date,
        district_ags=district_ags,
        district_name=district_name,
        year=year,
        lines=lines,
        total_eur=total_eur,
        refers_to=refers_to if refers_to != decision_id else None,
        used_total_eur=used_total_eur,
        reclaimed_total_eur=reclaimed_total_eur,
        provenance={key: _provenance(line) for key, line in found.places.items()},
    )


def _walk_lines(lines: tuple[SourceLine, ...], ocr_pages: tuple[int, ...] = ()) -> _Found:
    """One pass over the letter: labelled fields, and the project rows between table and total.
    On a page read by OCR (``ocr_pages``) a line ending with an amount after a row that ended
    with its amount starts a row of its own, its number lost or misread ("5% Kompetenzagentur
    …"): rows never wrap."""
    found = _Found()
    in_table = False
    for line in _split_merged(lines):
        text = line.text.strip()
        if not text:
            continue
        if in_table:
            if _TOTAL.match(text) or _USED_TOTAL.match(text) or _RECLAIMED_TOTAL.match(text):
                in_table = False
            elif TABLE_HEADER.match(text) or _FURNITURE.match(text):
                if found.table_header is None and TABLE_HEADER.match(text):
                    found.table_header = line
                continue
            else:
                for part in _row_parts(line, ocr_pages):
                    _add_to_rows(found, part, ocr_pages)
                continue
        _read_label(found, line, text)
        if _TABLE_START.match(text):
            in_table = True
    return found


def _add_to_rows(found: _Found, line: SourceLine, ocr_pages: tuple[int, ...]) -> None:
    """A table line as a row of its own, or as the wrapped continuation of the previous row."""
    text = line.text.strip()
    if _ROW_START.match(text) or not found.rows or _follows_scanned_row(found, line, ocr_pages):
        found.rows.append([line])
    else:
        found.rows[-1].append(line)


def _follows_scanned_row(found: _Found, line: SourceLine, ocr_pages: tuple[int, ...]) -> bool:
    """``line`` of a page read by OCR ends with an amount and follows a row that ended with its
    amount: a row of its own (a stamp's residue before a row, "krahk", stays with the row)."""
    return (
        line.page in ocr_pages
        and bool(_ROW_END.search(line.text.strip()))
        and bool(_ROW_END.search(found.rows[-1][-1].text.strip()))
    )


# a blank after an amount that ends a row, more of the line following: where the layout step
# joined the next row to it, that row's number lost ("…; 134.500,00 EUR Kompetenzfeststellung")
_AFTER_ROW_END = re.compile(r"(?<=,\d\d EUR)\s+(?=[^\s;])|(?<=,\d\d €)\s+(?=[^\s;])")


def _row_parts(line: SourceLine, ocr_pages: tuple[int, ...]) -> list[SourceLine]:
    """A table line of a page read by OCR split after each amount that ends a row (rows never
    wrap, docs/formats.md §2), the parts keeping the line's place; any other line whole."""
    if line.page not in ocr_pages:
        return [line]
    parts = [part for part in _AFTER_ROW_END.split(line.text) if part.strip()]
    return [SourceLine(page=line.page, line=line.line, text=part) for part in parts]


def _split_merged(lines: tuple[SourceLine, ...]) -> list[SourceLine]:
    """Logical lines split again before every label or row start (see ``_LINE_START``); the
    parts keep the page and line of the logical line they came from."""
    result: list[SourceLine] = []
    for line in lines:
        parts = _LINE_START.split(line.text)
        if len(parts) == 1:
            result.append(line)
            continue
        result.extend(
            SourceLine(page=line.page, line=line.line, text=part) for part in parts if part.strip()
        )
    return result


def _read_label(found: _Found, line: SourceLine, text: str) -> None:
    """Recognise one labelled line outside the project table."""
    patterns = (
        ("addressee", _ADDRESSEE, "name"),
        ("decision_date", _PLACE_DATE, "date"),
        ("decision_id", _DECISION_ID, "id"),
        ("year", _YEAR, "year"),
        ("refers_to", _REFERENCE, "id"),
        ("total_eur", _TOTAL, "amount"),
        ("used_total_eur", _USED_TOTAL, "amount"),
        ("reclaimed_total_eur", _RECLAIMED_TOTAL, "amount"),
    )
    for key, pattern, group in patterns:
        match = pattern.match(text)
        if match:
            found.keep(key, match.group(group).strip(), line)
            return
    words = text.split()
    if len(words) <= 4 and decision_type_from_title(words[0]):
        found.keep("decision_type", words[0], line)


def _provenance(line: SourceLine) -> Provenance:
    return Provenance(page=line.page, line=line.line, text=line.text)


def _required(found: _Found, key: str, what: str) -> str:
    if key not in found.values:
        raise QuarantineError(
            f"The decision letter has no {what}.", code=Reason.INCOMPLETE_DECISION
        )
    return found.values[key]


def _decision_type(found: _Found) -> DecisionType:
    if "decision_type" not in found.values:
        raise QuarantineError(
            "Not a grant decision letter: no title Zuwendungsbescheid, Änderungsbescheid, "
            "Schlussbescheid or Widerrufsbescheid was found.",
            code=Reason.NOT_A_GRANT_DECISION,
        )
    decision_type = decision_type_from_title(found.values["decision_type"])
    assert decision_type is not None  # _read_label only keeps recognised titles
    return decision_type


def _district(found: _Found, districts: DistrictIndex) -> tuple[str, str]:
    """District from the "An den/die …" line, by the longest name form it contains."""
    addressee = _required(found, "addressee", 'addressee line ("An den/die <district>")')
    district_ags = find_district_in_text(addressee, districts)
    if district_ags is None:
        raise QuarantineError(
            f"The addressee {addressee!r} is not a known district.", code=Reason.UNKNOWN_DISTRICT
        )
    found.places["district"] = found.places.pop("addressee")
    return district_ags, districts.by_ags[district_ags].official_name


def _date(found: _Found) -> date:
    raw = _required(found, "decision_date", 'date line ("Kassel, DD.MM.YYYY")')
    try:
        return parse_german_date(raw)
    except ValueError as error:
        raise QuarantineError(
            f"The decision date cannot be read: {error}.", code=Reason.DECISION_DATE_UNREADABLE
        ) from error


def _year(found: _Found) -> int:
    raw = _required(found, "year", 'budget year ("über eine Zuwendung aus dem … <YEAR>")')
    return int(raw)


def _check_file_number(decision_id: str, year: int, district_ags: str) -> None:
    """The file number encodes year and district; a letter contradicting it is not trusted."""
    match = DECISION_ID_PATTERN.match(decision_id)
    if match is None:
        return
    if int(match.group("year")) != year:
        raise QuarantineError(
            f"The file number {decision_id} names budget year {match.group('year')} but the "
            f"letter is about {year}.",
            code=Reason.YEAR_CONTRADICTION,
        )
    if match.group("ags") != district_ags:
        raise QuarantineError(
            f"The file number {decision_id} names district {match.group('ags')} but the letter "
            f"is addressed to {district_ags}.",
            code=Reason.UNKNOWN_DISTRICT,
        )


def _decision_lines(
    found: _Found, decision_type: DecisionType, ocr_pages: tuple[int, ...] = ()
) -> tuple[DecisionLine, ...]:
    """The project rows; a final decision's rows also carry used and reclaimed amounts."""
    with_final_columns = found.table_header is not None and "Verwendet" in found.table_header.text
    read = [_decision_line(row, with_final_columns, ocr_pages) for row in found.rows]
    lines = _measure_types_by_order(read)
    if not lines and decision_type != "revocation":
        raise QuarantineError(
            "The decision letter lists no approved projects.", code=Reason.INCOMPLETE_DECISION
        )
    if decision_type == "final" and lines and not with_final_columns:
        raise QuarantineError(
            "The final decision's project table has no Verwendet/Rückforderung columns.",
            code=Reason.INCOMPLETE_DECISION,
        )
    return lines


# the measure type of a scanned row whose number and measure type OCR lost, until the rows
# around it tell it (``_measure_types_by_order``); kept where they allow several
UNTOLD_MEASURE_TYPE = 0


def _decision_line(
    row: list[SourceLine], with_final_columns: bool, ocr_pages: tuple[int, ...] = ()
) -> DecisionLine:
    """``Nr.; Maßnahmenart; Projekt; Träger; Betrag[; Verwendet; Rückforderung]``. A row of a
    page read by OCR whose number and measure type were lost is read without them: two fields
    short, not starting with them (``_without_lost_marks``), or one field short, its first
    cell all that is left of them ("ar 2", "3:8", "7,9": ``_marks_only``)."""
    first = row[0]
    text = " ".join(part.text.strip() for part in row)
    fields = [part.strip() for part in text.split(";")]
    expected = 7 if with_final_columns else 5
    where = f"page {first.page}, line {first.line}"
    scanned = first.page in ocr_pages and not MARKED_ROW.match(text)
    lost = scanned and (
        len(fields) == expected - 2 or (len(fields) == expected - 1 and _marks_only(fields[0]))
    )
    if lost and len(fields) == expected - 2:
        fields = ["", "", _without_lost_marks(fields[0]), *fields[1:]]
    elif lost:
        fields = ["", "", *fields[1:]]
    if len(fields) != expected:
        raise QuarantineError(
            f"The project row at {where} has {len(fields)} fields instead of {expected}.",
            code=Reason.BAD_PROJECT_ROW,
        )
    if not lost and fields[1] not in {"1", "2", "3", "4"}:
        raise QuarantineError(
            f"The project row at {where} has measure type {fields[1]!r}, not 1 to 4.",
            code=Reason.BAD_PROJECT_ROW,
        )
    if not fields[2]:
        raise QuarantineError(
            f"The project row at {where} has no project name.", code=Reason.BAD_PROJECT_ROW
        )
    try:
        amounts = [parse_german_amount(value) for value in fields[4:]]
    except ValueError as error:
        raise QuarantineError(
            f"The project row at {where} has a bad amount: {error}.", code=Reason.BAD_PROJECT_ROW
        ) from error
    return DecisionLine(
        project=" ".join(fields[2].split()),
        measure_type=UNTOLD_MEASURE_TYPE if lost else int(fields[1]),
        provider=" ".join(fields[3].split()) or None,
        amount_eur=amounts[0],
        provenance=Provenance(page=first.page, line=first.line, text=text),
        used_eur=amounts[1] if with_final_columns else None,
        reclaimed_eur=amounts[2] if with_final_columns else None,
    )


def _without_lost_marks(cell: str) -> str:
    """A scanned row's first cell without what OCR left of its number and measure type: a first
    word of six signs at most without three letters in a row ("5%", "7A", "SF", "Bw2r") or of
    three lower-case letters at most ("are"); a first word of a name stays ("50plus", "Fit")."""
    match = _MARKS_WORD.match(cell)
    if match is None:
        return cell
    if not _mark_word(match.group("word")):
        return cell
    return cell[match.end() :]


def _mark_word(word: str) -> bool:
    """A word OCR may have made of a row's number and measure type: no three letters in a row,
    or three lower-case letters at most."""
    return not _LETTER_RUN.search(word) or bool(_LOWER_WORD.fullmatch(word))


# the signs OCR leaves of a row's number and measure type at most ("5; 3;" read as "545")
_MARKS_SIGNS = 6


def _marks_only(cell: str) -> bool:
    """A scanned row's first cell that holds nothing but what OCR left of its number and
    measure type ("ar 2" for "1; 2", "3:8" for "3; 3", "7,9"): two words at most of
    ``_MARKS_SIGNS`` signs at most, each a ``_mark_word``; a name's first word is none."""
    words = cell.split()
    return (
        0 < len(words) <= 2
        and len("".join(words)) <= _MARKS_SIGNS
        and all(_mark_word(word) for word in words)
    )


def _measure_types_by_order(lines: list[DecisionLine]) -> tuple[DecisionLine, ...]:
    """The rows, each whose measure type OCR lost given the one its place in the table allows
    (``measure_types_allowed``): rows stand in the order of their measure types, so a row
    between two of one measure type is of it, a first row before one of type 1 is of type 1
    and a last row after one of type 4 of type 4. A row whose place allows several keeps
    ``UNTOLD_MEASURE_TYPE``: the district's documents may still tell which
    (pipelines.parse.confirm). What a row is taken to be is never published as read
    (pipelines.parse.scan_checks: the district's documents must hold the project under it).
    A row between rows out of order quarantines the letter."""
    result = list(lines)
    for index, line in enumerate(lines):
        if line.measure_type != UNTOLD_MEASURE_TYPE:
            continue
        allowed = measure_types_allowed(lines, index)
        if not allowed:
            where = f"page {line.provenance.page}, line {line.provenance.line}"
            raise QuarantineError(
                f"The project row at {where} has lost its number and measure type, and the "
                "rows around it stand out of the order of measure types.",
                code=Reason.BAD_PROJECT_ROW,
            )
        if len(allowed) == 1:
            result[index] = replace(line, measure_type=allowed[0])
    return tuple(result)


def measure_types_allowed(lines: Sequence[DecisionLine], index: int) -> tuple[int, ...]:
    """The measure types the place of row ``index`` allows: from the last row before it whose
    measure type is known (1 if none) to the first after it (4 if none); none where those
    two stand out of order."""
    known = [(place, line.measure_type) for place, line in enumerate(lines)]
    known = [(place, measure) for place, measure in known if measure != UNTOLD_MEASURE_TYPE]
    before = [measure for place, measure in known if place < index][-1:] or [1]
    after = [measure for place, measure in known if place > index][:1] or [4]
    return tuple(range(before[0], after[0] + 1))


def _amount_field(found: _Found, key: str, label: str) -> Decimal | None:
    if key not in found.values:
        return None
    try:
        return parse_german_amount(found.values[key])
    except ValueError as error:
        raise QuarantineError(
            f"The {label} cannot be read: {error}.", code=Reason.INCOMPLETE_DECISION
        ) from error


def _total(found: _Found, decision_type: DecisionType, lines: tuple[DecisionLine, ...]) -> Decimal:
    """The stated total, which must equal the sum of the rows (a revocation may state none)."""
    total = _amount_field(found, "total_eur", "total (Gesamtbetrag der Zuwendung)")
    line_sum = sum((line.amount_eur for line in lines), Decimal("0.00"))
    if total is None:
        if decision_type == "revocation":
            return line_sum
        raise QuarantineError(
            "The decision letter has no total (Gesamtbetrag der Zuwendung).",
            code=Reason.INCOMPLETE_DECISION,
        )
    if total != line_sum:
        raise QuarantineError(
            f"The total {total} EUR differs from the sum of the project rows, {line_sum} EUR.",
            code=Reason.INCONSISTENT_TOTALS,
        )
    return total


def _final_totals(
    found: _Found, decision_type: DecisionType, lines: tuple[DecisionLine, ...]
) -> tuple[Decimal | None, Decimal | None]:
    """Used and reclaimed totals of a final decision, checked against its rows."""
    used = _amount_field(found, "used_total_eur", "used total (Verwendete Mittel insgesamt)")
    reclaimed = _amount_field(found, "reclaimed_total_eur", "reclaim (Rückforderung)")
    if decision_type != "final":
        return used, reclaimed
    if used is None:
        raise QuarantineError(
            "The final decision has no used total (Verwendete Mittel insgesamt).",
            code=Reason.INCOMPLETE_DECISION,
        )
    if reclaimed is None:
        raise QuarantineError(
            "The final decision has no reclaim line (Rückforderung).",
            code=Reason.INCOMPLETE_DECISION,
        )
    used_rows = sum((line.used_eur or Decimal(0) for line in lines), Decimal("0.00"))
    reclaimed_rows = sum((line.reclaimed_eur or Decimal(0) for line in lines), Decimal("0.00"))
    if lines and used != used_rows:
        raise QuarantineError(
            f"The used total {used} EUR differs from the rows' sum, {used_rows} EUR.",
            code=Reason.INCONSISTENT_TOTALS,
        )
    if lines and reclaimed != reclaimed_rows:
        raise QuarantineError(
            f"The reclaim {reclaimed} EUR differs from the rows' sum, {reclaimed_rows} EUR.",
            code=Reason.INCONSISTENT_TOTALS,
        )
    return used, reclaimed
