"""A scanned decision letter's row whose number and measure type OCR lost ("5% Kompetenzagentur
…; Träger; 124.950,00 EUR"): read by the rows' order (``pipelines.parse.decision_letter``),
held on its project and measure type (``pipelines.parse.scan_checks``) and landed only where
the district's documents file that project under that measure type
(``pipelines.parse.confirm``). A text layer's row so garbled stays a bad row."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pipelines.extract import TEXT, extract_document
from pipelines.extract.ocr import AGREED_CONFIDENCE
from pipelines.parse.confirm import (
    confirmed,
    confirming_documents,
    filed_under,
    known_names,
    names_of,
    unsure_names_json,
)
from pipelines.parse.decision_letter import UNTOLD_MEASURE_TYPE, parse_decision_letter
from pipelines.parse.held import (
    Release,
    held_fields,
    held_figures_agree,
    held_measure_type,
    held_reading_json,
    measure_type_untold,
    open_measure_types,
    reading_hash,
    released,
)
from pipelines.parse.records import ParseOutcome, QuarantineError
from pipelines.parse.scan_checks import check_decision, unsure_names_alone
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex
from tests.support import decision_records as dec

DISTRICTS = DistrictIndex.shipped()
SOURCE = "RPKS-57-AQB-2025-06431-01_zuwendungsbescheid_scan.pdf"
SCAN_SHA, FIRST_SHA = "5c" * 32, "1a" * 32
LINES = [
    (1, "Vorbereitung TZ Ausbildung", "Jugendwerkstatt Heppenheim e.V.", "180100.00"),
    (1, "Praxisklasse Bensheim", "Kolping-Bildungswerk gGmbH", "91200.00"),
    (3, "Absolventenmanagement I", "Kolping-Bildungswerk gGmbH", "134500.00"),
    (3, "Kompetenzfeststellung und Profiling", "Arbeit und Bildung Bergstraße e.V.", "133700.00"),
    (3, "Digitalisierung Migration", "Zentrum für Weiterbildung Heppenheim gGmbH", "114950.00"),
    (4, "Fachtag Übergang Schule-Beruf", "Caritasverband Bergstraße e.V.", "79550.00"),
    (4, "Fortbildung Fallmanagement", "Caritasverband Bergstraße e.V.", "51750.00"),
]
# the row the tests read without its marks: between two rows of measure type 3
LOST = 4


def _printed(lines=LINES):
    return dec.decision("RPKS-57-AQB-2025-06431-01", "first", date(2025, 4, 24), lines)


def _letter(lost: int, marks: str, lines=LINES) -> str:
    """The letter with row ``lost`` (1-based) read as ``marks`` where "N; M; " stood."""
    text = dec.render_letter(_printed(lines), "den Landkreis Bergstraße")
    number, measure_type = lost, lines[lost - 1][0]
    row = f"{number}; {measure_type}; {lines[lost - 1][1]};"
    assert text.count(row) == 1
    return text.replace(row, f"{marks}{lines[lost - 1][1]};")


def _scan(text: str):
    """The letter's text as if its page were a scan read twice alike, every word surely."""
    doc = extract_document(text.encode(), TEXT)
    agreed = {(line.page, line.line): AGREED_CONFIDENCE for line in doc.lines}
    return replace(doc, ocr_pages=(1,), agreed_confidence=agreed, confidence=dict(agreed))


@pytest.mark.parametrize(
    "marks", ["5% ", "545 ", "7A ", "SF ", "vs ", "Bw2r ", "710,9, ", "are ", ""]
)
def test_a_scanned_row_that_lost_its_marks_is_read_by_its_place(marks: str) -> None:
    record = parse_decision_letter(_scan(_letter(LOST, marks)), DISTRICTS)
    assert [(line.measure_type, line.project) for line in record.lines] == [
        (measure_type, project) for measure_type, project, _provider, _amount in LINES
    ]
    lost = record.lines[LOST - 1]
    assert lost.amount_eur == Decimal("133700.00")
    assert lost.provider == "Arbeit und Bildung Bergstraße e.V."
    assert lost.provenance.text.startswith(f"{marks}Kompetenzfeststellung")
    assert record.total_eur == sum(Decimal(amount) for *_rest, amount in LINES)


def test_a_text_layers_row_without_its_marks_stays_a_bad_row() -> None:
    text = extract_document(_letter(LOST, "5% ").encode(), TEXT)
    with pytest.raises(QuarantineError) as raised:
        parse_decision_letter(text, DISTRICTS)
    assert raised.value.code is Reason.BAD_PROJECT_ROW


@pytest.mark.parametrize(
    ("lines", "lost", "measure_type"),
    [
        # a first row before one of type 1, a last after one of type 4
        (LINES, 1, "1"),
        (LINES, 7, "4"),
        # between two rows of one type
        (LINES, 4, "3"),
        # between 1 and 3, between 3 and 4, a first before 3, a last after 3: its place allows
        # two types or more, which it holds for the district's documents to tell
        (LINES, 2, "1-3"),
        (LINES, 6, "3-4"),
        (LINES[2:], 1, "1-3"),
        (LINES[:5], 5, "3-4"),
    ],
)
def test_a_place_tells_a_measure_type_or_the_range_it_allows(lines, lost, measure_type) -> None:
    record = parse_decision_letter(_scan(_letter(lost, "5% ", lines)), DISTRICTS)
    told = record.lines[lost - 1].measure_type
    assert (told == UNTOLD_MEASURE_TYPE) == ("-" in measure_type)
    assert held_measure_type(record.lines, lost - 1) == measure_type
    assert measure_type_untold(record) == ("-" in measure_type)
    held = {item.key: item.value for item in held_fields(record)}
    assert held[f"line_measure_type:{lost}"] == measure_type


def test_a_lost_row_between_rows_out_of_order_quarantines_the_letter() -> None:
    lines = [LINES[0], (3, *LINES[1][1:]), *LINES[2:3], (1, *LINES[3][1:]), *LINES[4:]]
    lost_between = 3  # after a row of type 3, before one of type 1
    with pytest.raises(QuarantineError) as raised:
        parse_decision_letter(_scan(_letter(lost_between, "5% ", lines)), DISTRICTS)
    assert raised.value.code is Reason.BAD_PROJECT_ROW
    assert "out of the order of measure types" in raised.value.reason


@pytest.mark.parametrize("marks", ["ar 2; ", "3:8; ", "7,9; ", "1; ", "5 3; "])
def test_a_first_cell_left_of_a_rows_marks_alone_is_read_as_lost(marks: str) -> None:
    """One field short: the row's number and measure type read as one cell ("ar 2" for
    "4; 3"), the row read by its place like a row that lost them."""
    record = parse_decision_letter(_scan(_letter(LOST, marks)), DISTRICTS)
    assert [(line.measure_type, line.project) for line in record.lines] == [
        (measure_type, project) for measure_type, project, _provider, _amount in LINES
    ]
    assert record.lines[LOST - 1].provenance.text.startswith(marks)


@pytest.mark.parametrize("marks", ["Fit; ", "Kompetenz; ", "ar 2 b; ", "1234567; "])
def test_a_first_cell_that_may_be_a_name_keeps_the_row_bad(marks: str) -> None:
    with pytest.raises(QuarantineError) as raised:
        parse_decision_letter(_scan(_letter(LOST, marks)), DISTRICTS)
    assert raised.value.code is Reason.BAD_PROJECT_ROW
    assert "4 fields instead of 5" in raised.value.reason


@pytest.mark.parametrize("name", ["50plus Perspektive Beruf", "Fit für die Ausbildung"])
def test_a_names_own_first_word_is_no_lost_mark(name: str) -> None:
    lines = [*LINES[:3], (3, name, *LINES[3][2:]), *LINES[4:]]
    record = parse_decision_letter(_scan(_letter(LOST, "", lines)), DISTRICTS)
    assert record.lines[LOST - 1].project == name


def test_a_measure_type_told_by_order_and_its_project_are_unsure_and_alone_hold_it() -> None:
    doc = _scan(_letter(LOST, "5% "))
    record = parse_decision_letter(doc, DISTRICTS)
    with pytest.raises(QuarantineError) as raised:
        check_decision(record, doc, SOURCE)
    assert raised.value.code is Reason.SCAN_UNSURE
    assert raised.value.detail_de.startswith("Maßnahmenart nicht gelesen")
    assert unsure_names_alone(record, doc, SOURCE) == ("line_project:4", "line_measure_type:4")
    # a row whose marks were read is judged as ever: nothing of it is unsure
    check_decision(*_read(_letter(LOST, "4; 3; ")))


def _read(text: str):
    doc = _scan(text)
    return parse_decision_letter(doc, DISTRICTS), doc, SOURCE


def _held_by_order(record) -> ParseOutcome:
    return ParseOutcome(
        SOURCE,
        SCAN_SHA,
        "quarantined",
        "Scan read with uncertainty: measure type not read, taken from the order of the rows "
        "(page 1, line 17); the document is held for review.",
        None,
        reason_code=Reason.SCAN_UNSURE.value,
        held=replace(record, from_scan=True),
        unsure_names=("line_project:4", "line_measure_type:4"),
    )


def _known(*lines) -> dict:
    """What a document of the district with a text layer holds: a decision of ``lines``."""
    other = replace(_printed(lines), decision_id="RPKS-57-AQB-2025-06431-02")
    return known_names({FIRST_SHA: (other,)})


def test_the_districts_document_filing_the_project_under_that_type_lands_it() -> None:
    record = parse_decision_letter(_scan(_letter(LOST, "5% ")), DISTRICTS)
    landed = confirmed(_held_by_order(record), _known(*LINES))
    assert landed.status == "ok" and landed.names_confirmed_by == FIRST_SHA
    assert landed.decisions[0].lines[LOST - 1].measure_type == 3


@pytest.mark.parametrize(
    "known_lines",
    [
        # filed under another measure type
        [*LINES[:3], (2, *LINES[3][1:]), *LINES[4:]],
        # not held at all, or the name read is not the one held
        [*LINES[:3], *LINES[4:]],
        [*LINES[:3], (3, "Kompetenzfeststellung", *LINES[3][2:]), *LINES[4:]],
        # filed under two measure types in the same year
        [*LINES, (2, *LINES[3][1:])],
    ],
)
def test_no_other_filing_lands_a_measure_type_told_by_order(known_lines) -> None:
    record = parse_decision_letter(_scan(_letter(LOST, "5% ")), DISTRICTS)
    held = _held_by_order(record)
    assert confirmed(held, _known(*known_lines)) == held


def test_a_project_is_filed_under_its_measure_type() -> None:
    filed = [name for field, name in names_of(_printed()) if field == "line_measure_type"]
    assert filed == [filed_under(m, project) for m, project, _provider, _amount in LINES]
    assert filed_under(3, "Jobdatings") == "3 Jobdatings"


def test_a_scanned_lines_fragment_without_an_amount_is_no_row_of_its_own() -> None:
    """A stamp's residue read as a line of its own between two rows ("krahk") starts no row:
    only a line ending with an amount does."""
    row = "5; 3; Digitalisierung Migration;"
    text = dec.render_letter(_printed(), "den Landkreis Bergstraße").replace(row, f"krahk\n{row}")
    record = parse_decision_letter(_scan(text), DISTRICTS)
    assert [line.project for line in record.lines] == [project for _m, project, *_rest in LINES]


# the row the range tests read without its marks: between rows of measure types 1 and 3
OPEN = 3


def _held_open(record) -> ParseOutcome:
    keys = (f"line_project:{OPEN}", f"line_measure_type:{OPEN}")
    return replace(_held_by_order(record), unsure_names=keys)


def test_a_range_is_unsure_and_alone_holds_the_letter() -> None:
    doc = _scan(_letter(OPEN, "5% "))
    record = parse_decision_letter(doc, DISTRICTS)
    with pytest.raises(QuarantineError) as raised:
        check_decision(record, doc, SOURCE)
    assert raised.value.detail_de.startswith("Maßnahmenart nicht gelesen")
    assert unsure_names_alone(record, doc, SOURCE) == (
        f"line_project:{OPEN}",
        f"line_measure_type:{OPEN}",
    )


@pytest.mark.parametrize("filed_under_type", [1, 2, 3])
def test_the_districts_filing_within_the_range_tells_the_measure_type(filed_under_type) -> None:
    record = parse_decision_letter(_scan(_letter(OPEN, "5% ")), DISTRICTS)
    known = [*LINES[: OPEN - 1], (filed_under_type, *LINES[OPEN - 1][1:]), *LINES[OPEN:]]
    landed = confirmed(_held_open(record), _known(*known))
    assert landed.status == "ok" and landed.names_confirmed_by == FIRST_SHA
    assert landed.decisions[0].lines[OPEN - 1].measure_type == filed_under_type
    assert landed.names_corrected is None
    others = [line for index, line in enumerate(landed.decisions[0].lines) if index != OPEN - 1]
    assert others == [line for index, line in enumerate(record.lines) if index != OPEN - 1]


@pytest.mark.parametrize(
    "known_lines",
    [
        # filed under a measure type the row's place does not allow
        [*LINES[: OPEN - 1], (4, *LINES[OPEN - 1][1:]), *LINES[OPEN:]],
        # not held, or filed under two measure types the place allows
        [*LINES[: OPEN - 1], *LINES[OPEN:]],
        [*LINES, (2, *LINES[OPEN - 1][1:])],
    ],
)
def test_no_filing_outside_the_range_or_twice_tells_it(known_lines) -> None:
    record = parse_decision_letter(_scan(_letter(OPEN, "5% ")), DISTRICTS)
    held = _held_open(record)
    assert confirmed(held, _known(*known_lines)) == held


def test_a_reviewer_cannot_release_a_reading_whose_measure_type_is_open() -> None:
    record = replace(parse_decision_letter(_scan(_letter(OPEN, "5% ")), DISTRICTS), from_scan=True)
    held = _held_open(record)
    assert released(held, {SCAN_SHA: Release("r1", reading_hash(record))}) == held
    told = replace(parse_decision_letter(_scan(_letter(LOST, "5% ")), DISTRICTS), from_scan=True)
    by_order = _held_by_order(told)
    assert released(by_order, {SCAN_SHA: Release("r1", reading_hash(told))}).status == "ok"
    # nor can the review page record such a release: the reading as stored names what is open
    assert open_measure_types(json.loads(held_reading_json(record))) == (
        f"line_measure_type:{OPEN}",
    )
    assert open_measure_types(json.loads(held_reading_json(told))) == ()


@pytest.mark.parametrize(("filed_under_type", "lands"), [(2, True), (4, False)])
def test_a_later_ingest_sees_the_range_as_the_loader_keeps_it(filed_under_type, lands) -> None:
    """What the loader keeps of the held reading (``unsure_names_json``) holds the range, so a
    district document filed later tells whether the letter now lands."""
    record = parse_decision_letter(_scan(_letter(OPEN, "5% ")), DISTRICTS)
    kept = json.loads(unsure_names_json(_held_open(record)))
    assert kept["names"][f"line_measure_type:{OPEN}"] == "1-3"
    known = [*LINES[: OPEN - 1], (filed_under_type, *LINES[OPEN - 1][1:]), *LINES[OPEN:]]
    sources = confirming_documents(
        kept["district_ags"], kept["year"], kept["names"], _known(*known), kept["sure_names"]
    )
    assert sources == ((FIRST_SHA,) if lands else None)


def test_a_scanned_row_of_a_lower_measure_type_after_a_higher_one_is_unsure() -> None:
    """Rows stand in the order of their measure types: seed 8585 read "5; 3; I,
    Absolventenmanagement" as "5; 1; Absolventenmanagement" after a row of type 2."""
    misread = _letter(LOST, f"{LOST}; 1; ")  # type 1 after rows of type 3
    record, doc, source = _read(misread)
    with pytest.raises(QuarantineError) as raised:
        check_decision(record, doc, source)
    assert raised.value.code is Reason.SCAN_UNSURE
    assert raised.value.detail_de.startswith("Maßnahmenart unsicher gelesen: Zeilen nicht")
    assert f"line {record.lines[LOST - 1].provenance.line})" in raised.value.reason
    check_decision(*_read(_letter(LOST, f"{LOST}; 3; ")))  # type 3 there keeps the order


def _with_row_words(text: str, row: int, words) -> tuple:
    """The letter read as a scan, row ``row``'s words read at the given confidences."""
    record, doc, source = _read(text)
    place = (record.lines[row - 1].provenance.page, record.lines[row - 1].provenance.line)
    return record, replace(doc, word_confidences={place: tuple(words)}), source


@pytest.mark.parametrize(
    ("marks", "unsure"),
    [
        # the number and measure type read as one word: judged by that word alone
        ((("33;", 0.0),), True),
        ((("33;", 79.0),), True),
        ((("33;", 80.0),), False),
        ((("331,", 55.0),), True),
        # a mark between the number and the type delimits the type's digit: judged with its line
        ((("3,3;", 55.0),), False),
        ((("3:3;", 16.0),), False),
        # the measure type a word of its own: the row's number is not published
        ((("3;", 10.0), ("3;", 96.0)), False),
        ((("3", 10.0), ("3,", 96.0)), False),
    ],
)
def test_a_measure_type_glued_to_the_rows_number_is_judged_by_that_word(marks, unsure) -> None:
    """Seed 8585: "53;" at 0 on a line both of the model's readings read alike, which vouches
    for the amounts (they sum to the total), not for a glued measure type."""
    name_words = [(word, 96.0) for word in LINES[OPEN - 1][1].split()]
    record, doc, source = _with_row_words(_letter(OPEN, "3; 3; "), OPEN, [*marks, *name_words])
    if not unsure:
        check_decision(record, doc, source)
        return
    with pytest.raises(QuarantineError) as raised:
        check_decision(record, doc, source)
    assert raised.value.detail_de.startswith("Maßnahmenart unsicher gelesen (Seite")


def test_a_glued_measure_type_read_low_holds_the_letter_on_it_and_its_project() -> None:
    """Where the name begins is as unsure as the glued type ("531," took the "I," of "I,
    Absolventenmanagement"): both are held, and land only as the district's documents file
    the project (seed 1111: "73" at 23 before "Integrationslotsen Bad Hersfeld")."""
    name_words = [(word, 96.0) for word in LINES[OPEN - 1][1].split()]
    record, doc, source = _with_row_words(
        _letter(OPEN, f"{OPEN}; 3; "), OPEN, [("33;", 23.0), *name_words]
    )
    keys = (f"line_project:{OPEN}", f"line_measure_type:{OPEN}")
    assert unsure_names_alone(record, doc, source) == keys
    held = replace(_held_by_order(replace(record, from_scan=True)), unsure_names=keys)
    landed = confirmed(held, _known(*LINES))
    assert landed.status == "ok" and landed.decisions[0].lines[OPEN - 1].measure_type == 3
    other_type = [*LINES[: OPEN - 1], (2, *LINES[OPEN - 1][1:]), *LINES[OPEN:]]
    assert confirmed(held, _known(*other_type)) == held


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        (None, "1", True),
        (None, "3", True),
        ("2", None, True),
        (None, None, True),
        (None, "4", False),
        ("2", "3", False),
    ],
)
def test_a_model_that_read_nothing_of_a_rows_marks_contradicts_no_digit_of_its_range(
    first, second, agree
) -> None:
    """Seed 1111: the second model lost "7; 3;" between rows of types 3 and 4 ("3-4"), the
    first read "73" low: the readings' figures agree, so the letter may still land where the
    district's documents file the project under 3 (``pipelines.parse.dispatch``). None: the
    row read without its marks, between types 1 and 3 ("1-3")."""

    def reading(measure_type: str | None):
        marks = "5% " if measure_type is None else f"{OPEN}; {measure_type}; "
        return parse_decision_letter(_scan(_letter(OPEN, marks)), DISTRICTS)

    assert held_figures_agree(reading(first), reading(second)) is agree
