"""Decision letters at the edges of the routing and row rules: where dispatch looks for the
issuer and the title, and a project row wrapped onto a second line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipelines.parse.decision_letter import looks_like_decision_letter, parse_decision_letter
from tests.support import decision_records as dec
from tests.support.decision_records import extract

ISSUER = "Regierungspräsidium Kassel"
TITLE = "Zuwendungsbescheid"


def _filler(count: int) -> list[str]:
    return [f"Zeile {number} ohne Bedeutung" for number in range(1, count + 1)]


@pytest.mark.parametrize(("issuer_at", "expected"), [(0, True), (14, True), (15, False)])
def test_the_issuer_must_stand_in_the_first_15_lines(issuer_at, expected):
    text = "\n".join([*_filler(issuer_at), ISSUER, TITLE, *_filler(3)]) + "\n"
    doc = extract(text, "text")
    assert doc.lines[issuer_at].text == ISSUER
    assert looks_like_decision_letter(doc) is expected


@pytest.mark.parametrize(("title_at", "expected"), [(39, True), (40, False)])
def test_the_title_must_stand_in_the_first_40_lines(title_at, expected):
    text = "\n".join([ISSUER, *_filler(title_at - 1), TITLE, *_filler(3)]) + "\n"
    doc = extract(text, "text")
    assert doc.lines[title_at].text == TITLE
    assert looks_like_decision_letter(doc) is expected


@pytest.mark.parametrize(
    "lines",
    [[ISSUER, "Pressemitteilung", "Mittel bewilligt"], ["Pressemitteilung", TITLE, "Text"]],
    ids=["issuer without title", "title without issuer"],
)
def test_a_letter_needs_both_issuer_and_title(lines):
    assert looks_like_decision_letter(extract("\n".join(lines) + "\n", "text")) is False


def test_a_project_row_wrapped_onto_the_next_line_is_one_row(districts):
    """Joined with one space: "Sprachkursbegleitende Unterstützung" + "Bensheim"."""
    record = dec.decision(
        "RPKS-57-AQB-2025-06431-01",
        "first",
        date(2025, 3, 14),
        [(3, "Sprachkursbegleitende Unterstützung Bensheim", "Bildungswerk", "10000.50")],
    )
    text = dec.render_letter(record, "den Landkreis Bergstraße").replace(
        "Unterstützung Bensheim;", "Unterstützung\nBensheim;"
    )
    parsed = parse_decision_letter(extract(text, "text"), districts)
    assert [(line.project, line.provider) for line in parsed.lines] == [
        ("Sprachkursbegleitende Unterstützung Bensheim", "Bildungswerk")
    ]
    assert parsed.provenance["decision_id"].page == 1
    assert parsed.provenance["decision_id"].text == "Aktenzeichen: RPKS-57-AQB-2025-06431-01"


def test_a_final_row_with_nothing_used_counts_zero_towards_the_used_total(districts):
    """0,00 € used (all reclaimed) is an amount of zero, not a missing one."""
    record = dec.decision(
        "RPKS-57-AQB-2025-06431-03",
        "final",
        date(2026, 2, 27),
        [
            (1, "Jobdatings", None, "5000.00", "0.00", "5000.00"),
            (2, "Coaching", None, "7000.00", "6500.00", "500.00"),
        ],
        refers_to="RPKS-57-AQB-2025-06431-01",
    )
    parsed = parse_decision_letter(
        extract(dec.render_letter(record, "den Landkreis Bergstraße"), "text"), districts
    )
    assert (parsed.used_total_eur, parsed.reclaimed_total_eur) == (
        Decimal("6500.00"),
        Decimal("5500.00"),
    )
    assert [line.used_eur for line in parsed.lines] == [Decimal("0.00"), Decimal("6500.00")]


def test_a_revocation_may_state_no_total_and_then_revokes_to_zero(districts):
    record = dec.decision(
        "RPKS-57-AQB-2025-06431-04",
        "revocation",
        date(2026, 2, 27),
        [],
        refers_to="RPKS-57-AQB-2025-06431-01",
    )
    text = "\n".join(
        line
        for line in dec.render_letter(record, "den Landkreis Bergstraße").splitlines()
        if not line.startswith("Gesamtbetrag")
    )
    parsed = parse_decision_letter(extract(text + "\n", "text"), districts)
    assert (parsed.decision_type, parsed.lines) == ("revocation", ())
    assert str(parsed.total_eur) == "0.00"  # a Decimal of cents, like every other amount
