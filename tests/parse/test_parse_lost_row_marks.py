"""A scanned decision letter's row whose number and measure type OCR lost ("5% Kompetenzagentur
…; Träger; 124.950,00 EUR"): read by the rows' order (``pipelines.parse.decision_letter``),
held on its project and measure type (``pipelines.parse.scan_checks``) and landed only where
the district's documents file that project under that measure type
(``pipelines.parse.confirm``). A text layer's row so garbled stays a bad row."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pipelines.extract import TEXT, extract_document
from pipelines.extract.ocr import AGREED_CONFIDENCE
from pipelines.parse.confirm import confirmed, filed_under, known_names, names_of
from pipelines.parse.decision_letter import parse_decision_letter
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
        (LINES, 1, 1),
        (LINES, 7, 4),
        # between two rows of one type
        (LINES, 4, 3),
        # between 1 and 3, between 3 and 4, a first before 3, a last after 3: its place allows
        # two types or more
        (LINES, 2, None),
        (LINES, 6, None),
        (LINES[2:], 1, None),
        (LINES[:5], 5, None),
    ],
)
def test_only_a_place_that_allows_one_measure_type_tells_it(lines, lost, measure_type) -> None:
    doc = _scan(_letter(lost, "5% ", lines))
    if measure_type is None:
        with pytest.raises(QuarantineError) as raised:
            parse_decision_letter(doc, DISTRICTS)
        assert raised.value.code is Reason.BAD_PROJECT_ROW
        assert "do not tell its measure type" in raised.value.reason
        return
    record = parse_decision_letter(doc, DISTRICTS)
    assert record.lines[lost - 1].measure_type == measure_type


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
