"""The measure list of § 5: four numbered measure types, their projects and optional amounts.

Headings are recognised by their number prefix (1.-4.) plus a fuzzy match of the wording against
every historical name of that type (pipelines.reference.measure_type_name_forms), so older names
("Ausbildungs- und Qualifizierungsvorbereitung ...") and wrapped or shortened headings still map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from rapidfuzz import fuzz

from pipelines.parse.amounts import find_amounts
from pipelines.parse.records import Measure, Project, Provenance, SourceLine
from pipelines.parse.signatures import is_signature_line
from pipelines.reference import measure_type_name_forms, measure_types

MEASURE_TYPES = (1, 2, 3, 4)
_HEADING = re.compile(
    r"^\s*(?:Maßnahmenart\s*)?(?P<number>[1-4])\s*[.):]\s*(?P<rest>\S.*)$", re.IGNORECASE
)
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪◦o]|\(?[a-z]\))\s+(?P<item>\S.*)$")
# a measure without projects: "keine" (or "entfällt", a dash) in any punctuation, as printed
# ("- keine -", "(keine)", "– entfällt –") and as OCR reads it; a bulleted "keine" is no project
_NONE = re.compile(
    r"^\s*(?:[-–—•*·▪◦o]\s+|\(\s*)?(?:keine(?:\s+(?:Projekte|Maßnahmen|Angebote)\b.*)?|entfällt|–|-|—|/)"
    r"\s*[-–—)]?\s*\.?\s*$",
    re.IGNORECASE,
)
_NONE_WORD = re.compile(r"keine|entfällt", re.IGNORECASE)
_AMOUNT_LABEL = re.compile(
    r"[\s(:–—,-]*(?:Mittelansatz|Ansatz|Budget|Betrag|Fördersumme|Fördermittel|Mittel|Volumen)?[\s(:–—,-]*$",
    re.IGNORECASE,
)
# a line holding nothing but an amount's currency and its closing bracket
_CURRENCY_REST = re.compile(r"^\s*(?:EUR|Euro|€)\s*\)\s*$", re.IGNORECASE)
_SECTION = re.compile(r"^\s*§\s*\d+")
_MIN_SCORE = 75.0


@dataclass
class _Block:
    """One measure heading and the lines under it while parsing."""

    measure_type: int
    name: str
    provenance: Provenance
    amount_eur: Decimal | None = None
    projects: list[Project] = field(default_factory=list)
    saw_item: bool = False
    saw_bullet: bool = False


def says_none(text: str) -> bool:
    """The line says in words that its measure funds nothing ("keine", "– entfällt –"); a bare
    dash, which a speck can be, is not counted."""
    return bool(_NONE.match(text)) and _NONE_WORD.search(text) is not None


@cache
def _forms_by_type() -> dict[int, tuple[str, ...]]:
    """Lower-cased name forms per measure type (all historical wordings)."""
    forms: dict[int, list[str]] = {number: [] for number in MEASURE_TYPES}
    for name_form, number in measure_type_name_forms():
        forms[number].append(name_form.casefold())
    return {number: tuple(values) for number, values in forms.items()}


def wording_score(text: str, measure_type: int) -> float:
    """How well ``text`` matches any wording of ``measure_type`` (0-100, subsets score high)."""
    candidate = " ".join(text.casefold().split())
    if not candidate:
        return 0.0
    return max(fuzz.token_set_ratio(candidate, form) for form in _forms_by_type()[measure_type])


def is_measure_wording(text: str) -> bool:
    """``text`` reads like (a part of) some measure type's name, as a heading's wording must
    (``wording_score`` at ``_MIN_SCORE`` or better): no project line."""
    return any(wording_score(text, number) >= _MIN_SCORE for number in MEASURE_TYPES)


def named_type(text: str, surely: float = 95.0, otherwise: float = 70.0) -> int | None:
    """The measure type whose whole name ``text`` is (a wording of it matched letter by letter
    at ``surely`` or better, every other type's below ``otherwise``), else None. Unlike
    ``wording_score`` a part of a name ("Ausbildung") names no type."""
    candidate = " ".join(text.casefold().split())
    scores = sorted(
        (max(fuzz.ratio(candidate, form) for form in _forms_by_type()[number]), number)
        for number in MEASURE_TYPES
    )
    (second, _other), (best, number) = scores[-2], scores[-1]
    return number if best >= surely and second < otherwise else None


def completes_name(head: str, rest: str, number: int) -> bool:
    """``rest`` is the end of measure type ``number``'s name whose beginning ``head`` is: the
    head alone is no whole name, head and rest are one, and a wording of the name ends with
    the rest letter by letter and word for its last word (at 90 or better each), so a project
    line after a whole heading
    ("… Arbeitsmarktförderung" + "BASS Studium": a long name hides a short tail from the
    ratio) is never taken for its end."""
    tail = " ".join(rest.casefold().split())
    return (
        bool(tail)
        and named_type(head) is None
        and named_type(f"{head} {rest}") == number
        and any(
            fuzz.ratio(tail, form[-len(tail) :]) >= 90
            and fuzz.ratio(tail.split()[-1], form.split()[-1]) >= 90
            for form in _forms_by_type()[number]
        )
    )


def ends_as_name(name: str, number: int) -> bool:
    """``name`` ends with the last word of a wording of measure type ``number`` (letters
    compared, at 90 or better): a heading a following line was joined to ("…
    Arbeitsmarktförderung BASS Studium", the project's bullet lost) does not."""
    words = re.findall(r"[^\W_]+", name.casefold())
    return bool(words) and any(
        fuzz.ratio(words[-1], re.findall(r"[^\W_]+", form)[-1]) >= 90
        for form in _forms_by_type()[number]
    )


def wrapped_currency_amount(heading: str, rest: str) -> Decimal | None:
    """The amount that ends ``heading`` where only its currency and bracket wrapped onto the
    next line, ``rest`` ("3. Qualifizierungsprojekte … (Mittelansatz: 366.150,00" + "EUR)"):
    without it, "EUR)" was taken for the first project and the heading's amount was lost."""
    if not _CURRENCY_REST.match(rest) or find_amounts(heading):
        return None
    return split_amount(f"{heading} {rest.strip()}")[1]


def split_amount(text: str) -> tuple[str, Decimal | None]:
    """("Ausbildungsvorbereitung", 250000) from "Ausbildungsvorbereitung (Mittelansatz: 250.000 €)"."""
    amounts = find_amounts(text)
    if not amounts:
        return text.strip(), None
    first = amounts[0]
    head = text[: first.start]
    if "(" in head and ")" in text[first.end :]:
        head = head[: head.rfind("(")]
    name = _AMOUNT_LABEL.sub("", head).strip()
    return name, first.amount_eur


def heading_at(line: SourceLine) -> tuple[int, str, Decimal | None, float] | None:
    """(measure_type, wording, amount, score) when ``line`` is a measure heading."""
    match = _HEADING.match(line.text)
    if match is None:
        return None
    number = int(match.group("number"))
    wording, amount = split_amount(match.group("rest"))
    score = wording_score(wording, number)
    if score < _MIN_SCORE:
        return None
    return number, wording, amount, score


def find_headings(lines: tuple[SourceLine, ...], start: int) -> list[int]:
    """Indexes of the measure headings: the first ascending run of types found from ``start``."""
    found: list[int] = []
    last_type = 0
    for index in range(start, len(lines)):
        heading = heading_at(lines[index])
        if heading is None:
            continue
        if heading[0] > last_type:
            found.append(index)
            last_type = heading[0]
        elif found:
            break  # numbering restarts: a later, unrelated list
    return found


def parse_measures(
    lines: tuple[SourceLine, ...], heading_indexes: list[int]
) -> tuple[tuple[Measure, ...], int]:
    """All four measures ordered 1..4, and the index of the first line after the measure list."""
    blocks: dict[int, _Block] = {}
    end = heading_indexes[-1] + 1 if heading_indexes else 0
    for position, index in enumerate(heading_indexes):
        stop = heading_indexes[position + 1] if position + 1 < len(heading_indexes) else len(lines)
        block, end = _parse_block(lines, index, stop, is_last=position + 1 == len(heading_indexes))
        blocks[block.measure_type] = block
    names = measure_types()
    measures = tuple(
        Measure(
            measure_type=number,
            name=blocks[number].name,
            projects=tuple(blocks[number].projects),
            amount_eur=blocks[number].amount_eur,
            provenance=blocks[number].provenance,
        )
        if number in blocks
        else Measure(measure_type=number, name=names[number])
        for number in MEASURE_TYPES
    )
    return measures, end


def _parse_block(
    lines: tuple[SourceLine, ...], index: int, stop: int, is_last: bool
) -> tuple[_Block, int]:
    """A heading's block: bullets become projects; the last block ends at its first prose line."""
    heading_line = lines[index]
    number, wording, amount, _ = heading_at(heading_line)  # type: ignore[misc]
    block = _Block(number, wording, _provenance(heading_line), amount)
    position = index + 1
    while position < stop:
        line = lines[position]
        if _SECTION.match(line.text):
            break
        if not _absorb(block, line) and is_last:
            break
        position += 1
    return block, position


def _absorb(block: _Block, line: SourceLine) -> bool:
    """Take ``line`` into ``block``; False when it is prose that does not belong to the list."""
    text = line.text
    if _NONE.match(text):
        block.saw_item = True
        return True
    bullet = _BULLET.match(text)
    if bullet:
        _add_project(block, bullet.group("item"), line)
        block.saw_item = block.saw_bullet = True
        return True
    if re.search(r"\bdavon\b", text, re.IGNORECASE):
        return True  # an earmark sentence inside the list (read by the earmark scan)
    if _continues_project(block, text):
        last = block.projects[-1]
        name, amount = split_amount(f"{last.name} {text.strip()}")
        block.projects[-1] = Project(name, last.provenance, amount or last.amount_eur)
        return True
    amounts = find_amounts(text)
    if amounts and len(text) < 80:
        if block.amount_eur is None:
            block.amount_eur = amounts[0].amount_eur
        return True
    if not block.saw_item and _continues_heading(block, text, amounts):
        return True
    if not block.saw_item and block.amount_eur is None:
        block.amount_eur = wrapped_currency_amount(block.provenance.text, text)
        if block.amount_eur is not None:
            return True
    if _is_unbulleted_item(block, text, amounts):
        _add_project(block, text, line)
        block.saw_item = True
        return True
    return False


def _continues_heading(block: _Block, text: str, amounts: list) -> bool:
    """Take ``text`` as the wrapped rest of the block's heading, with the heading's amount
    where the rest holds one ("4. Weiterbildungsmaßnahmen … in der fachlichen" + "Verantwortung
    für Benachteiligte … Arbeitsmarktförderung (Mittelansatz: 74.450,00 EUR)"): read as prose,
    that line ended the last measure's list and its projects were lost."""
    rest, amount = split_amount(text) if amounts else (text.strip(), None)
    if len(amounts) > 1 or not _is_wording_remainder(rest, block.measure_type):
        return False
    continued = f"{block.name} {rest}"
    # ">=": a heading that already equals a short wording may continue into a longer one
    # ("Ausbildungs- und Qualifizierungsvorbereitung" + "(einschließlich ...)"), both 100
    if _completeness(continued, block.measure_type) < _completeness(block.name, block.measure_type):
        return False
    if amount is not None and block.amount_eur is not None:
        return False  # a second amount: no heading's
    block.name = continued  # the heading wrapped onto this line
    block.amount_eur = block.amount_eur if amount is None else amount
    return True


def _add_project(block: _Block, item: str, line: SourceLine) -> None:
    """A project from a list item, with its amount when the item names one."""
    name, amount = split_amount(item)
    if name:
        block.projects.append(Project(name=name, provenance=_provenance(line), amount_eur=amount))


def _continues_project(block: _Block, text: str) -> bool:
    """An indented or lower-case line under a bullet is the bullet's wrapped remainder.

    Hard-wrapped text files carry no geometry to rejoin them, and a cut-off project name is a
    wrong value; "Vorbereitung TZ Ausbildung für junge Mütter und Väter mit" + "Kindern ...".
    """
    if not block.projects or not block.saw_bullet or _HEADING.match(text):
        return False
    stripped = text.strip()
    indented = len(text) - len(text.lstrip()) >= 2
    return bool(stripped) and (indented or stripped[0].islower()) and len(stripped) < 120


def _is_unbulleted_item(block: _Block, text: str, amounts: list) -> bool:
    """A short line without bullet, full stop or amount under a heading that uses no bullets."""
    stripped = text.strip()
    return (
        not block.saw_bullet
        and not amounts
        and 0 < len(stripped) <= 100
        and not stripped.endswith((".", ":", ";"))
        and not _SECTION.match(stripped)
        and not is_signature_line(stripped)
    )


def _is_wording_remainder(text: str, measure_type: int) -> bool:
    """A wrapped heading goes on with words of its wording; a project name does not.

    Without this, "Sprachkurs" under the shortened "Qualifizierungsprojekte zur
    Arbeitsmarktintegration" was joined to the heading: the longer name is closer in length to
    the full wording, so its completeness rose although none of its words belong there.
    """
    candidate = " ".join(text.casefold().split())
    best = max(fuzz.partial_ratio(candidate, form) for form in _forms_by_type()[measure_type])
    return best >= _MIN_SCORE


def _completeness(text: str, measure_type: int) -> float:
    """Whole-string similarity to the closest wording: grows while a wrapped heading completes."""
    candidate = " ".join(text.casefold().split())
    return max(fuzz.ratio(candidate, form) for form in _forms_by_type()[measure_type])


def _provenance(line: SourceLine) -> Provenance:
    return Provenance(page=line.page, line=line.line, text=line.text)
