"""Held scan readings (``pipelines.parse.held``): what a reviewer sees of a reading, the hash a
release pins, and that a release lets exactly that reading land and nothing else."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pipelines.parse.dispatch import _fewer_names_unsure, _figures_disputed, parse_document
from pipelines.parse.held import (
    Release,
    correctable_keys,
    corrected,
    field_key,
    held_fields,
    held_figures,
    held_reading_json,
    reading_hash,
    released,
)
from pipelines.parse.records import AgreementRecord, DecisionRecord, ParseOutcome
from pipelines.reasons import Reason
from tests.support import decision_records as dec
from tests.support.agreements import make_agreement

SHA = "ab" * 32


def _agreement() -> AgreementRecord:
    outcome = parse_document("zielvereinbarung_2025_bergstrasse.txt", make_agreement(2025).encode())
    assert outcome.agreement is not None, outcome.reason
    return outcome.agreement


def _decision() -> DecisionRecord:
    """A first decision of two lines, the second without a provider."""
    return dec.decision(
        "RPK-AQB-2025-0001",
        "first",
        date(2025, 3, 14),
        [(1, "Ausbildungslotsen", "Träger A", "12000.00"), (3, "Sprachkurs", None, "8500.50")],
    )


def _held(record, code: Reason = Reason.SCAN_UNSURE) -> ParseOutcome:
    return ParseOutcome(
        "scan.pdf",
        SHA,
        "quarantined",
        "Scan read with uncertainty: ...",
        None,
        reason_code=code.value,
        reason_de="Betrag unsicher gelesen (Seite 1, Zeile 9)",
        held=record,
    )


def _with_first_project_amount(record: AgreementRecord, amount: Decimal) -> AgreementRecord:
    measures = list(record.measures)
    for index, measure in enumerate(measures):
        if measure.projects:
            first = replace(measure.projects[0], amount_eur=amount)
            measures[index] = replace(measure, projects=(first, *measure.projects[1:]))
            return replace(record, measures=tuple(measures))
    raise AssertionError("the agreement lists no project")


def _project_keys(record: AgreementRecord) -> tuple[str, ...]:
    keys = correctable_keys(record)
    assert keys and all(key.startswith("project:") for key in keys)
    return keys


def test_the_hash_pins_every_figure_and_place() -> None:
    record = _agreement()
    assert reading_hash(record) == reading_hash(replace(record))
    assert len(reading_hash(record)) == 64
    assert reading_hash(
        replace(record, budget_total_eur=record.budget_total_eur + Decimal("0.01"))
    ) != reading_hash(record)
    assert reading_hash(_with_first_project_amount(record, Decimal("1.00"))) != reading_hash(record)
    moved = {
        **record.provenance,
        "budget_total_eur": replace(record.provenance["budget_total_eur"], line=99),
    }
    assert reading_hash(replace(record, provenance=moved)) != reading_hash(record)
    # whether the record is already marked as a scan's does not change the reading
    assert reading_hash(replace(record, from_scan=True)) == reading_hash(record)


def test_the_fields_a_reviewer_checks_name_every_figure_with_its_place() -> None:
    record = _agreement()
    fields = held_fields(record)
    by_key = {(field.field, field.index): field for field in fields}
    assert by_key[("year", "")].value == "2025"
    assert by_key[("budget_total_eur", "")].value == format(record.budget_total_eur, "f")
    budget_place = record.provenance["budget_total_eur"]
    assert (by_key[("budget_total_eur", "")].page, by_key[("budget_total_eur", "")].line) == (
        budget_place.page,
        budget_place.line,
    )
    projects = [p for m in record.measures for p in m.projects]
    assert [f.value for f in fields if f.field == "project"] == [p.name for p in projects]
    amounts = [m.amount_eur for m in record.measures if m.amount_eur is not None]
    assert [Decimal(f.value) for f in fields if f.field == "measure_amount" and f.value] == amounts
    stored = json.loads(held_reading_json(record))
    assert len(stored) == len(fields) and stored[0]["field"] == "district"
    assert not any(item["unsure"] for item in stored)


def test_the_names_read_unsure_are_marked_in_the_stored_reading() -> None:
    record = _agreement()
    keys = [f.key for f in held_fields(record) if f.field == "project"][1:3]
    stored = json.loads(held_reading_json(record, keys))
    marked = [field_key(item["field"], item["index"]) for item in stored if item["unsure"]]
    assert marked == keys


def test_a_decisions_fields_list_each_line() -> None:
    record = _decision()
    fields = held_fields(record)
    assert [(f.field, f.index, f.value) for f in fields if f.field == "line_amount"] == [
        ("line_amount", "1", "12000.00"),
        ("line_amount", "2", "8500.50"),
    ]
    assert ("decision_date", "2025-03-14") in {(f.field, f.value) for f in fields}
    assert not any(f.field == "line_provider" and f.index == "2" for f in fields)


def test_a_release_lets_exactly_the_released_reading_land() -> None:
    record = _agreement()
    outcome = _held(record)
    release = Release("r1", reading_hash(record))
    landed = released(outcome, {SHA: release})
    assert (landed.status, landed.reason_code, landed.reason_de) == ("ok", None, None)
    assert landed.agreement == replace(record, from_scan=True)
    assert landed.released_by == "r1" and landed.held == record


@pytest.mark.parametrize(
    "case",
    ["another reading", "another document", "not unsure", "nothing held"],
)
def test_a_release_covers_nothing_else(case: str) -> None:
    record = _agreement()
    outcome, releases = _held(record), {SHA: Release("r1", reading_hash(record))}
    if case == "another reading":
        other = _with_first_project_amount(record, Decimal("1.00"))
        releases = {SHA: Release("r1", reading_hash(other))}
    elif case == "another document":
        releases = {"cd" * 32: releases[SHA]}
    elif case == "not unsure":  # a real defect (e.g. a draft) is never released
        outcome = _held(record, Reason.DRAFT)
    else:
        outcome = replace(outcome, held=None)
    assert released(outcome, releases) == outcome


def test_a_document_with_a_text_layer_holds_nothing() -> None:
    jobcenter = make_agreement(2025).replace(
        "Ausbildungs- und Qualifizierungsbudget", "§ 48b SGB II"
    )
    outcome = parse_document("zielvereinbarung_jobcenter.txt", jobcenter.encode())
    assert outcome.status == "quarantined" and outcome.held is None


def test_a_release_lands_the_names_the_reviewer_corrected() -> None:
    record = _agreement()
    (first_key, *_), measure = _project_keys(record), record.measures
    names = {first_key: "Berichtigter Projektname"}
    landed = released(_held(record), {SHA: Release("r1", reading_hash(record), names)})
    assert landed.status == "ok"
    got = [p.name for m in landed.agreement.measures for p in m.projects]
    want = [p.name for m in measure for p in m.projects]
    assert got == ["Berichtigter Projektname", *want[1:]]
    # the figures and places are the reading's
    assert landed.agreement.budget_total_eur == record.budget_total_eur
    assert landed.held == record  # the reading the hash was taken of


def test_a_decisions_line_names_can_be_corrected_and_nothing_else() -> None:
    record = _decision()
    assert correctable_keys(record) == ("line_project:1", "line_provider:1", "line_project:2")
    fixed = corrected(record, {"line_provider:1": "Träger B", "line_project:2": "Sprachkurse"})
    assert [(line.project, line.provider) for line in fixed.lines] == [
        ("Ausbildungslotsen", "Träger B"),
        ("Sprachkurse", None),
    ]
    assert corrected(record, {"line_provider:2": "Träger C"}) is None  # line 2 names none
    assert corrected(record, {"line_amount:1": "1.00"}) is None
    outcome = _held(record)
    release = Release("r1", reading_hash(record), {"line_project:3": "Neu"})
    assert released(outcome, {SHA: release}) == outcome  # no line 3: nothing lands


def test_the_figures_of_a_reading_leave_its_names_out() -> None:
    record = _decision()
    figures = held_figures(record)
    assert figures["line_measure_type:1"] == "1" and figures["line_amount:2"] == "8500.50"
    assert not any(key.startswith(("line_project", "line_provider")) for key in figures)
    renamed = corrected(record, {"line_project:1": "Ausbildungslotsinnen"})
    assert held_figures(renamed) == figures
    agreement = _agreement()
    assert not any(key.startswith(("project:", "ministry")) for key in held_figures(agreement))
    assert "budget_total_eur:" in held_figures(agreement)


def _lines_measure_type(record: DecisionRecord, measure_type: int) -> DecisionRecord:
    first = replace(record.lines[0], measure_type=measure_type)
    return replace(record, lines=(first, *record.lines[1:]))


@pytest.mark.parametrize(
    ("other", "names_alone"),
    [
        (_decision(), True),  # the other model read every figure alike
        (corrected(_decision(), {"line_provider:1": "Trager A"}), True),  # a name otherwise
        (_lines_measure_type(_decision(), 4), False),  # a measure type otherwise
        (None, True),  # the other model gave no record: nothing disputes it
    ],
)
def test_a_reading_held_on_names_alone_is_so_no_more_where_the_other_model_read_a_figure_otherwise(
    other: DecisionRecord | None, names_alone: bool
) -> None:
    unsure = replace(_held(_decision()), unsure_names=("line_provider:1",))
    again = _held(other) if other is not None else replace(_held(_decision()), held=None)
    kept = _figures_disputed(unsure, again)
    assert kept.unsure_names == (("line_provider:1",) if names_alone else ())
    assert kept.held == unsure.held and kept.reason == unsure.reason


@pytest.mark.parametrize(
    ("first_names", "second_names", "second_held", "takes_second"),
    [
        (("line_provider:1", "line_project:2"), ("line_project:2",), True, True),
        (("line_project:2",), ("line_provider:1", "line_project:2"), True, False),  # more
        (("line_project:2",), ("line_provider:1",), True, False),  # as many
        ((), ("line_project:2",), True, False),  # the first held on a figure: not this rule's
        (("line_project:2", "line_provider:1"), (), True, False),  # the second on a figure
        (("line_project:2", "line_provider:1"), ("line_project:2",), False, False),
    ],
)
def test_of_two_readings_held_on_names_alone_the_one_with_fewer_names_is_held(
    first_names: tuple[str, ...],
    second_names: tuple[str, ...],
    second_held: bool,
    takes_second: bool,
) -> None:
    first = replace(_held(_decision()), unsure_names=first_names)
    second = replace(_held(_decision()), unsure_names=second_names)
    second = second if second_held else replace(second, held=None)
    assert _fewer_names_unsure(second, first) is takes_second


def test_a_reading_with_fewer_names_unsure_is_not_held_where_a_sure_name_differs() -> None:
    """Seed 2580: the second model read "Oo Kompetenzfeststellung und Profiling" twice alike
    (passed), the first "Kompetenzfeststellung und Profiling" (passed): neither is sure."""
    first = replace(_held(_decision()), unsure_names=("line_provider:1", "line_project:2"))
    misread = corrected(_decision(), {"line_project:1": "Oo Ausbildungslotsen"})
    second = replace(_held(misread), unsure_names=("line_project:2",))
    assert not _fewer_names_unsure(second, first)
    # a name the first held unsure may differ: that is what its confirmation decides
    unsure_there = replace(
        first, unsure_names=("line_project:1", "line_provider:1", "line_project:2")
    )
    assert _fewer_names_unsure(second, unsure_there)
