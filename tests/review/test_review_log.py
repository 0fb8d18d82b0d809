"""The decisions log: validation, append-only with what each decision replaced, the fold that
makes a revoke restore the state before, damaged lines reported, concurrent appends intact."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from pipelines.review.log import (
    ReviewError,
    append_record,
    effective_decisions,
    new_record,
    parse_amount,
    parse_date,
    read_log,
)

SHA = "a" * 64
LINE = {"decision_id": "57-AQB-2024-0001", "line_number": 2}


def _accept(log: Path, project: str, reviewer: str = "anna") -> str:
    record = new_record("accept", LINE, "geprüft", reviewer, {"project_name": project})
    return append_record(log, record).review_id


def test_reason_reviewer_and_target_are_required() -> None:
    with pytest.raises(ReviewError, match="reason"):
        new_record("withdraw", {"sha256": SHA}, "  ", "anna")
    with pytest.raises(ReviewError, match="reviewer"):
        new_record("withdraw", {"sha256": SHA}, "Entwurf", "")
    with pytest.raises(ReviewError, match="sha256"):
        new_record("withdraw", {"sha256": "abc"}, "Entwurf", "anna")
    with pytest.raises(ReviewError, match="unknown kind"):
        new_record("delete", {"sha256": SHA}, "weg", "anna")
    with pytest.raises(ReviewError, match="unknown target"):
        new_record("withdraw", {"sha256": SHA, "extra": 1}, "Entwurf", "anna")


def test_waivers_only_for_warning_suites_and_need_a_valid_end_date() -> None:
    with pytest.raises(ReviewError, match="warning"):
        new_record(
            "waive",
            {"suite": "current_agreements", "year": 2024},
            "x",
            "anna",
            {"until": "2026-12-31"},
        )
    with pytest.raises(ReviewError, match="date"):
        new_record(
            "waive",
            {"suite": "statewide_totals", "year": 2024},
            "x",
            "anna",
            {"until": "31.13.2026"},
        )
    record = new_record(
        "waive", {"suite": "statewide_totals", "year": 2024}, "x", "anna", {"until": "31.12.2026"}
    )
    assert record.payload == {"until": "2026-12-31"}
    assert record.target == {"suite": "statewide_totals", "year": 2024, "district_ags": None}


def test_corrections_take_only_known_fields_and_parse_german_values() -> None:
    record = new_record(
        "correct",
        {"sha256": SHA, "field": "budget_total_eur"},
        "Tippfehler",
        "anna",
        {"value": "1.230.450,00"},
    )
    assert record.payload == {"value": "1230450.00"}
    with pytest.raises(ReviewError, match="not correctable"):
        new_record(
            "correct", {"sha256": SHA, "field": "district_ags"}, "x", "anna", {"value": "06431"}
        )
    with pytest.raises(ReviewError, match="not correctable"):  # a decision field on an agreement
        new_record("correct", {"sha256": SHA, "field": "total_eur"}, "x", "anna", {"value": "1"})
    with pytest.raises(ReviewError, match="amount"):
        new_record(
            "correct", {"sha256": SHA, "field": "budget_total_eur"}, "x", "anna", {"value": "-5"}
        )


def test_a_release_names_the_document_and_the_reading_and_replaces_an_earlier_one(
    tmp_path: Path,
) -> None:
    with pytest.raises(ReviewError, match="reading_hash"):
        new_record("release", {"sha256": SHA}, "geprüft", "anna")
    with pytest.raises(ReviewError, match="not a sha256"):
        new_record("release", {"sha256": SHA, "reading_hash": "abc"}, "geprüft", "anna")
    log = tmp_path / "decisions.jsonl"
    first = append_record(
        log, new_record("release", {"sha256": SHA, "reading_hash": "B" * 64}, "geprüft", "anna")
    )
    assert first.target == {"sha256": SHA, "reading_hash": "b" * 64}
    # a later release of another reading of the same document replaces the first
    second = append_record(
        log, new_record("release", {"sha256": SHA, "reading_hash": "c" * 64}, "neu", "ben")
    )
    assert second.replaces == first.review_id
    (in_force,) = effective_decisions(read_log(log).records).values()
    assert in_force.target["reading_hash"] == "c" * 64


def test_a_release_corrects_names_only() -> None:
    target = {"sha256": SHA, "reading_hash": "b" * 64}
    names = {"project:2.3": "  Job  coaching ", "line_provider:12": "Träger B"}
    record = new_record("release", target, "geprüft", "anna", {"corrections": names})
    assert record.payload == {
        "corrections": {"line_provider:12": "Träger B", "project:2.3": "Job coaching"}
    }
    assert new_record("release", target, "geprüft", "anna").payload == {"corrections": {}}
    for wrong in (
        {"budget_total_eur:": "1"},
        {"line_amount:1": "5"},
        {"project:2.3x": "A"},
        {"project:2.3": "  "},
        {"project:2.3": "x" * 301},
        ["project:2.3"],
    ):
        with pytest.raises(ReviewError):
            new_record("release", target, "geprüft", "anna", {"corrections": wrong})


def test_a_later_decision_names_the_one_it_replaced(tmp_path: Path) -> None:
    log = tmp_path / "review" / "decisions.jsonl"
    first = _accept(log, "Projekt A")
    second = _accept(log, "Projekt B", reviewer="ben")
    records = read_log(log).records
    assert [r.review_id for r in records] == [first, second]
    assert records[0].replaces is None
    assert records[1].replaces == first
    assert (
        effective_decisions(records)[records[0].target_key].payload["project_name"] == "Projekt B"
    )


def test_revoking_brings_back_the_replaced_decision_and_then_none(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    first = _accept(log, "Projekt A")
    second = _accept(log, "Projekt B")
    append_record(log, new_record("revoke", {"review_id": second}, "falsch", "anna"))
    in_force = effective_decisions(read_log(log).records)
    assert [r.review_id for r in in_force.values()] == [first]
    append_record(log, new_record("revoke", {"review_id": first}, "auch falsch", "anna"))
    assert effective_decisions(read_log(log).records) == {}
    assert len(read_log(log).records) == 4  # nothing deleted


def test_revoke_must_name_a_live_decision(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    first = _accept(log, "Projekt A")
    revoke = append_record(log, new_record("revoke", {"review_id": first}, "falsch", "anna"))
    with pytest.raises(ReviewError, match="already revoked"):
        append_record(log, new_record("revoke", {"review_id": first}, "nochmal", "anna"))
    with pytest.raises(ReviewError, match="cannot revoke a revoke"):
        append_record(log, new_record("revoke", {"review_id": revoke.review_id}, "x", "anna"))
    with pytest.raises(ReviewError, match="no decision"):
        append_record(log, new_record("revoke", {"review_id": "f" * 32}, "x", "anna"))
    assert len(read_log(log).records) == 2


def test_damaged_lines_are_reported_and_do_not_hide_the_others(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    first = _accept(log, "Projekt A")
    with log.open("a", encoding="utf-8") as handle:
        handle.write('{"review_id": "x", "kind": "accept"\n')  # cut off mid-write
        handle.write(json.dumps({"review_id": "y", "kind": "withdraw"}) + "\n")
    second = _accept(log, "Projekt B")
    contents = read_log(log)
    assert [r.review_id for r in contents.records] == [first, second]
    assert [number for number, _ in contents.invalid_lines] == [2, 3]


def _append_many(log: str, worker: int) -> None:
    for index in range(25):
        record = new_record(
            "withdraw", {"sha256": f"{worker:02x}{index:062x}"}, "Entwurf", f"w{worker}"
        )
        append_record(Path(log), record)


def test_concurrent_appends_from_processes_stay_whole_lines(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_many, args=(str(log), n)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    contents = read_log(log)
    assert contents.invalid_lines == ()
    assert len(contents.records) == 75
    assert len({r.review_id for r in contents.records}) == 75


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("1.230.450 €", "1230450.00"),  # German thousands grouping, as the page asks for it
        ("1.230.450,00 €", "1230450.00"),
        ("1.230.450,5", "1230450.50"),
        ("1230450.00", "1230450.00"),  # plain decimal point (scripts)
        ("1300000", "1300000.00"),
        ("12.345", "12345.00"),  # one group: thousands, never 12,345
    ],
)
def test_amounts_in_german_notation(text: str, stored: str) -> None:
    assert parse_amount(text) == stored


@pytest.mark.parametrize("text", ["1,2,3", "1.23.450", "zwölf", "-5", "1.230.450.0"])
def test_malformed_amounts_are_refused(text: str) -> None:
    with pytest.raises(ReviewError):
        parse_amount(text)


def test_dates_in_german_notation() -> None:
    assert parse_date("02.08.2025") == "2025-08-02"
    assert parse_date("2025-08-02") == "2025-08-02"
    with pytest.raises(ReviewError):
        parse_date("31.02.2025")
