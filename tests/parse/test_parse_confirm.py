"""Names of a held scan reading confirmed by the district's own documents
(``pipelines.parse.confirm``): a scan held on its names alone lands where a document of the
same district with a text layer holds each of those names (of the same year first, else the
nearest), letter for letter or as the one name the reading is a typical misreading of (then
as that document spells it), none of them within two letters of another name those documents
hold, and in no other case."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from pipelines.extract import TEXT, extract_document
from pipelines.extract.ocr import AGREED_CONFIDENCE
from pipelines.parse.agreement import parse_agreement
from pipelines.parse.confirm import (
    confirmation,
    confirmed,
    confirming_documents,
    doubted,
    known_names,
    misread_as,
    names_near_known,
    names_of,
    sure_name_values,
    unsure_name_values,
    unsure_names_json,
)
from pipelines.parse.records import DecisionRecord, ParseOutcome
from pipelines.parse.scan_checks import name_key, names_read_unsure, unsure_names_alone
from pipelines.reasons import Reason
from tests.support import decision_records as dec
from tests.support.agreement_texts import DEFAULT_PROJECTS, build_agreement

SCAN_SHA = "5c" * 32
FIRST_SHA, OTHER_SHA = "1a" * 32, "2b" * 32


def _decision(provider: str = "Träger A", year: int = 2025) -> DecisionRecord:
    """A decision of two lines, read from a scan: the second line has no provider."""
    record = dec.decision(
        f"RPK-AQB-{year}-0001",
        "first",
        date(year, 3, 14),
        [(1, "Ausbildungslotsen", provider, "12000.00"), (3, "Sprachkurs", None, "8500.50")],
        year=year,
    )
    return replace(record, from_scan=True)


def _held(record, unsure_names: tuple[str, ...], code: Reason = Reason.SCAN_UNSURE):
    return ParseOutcome(
        "RPK-AQB-2025-0001_scan.pdf",
        SCAN_SHA,
        "quarantined",
        "Scan read with uncertainty: provider (page 1, line 12); the document is held for review.",
        None,
        reason_code=code.value,
        reason_de="Träger unsicher gelesen (Seite 1, Zeile 12)",
        held=record,
        unsure_names=unsure_names,
    )


def _known(*records: tuple[str, DecisionRecord]) -> dict:
    return known_names({sha256: (record,) for sha256, record in records})


def _text_decision(provider: str = "Träger A", year: int = 2025) -> DecisionRecord:
    return replace(_decision(provider, year), from_scan=False)


def test_a_reading_held_on_a_name_the_districts_decision_holds_lands_as_read() -> None:
    held = _held(_decision(), ("line_provider:1",))
    landed = confirmed(held, _known((FIRST_SHA, _text_decision())))
    assert landed.status == "ok" and landed.reason_code is None
    assert landed.decisions == (_decision(),) and landed.decisions[0].from_scan
    assert landed.names_confirmed_by == FIRST_SHA


def test_each_unsure_name_must_be_held_and_every_confirming_document_is_named() -> None:
    project_and_provider = ("line_project:1", "line_provider:1")
    other = replace(
        _text_decision(provider="Anderer Träger"),
        lines=(replace(_text_decision().lines[0], provider="Anderer Träger"),),
    )
    only_project = _known((OTHER_SHA, other))
    assert confirmed(_held(_decision(), project_and_provider), only_project).status != "ok"
    both = _known((OTHER_SHA, other), (FIRST_SHA, _text_decision()))
    landed = confirmed(_held(_decision(), project_and_provider), both)
    # the smaller sha256 stands for a name two documents hold
    assert landed.status == "ok" and landed.names_confirmed_by == FIRST_SHA


@pytest.mark.parametrize(
    "case", ["spelled otherwise", "another district", "as a project", "from a scan"]
)
def test_no_name_but_the_same_in_the_same_district_and_field_confirms(case: str) -> None:
    held = _held(_decision(), ("line_provider:1",))
    source = {
        "spelled otherwise": _text_decision(provider="Träger B"),
        "another district": replace(_text_decision(), district_ags="06412"),
        "as a project": replace(
            _text_decision(),
            lines=(replace(_text_decision().lines[0], project="Träger A", provider="X"),),
        ),
        "from a scan": _decision(),
    }[case]
    assert confirmed(held, _known((FIRST_SHA, source))) == held


def test_the_districts_document_of_another_year_confirms_the_nearest_first() -> None:
    held = _held(_decision(), ("line_provider:1",))
    landed = confirmed(held, _known((FIRST_SHA, _text_decision(year=2022))))
    assert landed.status == "ok" and landed.names_confirmed_by == FIRST_SHA
    # the same year before any other, then the nearest year, the earlier of two as near
    for first_year, other_year, confirming in (
        (2024, 2025, OTHER_SHA),
        (2024, 2022, FIRST_SHA),
        (2024, 2026, FIRST_SHA),
        (2026, 2024, OTHER_SHA),
    ):
        known = _known(
            (FIRST_SHA, _text_decision(year=first_year)),
            (OTHER_SHA, _text_decision(year=other_year)),
        )
        assert confirmed(held, known).names_confirmed_by == confirming, (first_year, other_year)


@pytest.mark.parametrize(
    ("other_provider", "year", "lands"),
    [
        ("Träger AB", 2025, False),  # one letter more
        ("Träger B", 2019, False),  # one letter otherwise, in any year
        ("Trägerin A", 2025, False),  # two letters more
        ("Trägerin AB", 2025, True),  # three: not a misreading of the name as read
        ("Träger A", 2020, True),  # the same name again
        ("Traeger A", 2024, True),  # the same name with its umlaut written out
        ("Träger-A", 2024, False),  # a hyphen for the blank, as OCR misreads one
    ],
)
def test_a_name_held_beside_one_a_letter_or_two_apart_is_ambiguous(
    other_provider: str, year: int, lands: bool
) -> None:
    held = _held(_decision(), ("line_provider:1",))
    known = _known((FIRST_SHA, _text_decision()), (OTHER_SHA, _text_decision(other_provider, year)))
    assert (confirmed(held, known).status == "ok") is lands
    # a name of another field a letter apart is no rival
    other_field = replace(
        _text_decision(),
        lines=(replace(_text_decision().lines[0], project="Träger AB", provider=None),),
    )
    known = _known((FIRST_SHA, _text_decision()), (OTHER_SHA, other_field))
    assert confirmed(held, known).status == "ok"


def _projects_known(ags: str, *held: tuple[str, int, str, str]) -> dict:
    """``KnownNames`` of (field, year, name, sha256)."""
    known: dict = {}
    for field, year, name, sha256 in held:
        known.setdefault((field, ags, year), {})[name] = sha256
    return known


@pytest.mark.parametrize(
    ("held", "lands"),
    [
        # an agreement's project confirms a letter's project none of the letters holds
        ([("project", 2025, "Ausbildungslotsen", FIRST_SHA)], True),
        ([("project", 2026, "Ausbildungslotsen", FIRST_SHA)], True),
        # a rival of its own kind rules it out, so does one of the other kind
        (
            [
                ("project", 2025, "Ausbildungslotsen", FIRST_SHA),
                ("line_project", 2024, "Ausbildungslotse", OTHER_SHA),
            ],
            False,
        ),
        (
            [
                ("project", 2025, "Ausbildungslotsen", FIRST_SHA),
                ("project", 2024, "Ausbildungslotsen I", OTHER_SHA),
            ],
            False,
        ),
        # a letter of its own kind holding the name confirms before the other kind
        (
            [
                ("project", 2025, "Ausbildungslotsen", OTHER_SHA),
                ("line_project", 2020, "Ausbildungslotsen", FIRST_SHA),
            ],
            True,
        ),
        # a provider's name is no project's
        ([("line_provider", 2025, "Ausbildungslotsen", FIRST_SHA)], False),
    ],
)
def test_a_project_name_is_confirmed_by_the_other_kind_where_its_own_holds_none(
    held: list, lands: bool
) -> None:
    outcome = _held(_decision(), ("line_project:1",))
    landed = confirmed(outcome, _projects_known(_decision().district_ags, *held))
    assert (landed.status == "ok") is lands
    if lands:
        assert landed.names_confirmed_by == FIRST_SHA


def test_a_project_misread_as_the_other_kind_spells_it_lands_as_spelled_there() -> None:
    misread = replace(
        _decision(), lines=(replace(_decision().lines[0], project="Ausbildungsiotsen"),)
    )
    ags = misread.district_ags
    known = _projects_known(ags, ("project", 2025, "Ausbildungslotsen", FIRST_SHA))
    landed = confirmed(_held(misread, ("line_project:1",)), known)
    assert landed.status == "ok" and landed.decisions[0].lines[0].project == "Ausbildungslotsen"
    # and an agreement's project by a letter's line, the same way round
    known = _projects_known(ags, ("line_project", 2026, "Fachtag Übergang Schule-Beruf", OTHER_SHA))
    assert confirmation("project", ags, 2025, "Fachtag Übergang Schule-Beruf", known) == (
        OTHER_SHA,
        "Fachtag Übergang Schule-Beruf",
    )
    assert confirmation("line_provider", ags, 2025, "Fachtag Übergang Schule-Beruf", known) is None


@pytest.mark.parametrize(
    ("read", "printed", "typical"),
    [
        ("Intemationaler Bund", "Internationaler Bund", True),  # "rn" read as "m"
        ("Kompetenz.für Fachkräfte", "Kompetenz für Fachkräfte", True),  # a speck for a blank
        ("Digitale. Grundbildung", "Digitale Grundbildung", True),  # a speck after a word
        ("Absolventenmanagement I,", "Absolventenmanagement I", True),  # a speck after it
        ("Gesundheitsmaß nahme", "Gesundheitsmaßnahme", True),  # a blank inside a word
        ("Langzeitarbeitsiose", "Langzeitarbeitslose", True),  # "i" for "l"
        ("Absolventenmanagement |", "Absolventenmanagement I", True),  # a bar for an "I"
        ("Jobooaching", "Jobcoaching", True),  # "o" for "c"
        ("Kompetehzfeststellung", "Kompetenzfeststellung", True),  # "h" for "n"
        ("Erwächsene", "Erwachsene", True),  # a speck read as an umlaut's dots
        ("Homberg (Etze)", "Homberg (Efze)", True),  # "t" for "f"
        ("Profiling Fortführung", "Profiling - Fortführung", True),  # a dash lost
        ("Vorbereitung TZ Ausbildung -", "Vorbereitung TZ Ausbildung", False),  # a line's end
        ("Absolventenmanagement", "Absolventenmanagement I", False),  # a letter less
        ("Absolventenmanagement II", "Absolventenmanagement I", False),  # a letter more
        ("Schule Beruf", "Schule-Beruf", False),  # a dash is print, no speck
        ("Sprachfoerderung", "Sprachförderung", False),  # written out, not misread
        ("Träger B", "Träger A", False),  # another letter
        ("Träger A", "Träger A", False),  # the same name: no misreading
    ],
)
def test_typical_misreadings_are_specks_and_look_alike_letters(
    read: str, printed: str, typical: bool
) -> None:
    assert misread_as(read, printed) is typical


def test_a_name_misread_typically_lands_as_the_districts_document_spells_it() -> None:
    held = _held(_decision(provider="Intemationaler Bund"), ("line_provider:1",))
    known = _known((FIRST_SHA, _text_decision(provider="Internationaler Bund")))
    landed = confirmed(held, known)
    assert landed.status == "ok" and landed.names_confirmed_by == FIRST_SHA
    assert landed.decisions == (_decision(provider="Internationaler Bund"),)
    assert json.loads(landed.names_corrected) == [["Intemationaler Bund", "Internationaler Bund"]]
    # a name confirmed letter for letter is no correction
    as_read = confirmed(
        _held(_decision(), ("line_provider:1",)), _known((FIRST_SHA, _text_decision()))
    )
    assert as_read.status == "ok" and as_read.names_corrected is None


@pytest.mark.parametrize(
    ("other_provider", "lands"),
    [
        ("Internationaler Bund", True),  # the same name again, another year
        ("lnternationaler Bund", False),  # a second name the reading could be a misreading of
        ("Internationaler Bund I", False),  # a rival of the name meant
        ("Intemationaler Bunt", False),  # a rival of the name as read, not of the one meant
        ("Internationaler Verbund", True),  # far from both
    ],
)
def test_a_misread_name_lands_only_where_it_can_mean_one_name(
    other_provider: str, lands: bool
) -> None:
    held = _held(_decision(provider="Intemationaler Bund"), ("line_provider:1",))
    known = _known(
        (FIRST_SHA, _text_decision(provider="Internationaler Bund")),
        (OTHER_SHA, _text_decision(provider=other_provider, year=2024)),
    )
    landed = confirmed(held, known)
    assert (landed.status == "ok") is lands
    if lands:
        assert landed.decisions[0].lines[0].provider == "Internationaler Bund"
    else:
        assert landed == held


@pytest.mark.parametrize(
    ("known_project", "lands"),
    [
        ("Ausbildungslotsen", True),  # the name read surely, held letter for letter
        ("Ausbildungsl0tsen", False),  # within two letters of it: both readings misread it?
        ("Ausbildungslotsenprojekt", True),  # far from it
    ],
)
def test_a_reading_whose_sure_name_is_near_a_known_one_does_not_land_by_its_others(
    known_project: str, lands: bool
) -> None:
    held = _held(_decision(provider="Intemationaler Bund"), ("line_provider:1",))
    source = _text_decision(provider="Internationaler Bund")
    source = replace(source, lines=(replace(source.lines[0], project=known_project),))
    known = _known((FIRST_SHA, source))
    assert (confirmed(held, known).status == "ok") is lands
    sure = sure_name_values(held.held, held.unsure_names)
    assert sure == {"line_project:1": "Ausbildungslotsen", "line_project:2": "Sprachkurs"}
    assert names_near_known(held.held.district_ags, sure, known) == (
        () if lands else ("line_project:1",)
    )
    # what the loader keeps lets it tell the same
    kept = json.loads(unsure_names_json(held))
    assert kept["sure_names"] == sure
    sources = confirming_documents(
        kept["district_ags"], kept["year"], kept["names"], known, kept["sure_names"]
    )
    assert sources == ((FIRST_SHA,) if lands else None)


def _landed_scan(record: DecisionRecord) -> ParseOutcome:
    """A scan's reading that landed on its own checks."""
    return ParseOutcome(
        "RPK-AQB-2025-0001_scan.pdf",
        SCAN_SHA,
        "ok",
        None,
        None,
        decisions=(record,),
        read_by="tesseract 5.3.0 deu",
    )


def test_a_landed_reading_with_a_name_near_a_known_one_is_held_on_it_then_spelled_as_known() -> (
    None
):
    landed = _landed_scan(_decision(provider="Träger A Fortführung"))
    known = _known((FIRST_SHA, _text_decision(provider="Träger A - Fortführung")))
    held = doubted(landed, known)
    assert (held.status, held.reason_code) == ("quarantined", Reason.SCAN_UNSURE.value)
    assert held.unsure_names == held.names_read_unsure == ("line_provider:1",)
    assert held.held == landed.decisions[0] and not held.decisions
    assert held.reason_de.startswith("Träger unsicher gelesen, nahe einem Namen")
    # the dash lost is a typical misreading of the one name the district's documents hold
    spelled = confirmed(held, known)
    assert spelled.status == "ok" and spelled.decisions[0].lines[0].provider == (
        "Träger A - Fortführung"
    )
    assert json.loads(spelled.names_corrected) == [
        ["Träger A Fortführung", "Träger A - Fortführung"]
    ]


@pytest.mark.parametrize("case", ["held letter for letter", "far", "not a scan", "released"])
def test_any_other_landed_reading_stays_as_it_is(case: str) -> None:
    landed = _landed_scan(_decision())
    provider = {"held letter for letter": "Träger A", "far": "Ganz anderer Träger"}.get(
        case, "Träger B"
    )
    if case == "not a scan":
        landed = replace(landed, read_by=None)
    if case == "released":
        landed = replace(landed, released_by="review-1")
    assert doubted(landed, _known((FIRST_SHA, _text_decision(provider=provider)))) == landed


def test_the_loader_keeps_a_landed_scans_names_to_judge_them_again() -> None:
    landed = _landed_scan(_decision())
    kept = json.loads(unsure_names_json(landed))
    assert kept["names"] == {}
    assert kept["sure_names"] == {
        "line_project:1": "Ausbildungslotsen",
        "line_provider:1": "Träger A",
        "line_project:2": "Sprachkurs",
    }
    near = _known((FIRST_SHA, _text_decision(provider="Träger B")))
    assert confirming_documents("06431", 2025, {}, near, kept["sure_names"]) is None
    assert confirming_documents("06431", 2025, {}, _known(), kept["sure_names"]) == ()
    assert unsure_names_json(replace(landed, read_by=None)) is None


def test_a_reading_held_on_a_figure_or_not_held_is_never_confirmed() -> None:
    known = _known((FIRST_SHA, _text_decision()))
    on_a_figure = _held(_decision(), ())
    assert confirmed(on_a_figure, known) == on_a_figure
    defect = _held(_decision(), ("line_provider:1",), code=Reason.NOT_A_GRANT_DECISION)
    assert confirmed(defect, known) == defect
    a_name_it_lacks = _held(_decision(), ("line_provider:2",))  # the second line has none
    assert confirmed(a_name_it_lacks, known) == a_name_it_lacks


def test_what_the_loader_keeps_of_a_reading_held_on_names() -> None:
    held = _held(_decision(), ("line_project:2",))
    assert unsure_name_values(held) == {"line_project:2": "Sprachkurs"}
    assert json.loads(unsure_names_json(held)) == {
        "district_ags": held.held.district_ags,
        "year": 2025,
        "names": {"line_project:2": "Sprachkurs"},
        "sure_names": {"line_project:1": "Ausbildungslotsen", "line_provider:1": "Träger A"},
        "no_bullet": [],
    }
    assert unsure_names_json(_held(_decision(), ())) is None


def test_an_agreements_projects_and_a_decisions_names_by_field() -> None:
    record = parse_agreement(extract_document(build_agreement().encode(), TEXT))
    fields = {field for field, _name in names_of(record)}
    assert fields == {"project", "line_measure_type"}
    assert list(names_of(_decision())) == [
        ("line_project", "Ausbildungslotsen"),
        ("line_measure_type", "1 Ausbildungslotsen"),
        ("line_provider", "Träger A"),
        ("line_project", "Sprachkurs"),
        ("line_measure_type", "3 Sprachkurs"),
    ]


def _scan_of(doc, unread: set[tuple[int, int]]):
    """``doc`` as if its first page were a scan whose lines were read twice alike, but
    ``unread`` (names on a scan are taken only where two readings spelled them alike)."""
    agreed = {(line.page, line.line): AGREED_CONFIDENCE for line in doc.lines}
    for place in unread:
        agreed.pop(place)
    return replace(doc, ocr_pages=(1,), agreed_confidence=agreed)


def _first_project_on_page_1(record):
    """The first project an agreement lists on its (scanned) first page: its measure type,
    its index and its place."""
    for measure in record.measures:
        for index, project in enumerate(measure.projects):
            if project.provenance.page == 1:
                return measure.measure_type, index, (1, project.provenance.line)
    raise AssertionError("the agreement lists no project on its first page")


def test_the_names_that_alone_hold_a_reading_are_named_by_their_key() -> None:
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    measure_type, index, place = _first_project_on_page_1(record)
    held = unsure_names_alone(record, _scan_of(doc, {place}), "scan.pdf")
    assert held == (name_key(("project", measure_type, index)),)
    assert held == (f"project:{measure_type}.{index + 1}",)
    assert unsure_names_alone(record, _scan_of(doc, set()), "scan.pdf") == ()


def _unsure_on_the_budget_and_a_name():
    """An agreement's text as a scan whose budget was read at 20 and whose first project on
    page 1 was read once only: (record, document, that scan, the project's measure type,
    index and place)."""
    doc = extract_document(build_agreement().encode(), TEXT)
    record = parse_agreement(doc)
    measure_type, index, place = _first_project_on_page_1(record)
    budget = record.provenance["budget_total_eur"]
    scan = _scan_of(doc, {place, (budget.page, budget.line)})
    scan = replace(scan, confidence={(budget.page, budget.line): 20.0})
    return record, doc, scan, (measure_type, index, place)


def test_a_reading_unsure_on_a_figure_too_is_held_on_no_names() -> None:
    record, doc, scan, (_measure_type, _index, place) = _unsure_on_the_budget_and_a_name()
    assert unsure_names_alone(record, scan, "scan.pdf") == ()
    # the same reading with the budget read surely is held on that name alone
    assert unsure_names_alone(record, _scan_of(doc, {place}), "scan.pdf") != ()


def test_every_name_read_unsure_is_named_for_the_reviewer_whatever_else_is() -> None:
    record, doc, scan, (measure_type, index, place) = _unsure_on_the_budget_and_a_name()
    key = name_key(("project", measure_type, index))
    assert names_read_unsure(record, scan) == (key,)
    assert names_read_unsure(record, _scan_of(doc, {place})) == (key,)
    assert names_read_unsure(record, _scan_of(doc, set())) == ()
    # the other model read the same name there surely: it counts as checked
    (measure,) = [m for m in record.measures if m.measure_type == measure_type]
    checked = {("project", measure_type, index): measure.projects[index].name}
    assert names_read_unsure(record, scan, checked) == ()


def test_decision_line_keys_count_from_one() -> None:
    assert name_key(("project", 0)) == "line_project:1"
    assert name_key(("provider", 3)) == "line_provider:4"
    assert name_key(("project", 2, 4)) == "project:2.5"


def _agreement_reading(bullet: str):
    """An agreement read from a scan whose first project, "iR Sprungbrett Ausbildung", was
    read unsure, its line with ``bullet`` before the name (OCR made "iR" of a lost bullet)."""
    projects = {number: list(names) for number, names in DEFAULT_PROJECTS.items()}
    projects[1] = ["iR Sprungbrett Ausbildung"]
    text = build_agreement(bullet=bullet, projects=projects)
    record = replace(parse_agreement(extract_document(text.encode(), TEXT)), from_scan=True)
    return _held(record, ("project:1.1",))


_SPRUNGBRETT = "Sprungbrett Ausbildung"


@pytest.mark.parametrize(
    ("read", "spelled"),
    [
        ("3a Sprungbrett Ausbildung", _SPRUNGBRETT),  # what OCR made of a bullet ...
        ("[6) Sprungbrett Ausbildung", _SPRUNGBRETT),
        ("(0) Sprungbrett Ausbildung", _SPRUNGBRETT),
        ("iR Sprungbrett Ausbildung", _SPRUNGBRETT),  # sample corpus, Odenwaldkreis 2023
        ("2...» Sprungbrett Ausbildung", _SPRUNGBRETT),
        ("0 -Sprungbrett Ausbildung", _SPRUNGBRETT),  # ... a speck before the bullet
        ("ey Sprungbrett Ausbiidung", _SPRUNGBRETT),  # and a letter misread typically
        ("Fit Sprungbrett Ausbildung", None),  # three letters: a word of the name
        ("TZ Sprungbrett Ausbildung", None),  # a word in capitals may begin a name ...
        ("RR Sprungbrett Ausbildung", None),
        ("Am Sprungbrett Ausbildung", None),  # ... and so may a capitalised one
        ("A12 Sprungbrett Ausbildung", None),  # three letters or digits
        ("3a Sprungbrett", None),  # what is left is no name the documents hold
    ],
)
def test_an_agreements_project_read_with_no_bullet_lands_without_the_bullets_residue(
    read: str, spelled: str | None
) -> None:
    ags = _decision().district_ags
    known = _projects_known(ags, ("line_project", 2025, _SPRUNGBRETT, FIRST_SHA))
    found = confirmation("project", ags, 2025, read, known, bullet_lost=True)
    assert found == (None if spelled is None else (FIRST_SHA, spelled))
    # read after its bullet, the first word is the name's own
    assert confirmation("project", ags, 2025, read, known) is None


def test_the_bullets_residue_is_dropped_only_where_it_leaves_one_name() -> None:
    ags = _decision().district_ags
    both = _projects_known(
        ags,
        ("line_project", 2025, _SPRUNGBRETT, FIRST_SHA),
        ("line_project", 2024, f"Am {_SPRUNGBRETT}", OTHER_SHA),
    )
    # a name the documents hold as read is the name meant
    assert confirmation("project", ags, 2025, f"Am {_SPRUNGBRETT}", both, bullet_lost=True) == (
        OTHER_SHA,
        f"Am {_SPRUNGBRETT}",
    )
    # a rival of what is left rules it out
    rivals = _projects_known(
        ags,
        ("line_project", 2025, _SPRUNGBRETT, FIRST_SHA),
        ("line_project", 2025, f"{_SPRUNGBRETT} I", OTHER_SHA),
    )
    assert (
        confirmation("project", ags, 2025, f"iR {_SPRUNGBRETT}", rivals, bullet_lost=True) is None
    )
    # a decision line's project has no bullet: its first word stays
    lines = _projects_known(ags, ("project", 2025, _SPRUNGBRETT, FIRST_SHA))
    assert confirmation("line_project", ags, 2025, f"iR {_SPRUNGBRETT}", lines, True) is None


def test_an_agreement_read_with_a_bullets_residue_lands_as_the_letters_spell_it() -> None:
    held = _agreement_reading(bullet="")
    ags = held.held.district_ags
    known = _projects_known(ags, ("line_project", 2025, _SPRUNGBRETT, FIRST_SHA))
    landed = confirmed(held, known)
    assert landed.status == "ok" and landed.names_confirmed_by == FIRST_SHA
    assert landed.agreement.measures[0].projects[0].name == _SPRUNGBRETT
    assert json.loads(landed.names_corrected) == [[f"iR {_SPRUNGBRETT}", _SPRUNGBRETT]]
    # the loader keeps which names were read with no bullet, to confirm them alike later
    kept = json.loads(unsure_names_json(held))
    assert kept["no_bullet"] == ["project:1.1"]
    assert confirming_documents(ags, 2025, kept["names"], known, None, kept["no_bullet"]) == (
        FIRST_SHA,
    )
    assert confirming_documents(ags, 2025, kept["names"], known) is None
    # read after its bullet, "iR" is the name's: held for a reviewer
    after_bullet = _agreement_reading(bullet=" - ")
    assert confirmed(after_bullet, known) == after_bullet
    assert json.loads(unsure_names_json(after_bullet))["no_bullet"] == []
