"""Never an unsure number: cross-checks of a document read by OCR.

A figure read from a scan is published only when every key field was read with high confidence
and the document agrees with itself and with its file: per-measure amounts sum to the total,
earmarks lie within it, decision lines sum to the decision's total, district and year match the
file name and the file number. Anything else quarantines the document as ``SCAN_UNSURE`` with
a German sentence naming the field and its place ("Betrag unsicher gelesen (Seite 2, Zeile 8)"),
and it is listed for review. Pure functions: the record, the extracted document, the file name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from pipelines.decisions.vocabulary import DECISION_ID_PATTERN
from pipelines.extract.ocr import UNREAD_MARK
from pipelines.parse.amounts import find_amounts
from pipelines.parse.dates import MONTHS
from pipelines.parse.decision_letter import MARKED_ROW, UNTOLD_MEASURE_TYPE
from pipelines.parse.held import field_key
from pipelines.parse.lexicon import (
    abbreviated_compounds,
    comma_after_stem,
    glued_word,
    misread_word,
    place_names,
    place_tokens,
    speck_after_word,
    surely_a_place,
    surely_spelled,
    umlaut_in_doubt,
)
from pipelines.parse.measures import (
    completes_name,
    ends_as_name,
    says_none,
    split_amount,
    wrapped_currency_amount,
)
from pipelines.parse.ocr_noise import UMLAUT, letters_digits, one_edit_apart
from pipelines.parse.records import (
    AgreementRecord,
    DecisionLine,
    DecisionRecord,
    ExtractedDocument,
    Measure,
    Provenance,
    QuarantineError,
    SourceLine,
)
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex

# lowest Tesseract confidence (0-100) of a key field's digits that is still taken as read; the
# measured clean scans read figures at 89-96, misread digits fall far below
MIN_CONFIDENCE = 80.0
# lowest confidence of a word (two letters or more) of a project line, its name being published
# as read: in the bench corpus names read right stood at 45-96, names misread at 9
# ("Beschäftigüungs...") and 37 ("Frauenbildungsweik"); a space read as a hyphen ("Sprach...
# begleitende-Unterstützung", 70) is caught by the hyphen rule below
MIN_NAME_CONFIDENCE = 40.0
# a name with an umlaut is taken only where the line's words with an umlaut were read at least
# this surely at the first reading, however often read alike: a speck over a vowel is read as
# its dots by every reading ("Gärten" for "Garten" at 82, "Taunüs" at 87, both read twice alike)
MIN_UMLAUT_CONFIDENCE = 90.0
# a hyphen joining a word to a capitalised one ("Limburg-Weilburg", or a space misread) is taken
# only from a line read with this confidence
MIN_HYPHEN_CONFIDENCE = 80.0
# a word read below this is not taken for the known word it spells: Tesseract's "best" network
# read "Gesundheitsmaß nahme" at 2 twice alike, a blank inside one word
_UNREAD_WORD_CONFIDENCE = 10.0
# a first word of two letters, neither in capitals ("TZ Ausbildung") nor a German word a name
# may begin with ("Im Job", "In Arbeit"): what a stamp's or bullet's speck leaves before a name,
# however often read alike ("Oo Kompetenzfeststellung und Profiling", "ey Praxisklasse Kassel")
_STRAY_FIRST_WORD = re.compile(
    r"^(?!(?:Ab|Am|An|Da|Im|In|Ja|Ob|So|Um|Wo|Zu)\s)(?:[A-ZÄÖÜ][a-zäöüß]|[a-zäöüß]{2})\s"
)
_JOINED = re.compile(r"[a-zäöüß]-[A-ZÄÖÜ]")
# what a project or provider name read from a scan never holds: a column gap (tab), a bar, a
# currency or a bracket closing nothing, a lone lower-case letter or digit or a punctuation mark
# before it (a bullet or a speck read as a letter: "0 Anerkennungsberatung …") or a mark right
# after it (a bullet "o" with a speck: "o.Fachtag Übergang Schule-Beruf"), typographic
# quotes OCR confuses with each other, a dot joining two words (a space read as a dot:
# "Mobile.Jobberatung"), an apostrophe not between two letters (a speck: "Homberg (Efze)'
# gGmbH"), a mark right after a hyphen (a letter misread: "Absolventenmanagement-!" for
# "…-I"), a bracket around one sign or less before the name (a bullet: "(0) Weiterbildung
# Migrationsberatung"), a hyphen ending a word before a blank but for "und", "oder", "bzw.",
# "sowie" ("Berufs- und Studienorientierung"): a speck or a dash joined to the word
# ("Berufsbildungszentrum- Eschwege gGmbH"), a lone mark between two words or ending the name
# ("Frauen in Arbeit °": a speck read as a sign), a semicolon (a decision row's column mark,
# never a name's: a bullet read among specks, "ER; Kompetenzfeststellung und Profiling") and
# the mark of ink no reading could read (pipelines.extract.ocr, ``UNREAD_MARK``)
_NAME_NOISE = re.compile(
    r"[\t|\\{}\[\]<>_;\ufffd]|\b(?:EUR|Euro)\b|€|^[^\w\"„(]|^[a-zäöü\d]\s|^[a-zäöü][^\w\s-]|[„“”‚‘’«»]"
    r"|\s[^\w\s\"“”)(.&+/-](?:\s|$)"
    r"|(?<![^\W\d_])'|'(?![^\W\d_])|[-–][^\w\s\"„(]|^\(.?\)\s"
    r"|[^\W\d_]-\s(?!(?:und|oder|bzw|sowie)\b)"
)
# a dot joining two words: a space read as a dot ("Mobile.Jobberatung"), unless an abbreviated
# compound ("Fachkr.sicherung": ``abbreviated_compounds``); a colon, semicolon or comma between
# two letters is a space misread too ("Kompetenzagentur:Wiesbaden")
_DOT_JOIN = re.compile(r"[a-zäöüß]{2}\.(?:[A-ZÄÖÜ][a-zäöüß]|[a-zäöüß]{2})|[^\W\d_][:;,][^\W\d_]")
_FILE_AGS = re.compile(r"(?<!\d)(06\d{3})(?!\d)")
_FILE_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_HEADING_NUMBER = re.compile(r"^\s*[1-4]\s*[.)]\s*")
# where the measure list ends (§ 5's closing sentence, its "Die" read among a stamp's marks too:
# "NER Förderung der aufgeführten Maßnahmen …"; the next section) and the lines it may hold
# besides headings and projects ("keine", a per-measure amount)
_LIST_END = re.compile(
    r"^\s*(?:Die Förderung|§\s*\d|(?:[-–•*]\s*)?\S{1,3}\s+Förderung der aufgeführten Maßnahmen)"
)
_LIST_EXTRA = re.compile(
    r"^\s*(?:[-–—•*·▪◦o]\s+)?(?:keine|entfällt)\b|Mittelansatz|\d{1,3}(?:\.\d{3})+(?:,\d{2})?\s*(?:EUR|Euro|€)"
    r"|^\s*[-–—/]\s*$",
    re.IGNORECASE,
)
# where a parser's English reason names the place of the line it stopped at
_REASON_PLACE = re.compile(r"\bpage (\d+), line (\d+)\b")

# parser quarantines a misreading can cause: for a scan they mean "read unsure", not a defect
MISREAD_CODES = frozenset(
    {
        # a scan classified as an agreement (or a decision letter) whose title a stamp or a
        # running header garbled ("RER Änderungsbescheid")
        Reason.NOT_AN_AGREEMENT,
        Reason.NOT_A_GRANT_DECISION,
        Reason.NO_AMOUNT,
        Reason.AMBIGUOUS_AMOUNT,
        Reason.AMBIGUOUS_MEASURE_LIST,
        Reason.MISSING_MEASURE_SECTION,
        Reason.UNKNOWN_DISTRICT,
        Reason.YEAR_CONTRADICTION,
        Reason.NO_BUDGET_YEAR,
        Reason.TRUNCATED_DOCUMENT,
        Reason.SEVERAL_AGREEMENTS,
        Reason.INCOMPLETE_DECISION,
        Reason.DECISION_DATE_UNREADABLE,
        Reason.INCONSISTENT_TOTALS,
        Reason.BAD_PROJECT_ROW,
    }
)


# the German detail of a misreading whose reason's own wording would mislead for a scan
_MISREAD_DE = {
    Reason.NOT_AN_AGREEMENT: "Titel „Zielvereinbarung“ mit den Vereinbarungspartnern unsicher "
    "gelesen",
    Reason.NOT_A_GRANT_DECISION: "Titel des Bescheids unsicher gelesen",
}


def unsure(field_de: str, field_en: str, provenance: Provenance | None) -> QuarantineError:
    """The quarantine of a scan for one field, in German and English, with its place."""
    place_de = place_en = ""
    if provenance is not None:
        place_de = f" (Seite {provenance.page}, Zeile {provenance.line})"
        place_en = f" (page {provenance.page}, line {provenance.line})"
    return QuarantineError(
        f"Scan read with uncertainty: {field_en}{place_en}; the document is held for review.",
        code=Reason.SCAN_UNSURE,
        detail_de=f"{field_de}{place_de}",
    )


def reason_place(reason: str) -> tuple[int, int] | None:
    """(page, line) of the line a parser's or a check's English reason names, if it names one."""
    place = _REASON_PLACE.search(reason)
    return None if place is None else (int(place.group(1)), int(place.group(2)))


def misread(error: QuarantineError) -> QuarantineError:
    """A parser's quarantine of a scan that a misreading can explain, as ``SCAN_UNSURE``; the
    German detail keeps the place where the parser's reason names one ("page 1, line 19"), so
    a reviewer finds the line."""
    place = reason_place(error.reason)
    where = f" (Seite {place[0]}, Zeile {place[1]})" if place else ""
    what = _MISREAD_DE.get(error.code, f"Scan nicht sicher lesbar: {error.code.de}")
    return QuarantineError(
        f"Scan read with uncertainty: {error.reason}",
        code=Reason.SCAN_UNSURE,
        detail_de=f"{what}{where}",
    )


def _confidence(
    doc: ExtractedDocument,
    provenance: Provenance | None,
    confirmed: bool = False,
    read: float | None = None,
) -> float:
    """The OCR confidence of the field: ``read`` (its own words') where known, else the line's
    it stands on (100 for text-layer lines), or the confidence a second reading of the line
    alone gave its figures where that reading spelled the line alike (the page's reading read
    "26.05.2025" at 39 beside a signature, the line read alone at 96). With ``confirmed`` (a
    cross-check of the document covers the field) a low line whose second reading gave the
    same text counts at the agreed confidence (pipelines.extract.ocr), and so does a line the
    other OCR model read with the same text (pipelines.parse.mend)."""
    if provenance is None:
        return 100.0
    place = (provenance.page, provenance.line)
    first = doc.confidence.get(place, 100.0) if read is None else read
    first = max(first, doc.reread_confidence.get(place, 0.0))
    agreed = max(doc.agreed_confidence.get(place, 0.0), doc.alike_confidence.get(place, 0.0))
    return max(first, agreed) if confirmed else first


def _check_confident(
    doc: ExtractedDocument,
    provenance: Provenance | None,
    field_de: str,
    field_en: str,
    confirmed: bool = False,
    read: float | None = None,
) -> None:
    if provenance is not None and _confidence(doc, provenance, confirmed, read) < MIN_CONFIDENCE:
        raise unsure(field_de, field_en, provenance)


def _check_amount(
    doc: ExtractedDocument,
    provenance: Provenance | None,
    amount: Decimal | None,
    field: tuple[str, str],
    confirmed: bool = False,
) -> None:
    """``_check_confident`` for an amount judged by its own words (``_amount_read``), and
    ``SCAN_UNSURE`` for one read as a part of a longer number (``_inside_longer_number``): no
    confidence, however high, makes it whole. ``field``: its German and English names."""
    read = _amount_read(doc, provenance, amount)
    _check_confident(doc, provenance, *field, confirmed, read)
    if _inside_longer_number(doc, provenance, amount):
        raise unsure(*field, provenance)


def _named_by_file(source_name: str) -> tuple[bool, bool]:
    """Whether the file name names exactly one district key and exactly one year
    (``_check_file_name`` then holds the reading against them: a cross-check of its own; a name
    with two years could match a misread one)."""
    stem = PurePath(source_name).name
    return len(set(_FILE_AGS.findall(stem))) == 1, len(set(_FILE_YEAR.findall(stem))) == 1


# the lines at a document's head where its district is named (an agreement's parties, a
# letter's addressee), and the shortest name form a misreading of it is looked for by
_HEAD_LINES = 15
_SHORTEST_NEAR_FORM = 8


def districts_for_scan(
    doc: ExtractedDocument, source_name: str, districts: DistrictIndex
) -> DistrictIndex:
    """``districts`` with the misreadings of the file name's district that the scan's head
    holds added as its name forms: a name form read one letter off ("Rheinigau-Taunus-Kreis",
    "Kreis. Gießen", "Darmstadt-Diebug") names the district the file name names, two sources
    agreeing. Any other district, and a file name with no or several keys, adds nothing."""
    keys = set(_FILE_AGS.findall(PurePath(source_name).name))
    if len(keys) != 1 or (ags := keys.pop()) not in districts.by_ags:
        return districts
    forms = [
        form
        for form, key in districts.name_forms
        if key == ags and len(form) >= _SHORTEST_NEAR_FORM
    ]
    near = {
        (window, ags)
        for line in doc.lines[:_HEAD_LINES]
        for form in forms
        for window in _near_windows(line.text, form)
    }
    if not near:
        return districts
    name_forms = sorted((*districts.name_forms, *near), key=lambda pair: len(pair[0]), reverse=True)
    return replace(districts, name_forms=tuple(name_forms))


def _near_windows(text: str, form: str) -> set[str]:
    """The pieces of ``text`` one edit from ``form`` (a letter more, less or changed), or
    ``form`` with one "n" read as "ri" ("Landkreis Offeribach")."""
    found = set()
    for size in (len(form) - 1, len(form), len(form) + 1):
        for start in range(len(text) - size + 1):
            window = text[start : start + size]
            if one_edit_apart(window, form) or _n_read_as_ri(window, form):
                found.add(window)
    return found


def _n_read_as_ri(window: str, form: str) -> bool:
    """``window`` is ``form`` with one of its "n" read as "ri" (two edits, OCR's one)."""
    return any(
        window == f"{form[:index]}ri{form[index + 1 :]}"
        for index, char in enumerate(form)
        if char == "n"
    )


# the title's year standing alone or after "Zielvereinbarung", above the parties
_TITLE_YEAR = re.compile(r"^\s*(?:Zielvereinbarung\s+)?(20\d{2})\s*$")
_PARTIES_START = re.compile(r"^\s*zwischen\b", re.IGNORECASE)


def without_misread_title_year(doc: ExtractedDocument, source_name: str) -> ExtractedDocument:
    """``doc`` with its title's year left out where it was read below ``MIN_CONFIDENCE`` and
    differs from the one year the file name names ("2023" read at 68 on the 2025 agreement):
    the parser then takes the year § 4 names (with that line's provenance), which the file
    name is held against again (``check_agreement``). A title year read surely, or one the
    file name confirms, stays."""
    years = set(_FILE_YEAR.findall(PurePath(source_name).name))
    if len(years) != 1:
        return doc
    lines = list(doc.lines)
    for index, line in enumerate(lines):
        if _PARTIES_START.match(line.text):
            break
        match = _TITLE_YEAR.match(line.text)
        place = (line.page, line.line)
        if (
            match
            and match.group(1) not in years
            and doc.confidence.get(place, 100.0) < MIN_CONFIDENCE
        ):
            lines[index] = replace(line, text=line.text[: match.start(1)].rstrip())
            return replace(doc, lines=tuple(lines))
    return doc


# a published name's place in a record: ("project", measure type, index) of an agreement's
# project, ("project" | "provider", line index) of a decision line
NamePlace = tuple[str | int, ...]
NAME_FIELDS = {"project": ("Projektname", "project name"), "provider": ("Träger", "provider")}


def name_places(
    record: AgreementRecord | DecisionRecord,
) -> dict[NamePlace, tuple[str | None, Provenance | None]]:
    """Every published name of a record by its place, with where it was read."""
    if isinstance(record, AgreementRecord):
        return {
            ("project", measure.measure_type, index): (project.name, project.provenance)
            for measure in record.measures
            for index, project in enumerate(measure.projects)
        }
    places: dict[NamePlace, tuple[str | None, Provenance | None]] = {}
    for index, line in enumerate(record.lines):
        places["project", index] = (line.project, line.provenance)
        places["provider", index] = (line.provider, line.provenance)
    return places


def surely_read_names(
    record: AgreementRecord | DecisionRecord, doc: ExtractedDocument
) -> dict[NamePlace, str]:
    """The names of one reading of a scan that pass every name check (``_check_name``), by
    place: where the other OCR model read the same name at the same place, that name counts as
    checked in its reading too (pipelines.parse.dispatch, ``_read_again``)."""
    sure = {}
    for place, (name, provenance) in name_places(record).items():
        try:
            _check_name(doc, name, provenance, *NAME_FIELDS[str(place[0])])
        except QuarantineError:
            continue
        if name is not None:
            sure[place] = name
    return sure


# a name the second model read that the first model's reading of its page spelled otherwise in
# this many letters or fewer (at the same length, the name this long at least) contradicts it
_CONTRADICTING_LETTERS = 2
_CONTRADICTED_NAME_LETTERS = 8


def check_against_first_reading(
    record: AgreementRecord | DecisionRecord, doc: ExtractedDocument, first: ExtractedDocument
) -> None:
    """The second model's reading (``doc``) of a scan publishes no name the first model's
    reading of the same page (``first``) spelled with a letter or two otherwise, unless each of
    its words the list knows or is a place: then the second model read right what the first
    misread ("Gesundheitsförderung" for "Gesundheitstörderung"). Otherwise the two models
    contradict each other and neither is sure: the second read "Integrationsiotsen" at 59, the
    first "Integrationslotsen" at 90, a word Tesseract's list does not hold, and the project
    landed misspelled. Nor does it publish a name the first model read with more words after it
    on its line (``_first_read_more``), however well the list knows the words it kept."""
    for place, (name, provenance) in name_places(record).items():
        if name is None or provenance is None:
            continue
        if _first_read_more(name, provenance, first):
            field_de, field_en = NAME_FIELDS[str(place[0])]
            raise unsure(f"{field_de} unsicher gelesen", field_en, provenance)
        if _spelled_surely(name):
            continue
        wanted = letters_digits(name)
        page = [letters_digits(line.text) for line in first.lines if line.page == provenance.page]
        if len(wanted) < _CONTRADICTED_NAME_LETTERS or any(wanted in text for text in page):
            continue
        if any(_spelled_otherwise(wanted, text) for text in page):
            field_de, field_en = NAME_FIELDS[str(place[0])]
            raise unsure(f"{field_de} unsicher gelesen", field_en, provenance)


# letters the first reading's line holds after a name beyond those of the second's line: a
# word the second model lost ("Migration" of "- Digitalisierung Migration", the first reading
# "Digitalisierung Migrat", the second "Digitalisierung" at 74)
_LOST_TAIL_LETTERS = 3
# how far apart two models' numbers of one line may lie (a stamp's words read as a line)
_NEAR_LINES = 3


def _first_read_more(name: str, provenance: Provenance, first: ExtractedDocument) -> bool:
    """The first model's reading of the name's line (a few lines off at most, its letters
    and digits beginning as the second's do up to the name's end) goes on with more letters
    than the second model's line: the name as published may have lost its last word, however
    surely its words were read. A heading holding the name ("2. Ausbildung und
    Ausbildungscoaching …" over "- Ausbildungscoaching") begins otherwise."""
    wanted = letters_digits(name)
    mine = letters_digits(provenance.text)
    if not wanted or wanted not in mine:
        return False
    through_name = mine[: mine.index(wanted) + len(wanted)]
    return any(
        theirs.startswith(through_name) and len(theirs) >= len(mine) + _LOST_TAIL_LETTERS
        for line in first.lines
        if line.page == provenance.page and abs(line.line - provenance.line) <= _NEAR_LINES
        for theirs in (letters_digits(line.text),)
    )


def _spelled_surely(name: str) -> bool:
    """Every word of five letters or more of ``name`` is one the list knows
    (``surely_spelled``) or a place (``surely_a_place``)."""
    return all(surely_spelled(word) or surely_a_place(word) for word in _NAME_TOKEN.findall(name))


def _spelled_otherwise(wanted: str, text: str) -> bool:
    """``text`` holds ``wanted``'s letters with one or two of them otherwise."""
    size = len(wanted)
    for start in range(len(text) - size + 1):
        differing = sum(a != b for a, b in zip(wanted, text[start : start + size], strict=True))
        if 0 < differing <= _CONTRADICTING_LETTERS:
            return True
    return False


def name_key(place: NamePlace) -> str:
    """The held field's key of the name at ``place`` (``pipelines.parse.held.field_key``):
    an agreement's ``project:2.3``, a decision line's ``line_project:4``, ``line_provider:4``,
    and ``line_measure_type:4`` of a measure type the rows' order told or left open
    (``measure_types_by_order``)."""
    if len(place) == 3:
        return field_key("project", f"{place[1]}.{int(place[2]) + 1}")
    field = {"project": "line_project", "provider": "line_provider"}.get(
        str(place[0]), "line_measure_type"
    )
    return field_key(field, str(int(place[1]) + 1))


def measure_types_by_order(record: AgreementRecord | DecisionRecord) -> tuple[int, ...]:
    """The indexes of a scanned letter's decision lines whose number and measure type OCR lost,
    their measure type told by the rows' order (pipelines.parse.decision_letter, ``_marks_lost``). Such a measure type is unsure however surely the rest of
    the row was read, and so is the project's name (where it begins is told by what OCR left
    of the marks): both land only where the district's documents hold the project under that
    measure type (pipelines.parse.confirm)."""
    if isinstance(record, AgreementRecord):
        return ()
    return tuple(index for index, line in enumerate(record.lines) if _marks_lost(line))


def _marks_lost(line: DecisionLine) -> bool:
    """The decision line's row as read (kept with the line) does not begin with its number and
    measure type."""
    return bool(line.provenance.text) and not MARKED_ROW.match(line.provenance.text)


def unsure_names_alone(
    record: AgreementRecord | DecisionRecord,
    doc: ExtractedDocument,
    source_name: str,
    checked_names: Mapping[NamePlace, str] | None = None,
    first: ExtractedDocument | None = None,
) -> tuple[str, ...]:
    """The keys (``name_key``) of the names a reading left unsure, where nothing else is:
    counted as checked, they let the reading pass every other check of a scan. Empty where a
    figure, a date, a count or a contradiction with the first model's reading is unsure too:
    then no name confirmed elsewhere (``pipelines.parse.confirm``) can let it land."""
    checked = dict(checked_names or {})
    unsure = _unsure_names(record, doc, checked)
    if not unsure:
        return ()
    try:
        if isinstance(record, AgreementRecord):
            check_agreement(record, doc, source_name, {**checked, **unsure})
        else:
            check_decision(record, doc, source_name, {**checked, **unsure})
        if first is not None:
            check_against_first_reading(record, doc, first)
    except QuarantineError:
        return ()
    return tuple(name_key(place) for place in unsure)


def names_read_unsure(
    record: AgreementRecord | DecisionRecord,
    doc: ExtractedDocument,
    checked_names: Mapping[NamePlace, str] | None = None,
) -> tuple[str, ...]:
    """The keys (``name_key``) of every name of a reading that fails its name check, whatever
    else is unsure: the names a reviewer should compare with the scan letter by letter."""
    return tuple(name_key(place) for place in _unsure_names(record, doc, checked_names or {}))


def _unsure_names(
    record: AgreementRecord | DecisionRecord,
    doc: ExtractedDocument,
    checked: Mapping[NamePlace, str],
) -> dict[NamePlace, str]:
    """The names of a reading that fail their check (``_check_name_at``), by place."""
    unsure: dict[NamePlace, str] = {}
    for place, read in name_places(record).items():
        try:
            _check_name_at(doc, place, read, checked)
        except QuarantineError:
            if read[0] is not None:
                unsure[place] = read[0]
    for index in measure_types_by_order(record):
        line = record.lines[index]  # a decision line: only letters have lines by order
        unsure["project", index] = line.project
        unsure["measure_type", index] = str(line.measure_type)
    if isinstance(record, DecisionRecord):
        # a measure type read glued low: unsure, and so is where the project's name begins
        # (seed 8585: the name's "I," read into the marks); both land only where the
        # district's documents file the project under that type (pipelines.parse.confirm)
        for index, line in enumerate(record.lines):
            if _glued_unsure(doc, line):
                unsure["project", index] = line.project
                unsure["measure_type", index] = str(line.measure_type)
    return unsure


def _check_name_at(
    doc: ExtractedDocument,
    place: NamePlace,
    read: tuple[str | None, Provenance | None],
    checked: Mapping[NamePlace, str],
) -> None:
    """``_check_name`` for the name at ``place``, unless the other model's reading of the scan
    read the same name there surely (``checked``, from ``surely_read_names``)."""
    name, provenance = read
    if name is None or checked.get(place) != name:
        _check_name(doc, name, provenance, *NAME_FIELDS[str(place[0])])


def check_agreement(
    record: AgreementRecord,
    doc: ExtractedDocument,
    source_name: str,
    checked_names: Mapping[NamePlace, str] | None = None,
) -> None:
    """Raise ``SCAN_UNSURE`` when a key field of a scanned agreement is unsure or inconsistent.
    ``checked_names``: names the other OCR model read alike and surely (``surely_read_names``)."""
    provenance = record.provenance
    budget = provenance.get("budget_total_eur")
    # the per-measure amounts are summed against the total below: both are cross-checked
    summed = any(m.amount_eur is not None for m in record.measures)
    _check_amount(
        doc, budget, record.budget_total_eur, ("Betrag unsicher gelesen", "budget amount"), summed
    )
    if _split_from_longer_number(doc, budget, record.budget_total_eur):
        raise unsure("Betrag unsicher gelesen", "budget amount", budget)
    # a district or year the file name names is held against it (``_check_file_name``): what
    # is published then equals an independent source, however surely the line was read
    by_key, by_year = _named_by_file(source_name)
    if not by_key:
        _check_confident(
            doc, provenance.get("district"), "Gebietskörperschaft unsicher gelesen", "district"
        )
    if not by_year:
        _check_confident(doc, provenance.get("year"), "Haushaltsjahr unsicher gelesen", "year")
    for measure in record.measures:
        if measure.amount_eur is not None:
            amount_line = _measure_amount_line(doc, record, measure)
            field = (
                f"Betrag der Maßnahmenart {measure.measure_type} unsicher gelesen",
                f"amount of measure type {measure.measure_type}",
            )
            _check_amount(doc, amount_line, measure.amount_eur, field, confirmed=True)
        for project in measure.projects:
            if project.amount_eur is not None:
                field = ("Projektbetrag unsicher gelesen", "project amount")
                _check_amount(doc, project.provenance, project.amount_eur, field)
    for earmark in record.earmarks:
        field = ("Zweckbindung unsicher gelesen", "earmark")
        _check_amount(doc, earmark.provenance, earmark.amount_eur, field)
    for other in record.other_budgets:
        field = ("Arbeitsmarktbudget unsicher gelesen", "second budget")
        _check_amount(doc, other.provenance, other.amount_eur, field)
    for signature in record.signatures:
        if signature.date is not None:
            _check_confident(
                doc,
                signature.provenance,
                "Unterschriftsdatum unsicher gelesen",
                "signature date",
                read=_date_read(doc, signature.provenance, signature.date, record.year),
            )
    _check_measure_list(record, doc)
    _check_heading_order(record)
    _check_heading_texts(record, doc)
    for place, read in name_places(record).items():
        _check_name_at(doc, place, read, checked_names or {})
    measure_amounts = [m.amount_eur for m in record.measures if m.amount_eur is not None]
    if measure_amounts and sum(measure_amounts, Decimal(0)) != record.budget_total_eur:
        raise unsure(
            "Betrag unsicher gelesen: die Beträge der Maßnahmenarten ergeben nicht den "
            "Gesamtbetrag",
            "the per-measure amounts do not sum to the total",
            budget,
        )
    earmarked = sum((e.amount_eur for e in record.earmarks if e.amount_eur), Decimal(0))
    if earmarked > record.budget_total_eur:
        raise unsure(
            "Zweckbindung unsicher gelesen: größer als der Gesamtbetrag",
            "earmarks exceed the total",
            budget,
        )
    _check_file_name(source_name, record.district_ags, record.year, provenance)


def _measure_amount_line(
    doc: ExtractedDocument, record: AgreementRecord, measure: Measure
) -> Provenance | None:
    """The line a measure's amount was read from, to judge its own words: the heading, or the
    first line under it that holds the amount's digits (the heading's wrapped rest "… (Mittelansatz:
    74.450,00 EUR)", an amount line of its own), before the next heading."""
    heading = measure.provenance
    if heading is None or measure.amount_eur is None:
        return heading
    written = _amount_digits(measure.amount_eur)
    later = [_place(m.provenance) for m in record.measures if m.provenance is not None]
    bound = min((place for place in later if place > _place(heading)), default=(10**9, 0))
    for line in doc.lines:
        if _place(heading) <= _place(line) < bound:
            digits = re.sub(r"\D", "", line.text)
            if any(amount in digits for amount in written):
                return Provenance(line.page, line.line, line.text)
    return heading


def _amount_digits(amount: Decimal) -> tuple[str, ...]:
    """The digits an amount is written with: with its cents, and without them where they are
    none ("1.230.450 €")."""
    cents = f"{amount:.2f}".replace(".", "")
    return (cents, cents[:-2]) if cents.endswith("00") else (cents,)


def _check_measure_list(record: AgreementRecord, doc: ExtractedDocument) -> None:
    """Every measure type must be found, and every line of the measure list must be read as a
    heading, a project, a "keine" or an amount line: a line the parser skipped may be a project
    lost to a misreading (the number of projects is a figure too). Ink no reading could read
    (``UNREAD_MARK``) is such a line wherever it stands: the page reading's line builder put it
    at the end of a heading ("3. Qualifizierungsprojekte … Fachkräftesicherung" and the mark),
    and the project printed under it was lost. A measure read with projects and with a line
    saying it has none is unsure too (``_projects_and_none``)."""
    for measure in record.measures:
        if measure.provenance is None:
            raise unsure(
                f"Maßnahmenliste unsicher gelesen: Maßnahmenart {measure.measure_type} nicht "
                "gefunden",
                f"measure type {measure.measure_type} not found",
                None,
            )
    headings = {
        (m.provenance.page, m.provenance.line): m.measure_type
        for m in record.measures
        if m.provenance
    }
    read = set(headings)
    read |= {(p.provenance.page, p.provenance.line) for m in record.measures for p in m.projects}
    with_projects = {m.measure_type for m in record.measures if m.projects}
    first = min(read)
    previous: SourceLine | None = None
    current = headings.get(first)
    for line in doc.lines:
        place = (line.page, line.line)
        before, previous = previous, line
        if place < first:
            continue
        current = headings.get(place, current)
        if UNREAD_MARK in line.text:  # a line no reading read, joined to a heading or not
            raise unsure(
                "Maßnahmenliste unsicher gelesen: eine Zeile nicht lesbar",
                "a line of the measure list no reading could read",
                Provenance(line.page, line.line, line.text),
            )
        if says_none(line.text) and current in with_projects:
            raise _projects_and_none(current, Provenance(line.page, line.line, line.text))
        if place == first or place in read:
            continue
        if _LIST_END.match(line.text):
            return
        if not _LIST_EXTRA.search(line.text) and not _continues_heading(before, line, headings):
            raise unsure(
                "Maßnahmenliste unsicher gelesen",
                "a line of the measure list that is no heading or project",
                Provenance(line.page, line.line, line.text),
            )


def _projects_and_none(measure_type: int, provenance: Provenance) -> QuarantineError:
    """A measure read with projects and with a line saying it has none: one of the two is a
    misreading (a speck read as a bullet before a heading's wrapped end, "keine" below it)."""
    return unsure(
        f"Maßnahmenliste unsicher gelesen: Projekte und „keine“ unter Maßnahmenart {measure_type}",
        f"measure type {measure_type} read with projects and with 'keine'",
        provenance,
    )


def _check_heading_texts(record: AgreementRecord, doc: ExtractedDocument) -> None:
    """Each heading holds its measure type's name and its amount, nothing after them: a
    project line whose bullet was lost is joined to the heading above it as its wrapped end
    ("… Arbeitsmarktförderung (Mittelansatz: 89.200,00 EUR) BASS Studium"), and the project
    would be lost without a trace."""
    following = dict(zip(doc.lines, doc.lines[1:], strict=False))
    by_place = {(line.page, line.line): line for line in doc.lines}
    for measure in record.measures:
        if measure.provenance is None:
            continue
        heading = by_place.get((measure.provenance.page, measure.provenance.line))
        text = _HEADING_NUMBER.sub("", measure.provenance.text)
        rest = following.get(heading) if heading is not None else None
        if rest is not None and _continues_heading(
            heading, rest, {_place(heading): measure.measure_type}
        ):
            if any(_place(p.provenance) == _place(rest) for p in measure.projects):
                # a speck read as a bullet before the heading's wrapped end: a project too
                raise _project_in_heading(
                    measure.measure_type, Provenance(*_place(rest), rest.text)
                )
            text = f"{text} {rest.text}"  # wrapped where the join missed it
        name = split_amount(text)[0]
        if measure.projects and completes_name(
            name, measure.projects[0].name, measure.measure_type
        ):
            # a speck read as a bullet before the heading's wrapped end
            raise _project_in_heading(measure.measure_type, measure.projects[0].provenance)
        amounts = find_amounts(text)
        after = text[amounts[-1].end :] if amounts else ""
        if re.search(r"\w", after) or not ends_as_name(name, measure.measure_type):
            raise unsure(
                f"Maßnahmenliste unsicher gelesen: Überschrift der Maßnahmenart "
                f"{measure.measure_type} mit fremdem Text",
                f"the heading of measure type {measure.measure_type} holds more than its name",
                measure.provenance,
            )


def _project_in_heading(measure_type: int, provenance: Provenance | None) -> QuarantineError:
    """The unsure reason of a project line that is the wrapped end of its heading."""
    return unsure(
        f"Maßnahmenliste unsicher gelesen: Projekt als Teil der Überschrift der "
        f"Maßnahmenart {measure_type}",
        f"a project that ends the heading of measure type {measure_type}",
        provenance,
    )


def _place(line: SourceLine | Provenance) -> tuple[int, int]:
    return (line.page, line.line)


def _continues_heading(
    previous: SourceLine | None, line: SourceLine, headings: dict[tuple[int, int], int]
) -> bool:
    """``line`` is the rest of the heading before it, wrapped where the join of lines did not
    see the scanned heading reach the margin: together they are the measure type's whole name
    ("4. Weiterbildungsmaßnahmen … in der fachlichen" + "Verantwortung für Benachteiligte im
    Kontext der Arbeitsmarktförderung"), or its amount's currency alone
    (``measures.wrapped_currency_amount``)."""
    if previous is None or (previous.page, previous.line) not in headings:
        return False
    if wrapped_currency_amount(previous.text, line.text) is not None:
        return True  # "… (Mittelansatz: 366.150,00" + "EUR)"
    head = _HEADING_NUMBER.sub("", previous.text)
    rest = split_amount(line.text)[0]  # "… Arbeitsmarktförderung (Mittelansatz: 89.200,00 EUR)"
    return completes_name(head, rest, headings[(previous.page, previous.line)])


def _check_heading_order(record: AgreementRecord) -> None:
    """The four headings stand in their order, each once, and every project between its own
    heading and the next: a heading read late or twice moves projects to another type."""
    placed = [m for m in record.measures if m.provenance is not None]
    places = [(m.provenance.page, m.provenance.line) for m in placed]
    types = [m.measure_type for m in placed]
    if places != sorted(set(places)) or types != sorted(types):
        raise unsure(
            "Maßnahmenliste unsicher gelesen: Überschriften der Maßnahmenarten nicht in ihrer "
            "Reihenfolge",
            "the measure type headings are out of order",
            placed[0].provenance if placed else None,
        )
    bounds = [*places[1:], (10**9, 0)]
    for measure, start, end in zip(placed, places, bounds, strict=True):
        for project in measure.projects:
            if project.provenance is None:
                continue
            place = (project.provenance.page, project.provenance.line)
            if not start < place < end:
                raise unsure(
                    f"Maßnahmenliste unsicher gelesen: Projekt außerhalb der Maßnahmenart "
                    f"{measure.measure_type}",
                    f"a project outside measure type {measure.measure_type}",
                    project.provenance,
                )


def _agreed(doc: ExtractedDocument, place: tuple[int, int]) -> bool:
    """A second reading of the line gave the same letters and digits (pipelines.extract.ocr)."""
    return doc.agreed_confidence.get(place, 0.0) > 0.0


def _read_alike(doc: ExtractedDocument, place: tuple[int, int], name: str) -> bool:
    """Two readings spelled ``name`` alike: its whole line agreed, or every place the line
    holds the name's letters and digits lies within a run of words a later reading read the
    same (``ExtractedDocument.confirmed_segments``): the provider misread by the second reading
    leaves the project's name, read alike, as it is. A line whose readings agree on letters
    and digits but not on where its words break or on a mark between two words (a blank read
    inside a word, a dash one of them lost) agrees only in the runs of words read alike."""
    if _agreed(doc, place) and len(doc.confirmed_segments.get(place, ())) <= 1:
        return True
    wanted = letters_digits(name)
    line = next((line for line in doc.lines if (line.page, line.line) == place), None)
    if not wanted or line is None:
        return False
    found = sum(segment.count(wanted) for segment in doc.confirmed_segments.get(place, ()))
    return found >= max(1, letters_digits(line.text).count(wanted))


# a page's footer taken for a name, a name ending in a mark no name ends with (a speck read
# as a colon or a dash: "Digitale Grundbildung für Erwachsene:", "Perspektive Beruf 50plus -";
# two readings agree on letters, not marks), and a sentence: the measure list's closing one
# taken for a project behind a speck read as a bullet ("- Die Förderung der aufgeführten
# Maßnahmen erfolgt … Bescheides.", its "Die" read among a stamp's marks: "- ZN Förderung …"),
# or any of eight words or more ending in a full stop after a whole word (an abbreviation's stem
# is shorter: "… ohne Ausb.")
_NOT_A_NAME = re.compile(
    r"\bSeite\s+\d+\s+von\s+\d+\b|[:;,\-–]\s*$|^Die Förderung\b"
    r"|^\S{1,3}\s+Förderung der aufgeführten\b|(?:\S+\s+){7,}[^\W\d_]{8,}\.$"
)
_NAME_TOKEN = re.compile(r"[^\W\d_]{5,}")


def _misread_place(name: str) -> bool:
    """A word of the name one letter off a place's word ("Taunüs" for "Taunus", a speck read as
    the umlaut's dots) that ``restore_place_names`` left as read (near two places, or a known
    word): a district name a provider carries, misread."""
    places = place_tokens()
    return any(
        word not in places and any(one_edit_apart(word, place) for place in places)
        for word in _NAME_TOKEN.findall(name)
    )


_BRACKETS = re.compile(r"[()]")


def _misspaced_place(name: str) -> bool:
    """A place in the name whose letters are there but not its blanks and marks ("Limburg a.d.
    Lahn" for "Limburg a. d. Lahn", "Bad Homburg v.: d. Höhe"): two readings agree on letters,
    not on blanks and marks. Brackets around a place's word ("Hofheim am (Taunus)") are the
    name's own and do not count."""
    unbracketed, letters = _BRACKETS.sub("", name), letters_digits(name)
    return any(
        _BRACKETS.sub("", place) not in unbracketed and letters_digits(place) in letters
        for place in place_names()
        if not place.isalpha()
    )


def _name_words(
    doc: ExtractedDocument, place: tuple[int, int], name: str
) -> list[tuple[str, float]] | None:
    """The first reading's words of the line the name was read from (each with its
    confidence): the words of two letters or digits within the name. None when the line's words
    are unknown or one of the name's words is not among them (a repair changed it): then the
    whole line is judged. A misread provider beside a project no longer makes the project
    unsure, nor an umlaut in the provider's name the project's."""
    line_words = doc.word_confidences.get(place)
    wanted = letters_digits(name)
    if not line_words or not wanted:
        return None
    keyed = [(letters_digits(text), text, conf) for text, conf in line_words]
    found = [(text, conf) for key, text, conf in keyed if len(key) >= 2 and key in wanted]
    tokens = [key for key in map(letters_digits, name.split()) if len(key) >= 2]
    covered = all(any(token in key for key, _text, _conf in keyed) for token in tokens)
    return found if found and covered else None


def _row_figures_confidence(doc: ExtractedDocument, line: DecisionLine) -> float | None:
    """The lowest confidence of the words a decision line's figures were read from: its
    measure type's digit and its amounts. The row's number is not published, so a misread one
    ("2," at 64 before "1; Vorbereitung …; 117.550,00 EUR" read at 96 and 94) does not make the
    row unsure; nor is a measure type the row's place told (``measure_types_by_order``: it is
    unsure on its own). None when a figure is not found as words of its own (glued: "2,3;"):
    then the whole line is judged."""
    place = (line.provenance.page, line.provenance.line)
    words = doc.word_confidences.get(place)
    if not words:
        return None
    amounts = [a for a in (line.amount_eur, line.used_eur, line.reclaimed_eur) if a is not None]
    found = [conf for text, conf in words if _is_measure_word(text, line.measure_type)]
    if not found and not _marks_lost(line):
        return None
    for amount in amounts:
        run = _digit_run(words, f"{amount:.2f}".replace(".", ""))
        if run is None:
            return None
        found.extend(run)
    return min(found) if found else None


# a row's number and measure type read as one run of digits ("53;", "531,", "84"): where the
# number ends and which digit is the type only the row's place suggests (a mark between them,
# "7,3;", delimits the type's digit; such a word is judged with its line)
_GLUED_MARKS_WORD = re.compile(r"\d{2,4}[;:,.]?")


def _glued_marks_confidence(doc: ExtractedDocument, line: DecisionLine) -> float | None:
    """The confidence of the word a decision line's number and measure type were read from as
    one ("53;" for "5; 3;", pipelines.parse.ocr_noise ``repair_table_rows``), or None where the
    measure type was read as a word of its own (``_row_figures_confidence`` judges it) or the
    marks were lost. Judged on its own: the sum of the amounts confirms them, not the type,
    so a line both of a model's readings read alike vouches for no glued digit. Seed 8585:
    "5; 3; I, Absolventenmanagement" read "531," at 55 and "53;" at 0, twice alike each, the
    "I," of the name lost; the row landed as type 1, then without its "I,"."""
    words = doc.word_confidences.get((line.provenance.page, line.provenance.line))
    if not words or _marks_lost(line) or _own_measure_word(words[:2], line.measure_type):
        return None
    first_text, first_conf = words[0]
    if not _GLUED_MARKS_WORD.fullmatch(first_text):
        return None
    return first_conf


def _glued_unsure(doc: ExtractedDocument, line: DecisionLine) -> bool:
    """The line's measure type was read glued to its number below ``MIN_CONFIDENCE``."""
    glued = _glued_marks_confidence(doc, line)
    return glued is not None and glued < MIN_CONFIDENCE


def _own_measure_word(words: Sequence[tuple[str, float]], measure_type: int) -> bool:
    """One of ``words`` is the measure type's digit alone (``_is_measure_word``)."""
    return any(_is_measure_word(text, measure_type) for text, _conf in words)


def _is_measure_word(text: str, measure_type: int) -> bool:
    """``text`` is the word of measure type ``measure_type``'s digit ("3;", "3,", "3")."""
    return bool(re.fullmatch(r"[1-4][;:,.]?", text)) and text[0] == str(measure_type)


def _amount_read(
    doc: ExtractedDocument, provenance: Provenance | None, amount: Decimal | None
) -> float | None:
    """The lowest confidence of the words an amount was read from: the year or the section
    number beside it ("im Jahr 2025 … insgesamt", "§ 4") is no part of it. None when it is not
    found as words of its own (a letter read for a digit and repaired): then the line's; 0 when
    its digits stand inside a word holding more digits (a part of a longer number as read)."""
    if provenance is None or amount is None:
        return None
    words = doc.word_confidences.get((provenance.page, provenance.line))
    if not words:
        return None
    written = _amount_digits(amount)
    runs = [_digit_run(words, digits) for digits in written]
    found = [min(run) for run in runs if run]
    if found:
        return min(found)
    return 0.0 if _inside_longer_number(doc, provenance, amount) else None


def _inside_longer_number(
    doc: ExtractedDocument, provenance: Provenance | None, amount: Decimal | None
) -> bool:
    """Whether an amount's digits stand only inside a word holding more digits: "1:334.550"
    read as 334.550, "3.250:550,00" (read so by both models at 90 and 86, and alike when the
    line was read alone) as 550,00. A part of a longer number as read is unsure however surely
    its line was read, alone or not."""
    if provenance is None or amount is None:
        return False
    words = doc.word_confidences.get((provenance.page, provenance.line), ())
    written = _amount_digits(amount)
    if any(_digit_run(words, digits) for digits in written):
        return False
    held = [re.sub(r"\D", "", text) for text, _conf in words]
    return any(digits in other and other != digits for digits in written for other in held)


def _date_read(
    doc: ExtractedDocument, provenance: Provenance, signed: date, budget_year: int
) -> float | None:
    """The lowest confidence of the words a worded date was read from ("29." "Juli" "2025"):
    its day and its month name, and its year unless that is the agreement's budget year (held
    against the file name) on a line a second reading spelled alike, two sources then
    agreeing on it. None for a date that is no three words of its own (one word "26.05.2025":
    its digits are judged together): then the line's digits."""
    place = (provenance.page, provenance.line)
    words = doc.word_confidences.get(place, ())
    day = [conf for text, conf in words if re.fullmatch(rf"0?{signed.day}\.", text)]
    month = [
        conf
        for text, conf in words
        if MONTHS.get(re.sub(r"\W", "", text).casefold()) == signed.month
    ]
    year = [conf for text, conf in words if re.sub(r"\W", "", text) == str(signed.year)]
    if len(day) != 1 or len(month) != 1 or len(year) != 1:
        return None
    if signed.year == budget_year and _agreed(doc, place):
        return min(day[0], month[0])
    return min(day[0], month[0], year[0])


# a word of one to three digits alone: the first group of a longer number split by a blank
_DIGIT_GROUP = re.compile(r"\d{1,3}")


def _split_from_longer_number(
    doc: ExtractedDocument, provenance: Provenance | None, amount: Decimal | None
) -> bool:
    """Whether the words an amount was read from follow a word that is a digit group alone:
    "917.200,00" read at 200 dpi as "91 7.200,00" by both models, at 92 and again when the
    line was read alone, gave a budget of 7.200,00 that nothing in an agreement without
    per-measure amounts sums against. However surely read, the amount may be the end of a
    longer number: unsure."""
    if provenance is None or amount is None:
        return False
    page, line = provenance.page, provenance.line
    # the previous line's last word too: the group may end the line before ("insgesamt 91")
    words = (
        *doc.word_confidences.get((page, line - 1), ())[-1:],
        *doc.word_confidences.get((page, line), ()),
    )
    return any(_after_digit_group(words, digits) for digits in _amount_digits(amount))


def _after_digit_group(words: tuple[tuple[str, float], ...], digits: str) -> bool:
    """Whether a run of words holding ``digits`` follows a word that is a digit group alone."""
    return any(
        _DIGIT_GROUP.fullmatch(words[start - 1][0]) and _run_end(words, start, digits) is not None
        for start in range(1, len(words))
    )


def _run_end(words: tuple[tuple[str, float], ...], start: int, digits: str) -> int | None:
    """The index of the last word of the run from ``start`` (each word holding a digit, side
    by side) whose digits together are ``digits``, or None."""
    held = ""
    for end in range(start, len(words)):
        part = "".join(char for char in words[end][0] if char.isdigit())
        if not part:
            return None
        held += part
        if held == digits:
            return end
        if not digits.startswith(held):
            return None
    return None


def _digit_run(words: tuple[tuple[str, float], ...], digits: str) -> list[float] | None:
    """Confidences of the words (each holding a digit, side by side) whose digits together
    are ``digits`` (an amount split by a blank: "117. 550,00"), the lowest-read such run."""
    runs = [
        [conf for _text, conf in words[start : end + 1]]
        for start in range(len(words))
        if (end := _run_end(words, start, digits)) is not None
    ]
    return min(runs, key=min) if runs else None


def _check_name(
    doc: ExtractedDocument,
    name: str | None,
    provenance: Provenance | None,
    field_de: str,
    field_en: str,
) -> None:
    """A name read from a scan lands as read: only where two readings spelled it alike, its
    own words (``_name_words``) were read with some confidence at the first reading, no word of
    it is a known word misread ("Sprurigbrett" for "Sprungbrett", read alike twice at 91:
    ``misread_word``) and nothing in it is what OCR noise leaves (``_NAME_NOISE``); else it is
    unsure."""
    if provenance is None or name is None:
        return
    place = (provenance.page, provenance.line)
    words = _name_words(doc, place, name)
    if words is None:  # the line's words unknown or the name not made of them: the whole line
        confidence = doc.text_confidence.get(place, 100.0)
        umlauts = doc.umlaut_confidence.get(place, 100.0)
        hyphens = confidence
    else:
        confidence = min(_word_confidence(text, conf) for text, conf in words)
        umlauts = min((conf for text, conf in words if umlaut_in_doubt(text)), default=100.0)
        hyphens = min(
            (conf for text, conf in words if _JOINED.search(text) and not surely_a_place(text)),
            default=100.0,
        )
    if (
        confidence < MIN_NAME_CONFIDENCE
        or (place[0] in doc.ocr_pages and not _read_alike(doc, place, name))
        or (umlauts < MIN_UMLAUT_CONFIDENCE and UMLAUT.search(name))
        or _NAME_NOISE.search(name)
        or _STRAY_FIRST_WORD.match(name)
        or _dot_joins_words(name)
        or _NOT_A_NAME.search(name)
        or _unbalanced(name)
        or _misread_place(name)
        or _misspaced_place(name)
        or misread_word(name)
        or glued_word(name)
        or speck_after_word(name)
        or comma_after_stem(name)
        or (hyphens < MIN_HYPHEN_CONFIDENCE and _JOINED.search(name))
    ):
        raise unsure(f"{field_de} unsicher gelesen", field_en, provenance)


def _unbalanced(name: str) -> bool:
    """A bracket or straight quotation mark the name opens and never closes, or closes
    unopened: OCR lost one of the pair ('Gesundheitsmaßnahme "Fit in den Beruf' read at 71,
    the print closing the quote), for no name is printed so. Typographic quotes are noise on
    their own (``_NAME_NOISE``)."""
    return name.count("(") != name.count(")") or name.count('"') % 2 == 1


def _word_confidence(text: str, confidence: float) -> float:
    """A name word's confidence, a word the list knows that no confusion makes of another
    (``surely_spelled``) or a place no other is a letter from (``surely_a_place``) counting as
    sure enough: its two readings (``_read_alike``) then say what was printed."""
    if confidence < _UNREAD_WORD_CONFIDENCE:
        return confidence
    sure = surely_spelled(text) or surely_a_place(text)
    return max(confidence, MIN_NAME_CONFIDENCE) if sure else confidence


def _dot_joins_words(name: str) -> bool:
    """A dot between two words that is no abbreviation inside a compound: a space misread."""
    for compound in abbreviated_compounds(name):
        name = name.replace(compound, compound.replace(".", ""))
    return bool(_DOT_JOIN.search(name))


def _check_row_order(record: DecisionRecord) -> None:
    """The rows stand in the order of their measure types (docs/formats.md §2): a row of a
    lower type after a higher one was misread. Seed 8585: "5; 3; I, Absolventenmanagement" read
    "5; 1; Absolventenmanagement" after a row of type 2, at 55, and landed as type 1. A row
    whose measure type its place left open (``UNTOLD_MEASURE_TYPE``) is judged on its own."""
    highest = 0
    for line in record.lines:
        if line.measure_type == UNTOLD_MEASURE_TYPE:
            continue
        if line.measure_type < highest:
            raise unsure(
                "Maßnahmenart unsicher gelesen: Zeilen nicht in der Reihenfolge ihrer "
                "Maßnahmenarten",
                "a row's measure type breaks the order of the rows",
                line.provenance,
            )
        highest = line.measure_type


def check_decision(
    record: DecisionRecord,
    doc: ExtractedDocument,
    source_name: str,
    checked_names: Mapping[NamePlace, str] | None = None,
) -> None:
    """Raise ``SCAN_UNSURE`` when a key field of a scanned decision letter is unsure or
    inconsistent. ``checked_names``: names the other OCR model read alike and surely
    (``surely_read_names``)."""
    provenance = record.provenance
    names = name_places(record)
    _check_row_order(record)
    # the line amounts are summed against the total below; the final columns are not
    summed = all(line.used_eur is None and line.reclaimed_eur is None for line in record.lines)
    by_order = measure_types_by_order(record)
    for index, line in enumerate(record.lines):
        _check_confident(
            doc,
            line.provenance,
            "Betrag unsicher gelesen",
            "decision line amount",
            summed,
            _row_figures_confidence(doc, line),
        )
        measure = str(line.measure_type)
        checked_type = (checked_names or {}).get(("measure_type", index)) == measure
        if _glued_unsure(doc, line) and not checked_type:
            raise unsure(
                "Maßnahmenart unsicher gelesen",
                "measure type read glued to the row's number",
                line.provenance,
            )
        if index in by_order and (checked_names or {}).get(("measure_type", index)) != measure:
            raise unsure(
                "Maßnahmenart nicht gelesen, aus der Reihenfolge der Zeilen geschlossen",
                "measure type not read, taken from the order of the rows",
                line.provenance,
            )
        for field in NAME_FIELDS:
            _check_name_at(doc, (field, index), names[field, index], checked_names or {})
    for name in ("total_eur", "used_total_eur", "reclaimed_total_eur"):
        confirmed = summed and name == "total_eur"
        place = provenance.get(name)
        _check_amount(
            doc, place, getattr(record, name), ("Betrag unsicher gelesen", name), confirmed
        )
    _check_confident(
        doc, provenance.get("decision_date"), "Bescheiddatum unsicher gelesen", "decision date"
    )
    # a file named after exactly this file number ("RPKS-57-AQB-2025-06411-02_….pdf"): what is
    # published equals an independent source, however surely the line was read
    if not _names_file_number(source_name, record.decision_id):
        _check_confident(
            doc, provenance.get("decision_id"), "Aktenzeichen unsicher gelesen", "file number"
        )
    if sum((line.amount_eur for line in record.lines), Decimal(0)) != record.total_eur:
        raise unsure(
            "Betrag unsicher gelesen: die Projektbeträge ergeben nicht den Gesamtbetrag",
            "the decision lines do not sum to the total",
            provenance.get("total_eur"),
        )
    number = DECISION_ID_PATTERN.match(record.decision_id)
    if number is None:  # cut short ("RPKS-57-AQB-2025-0661" for "…-06611-01") or garbled
        raise unsure(
            "Aktenzeichen unsicher gelesen: nicht vollständig",
            "the file number is incomplete",
            provenance.get("decision_id"),
        )
    if (int(number.group("year")), number.group("ags")) != (record.year, record.district_ags):
        raise unsure(
            "Aktenzeichen unsicher gelesen: Jahr oder Gebietskörperschaft passen nicht",
            "the file number contradicts the year or district",
            provenance.get("decision_id"),
        )
    _check_reference(record, doc, number)
    _check_file_name(source_name, record.district_ags, record.year, provenance)


def _check_reference(record: DecisionRecord, doc: ExtractedDocument, own: re.Match[str]) -> None:
    """The earlier decision a letter refers to ("Bezug: … Aktenzeichen RPKS-…-01") links the
    decisions of one grant: it must be a whole file number of the same year and district with a
    lower sequence number than the letter's own, read surely (or twice alike, that structure
    confirming the rest)."""
    if record.refers_to is None:
        return
    place = record.provenance.get("refers_to")
    earlier = DECISION_ID_PATTERN.match(record.refers_to)
    if (
        earlier is None
        or (earlier.group("year"), earlier.group("ags")) != (own.group("year"), own.group("ags"))
        or int(earlier.group("seq")) >= int(own.group("seq"))
    ):
        raise unsure(
            "Bezug unsicher gelesen: kein früherer Bescheid dieser Zuwendung",
            "the reference names no earlier decision of this grant",
            place,
        )
    _check_confident(doc, place, "Bezug unsicher gelesen", "reference", confirmed=True)


def _names_file_number(source_name: str, decision_id: str) -> bool:
    """The file name holds exactly this file number (not a longer one it begins)."""
    pattern = rf"(?<![0-9A-Za-z-]){re.escape(decision_id)}(?![0-9A-Za-z-])"
    return re.search(pattern, PurePath(source_name).name) is not None


def _check_file_name(
    source_name: str, district_ags: str, year: int, provenance: dict[str, Provenance]
) -> None:
    """District key and year in the file name (where it names them) must match the reading."""
    stem = PurePath(source_name).name
    keys = set(_FILE_AGS.findall(stem))
    if keys and district_ags not in keys:
        raise unsure(
            "Gebietskörperschaft unsicher gelesen: passt nicht zum Dateinamen",
            "the district contradicts the file name",
            provenance.get("district"),
        )
    years = {int(found) for found in _FILE_YEAR.findall(stem)}
    if years and year not in years:
        raise unsure(
            "Haushaltsjahr unsicher gelesen: passt nicht zum Dateinamen",
            "the year contradicts the file name",
            provenance.get("year"),
        )
