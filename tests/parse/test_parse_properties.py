"""Property tests: German amounts and dates round-trip; parse_document never raises."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.parse.amounts import find_amounts, parse_amount
from pipelines.parse.dates import MONTHS, find_date, parse_date
from pipelines.parse.dispatch import parse_document

MONTH_NAMES = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]

amounts = st.decimals(
    min_value=0, max_value=Decimal("999999999.99"), places=2, allow_nan=False, allow_infinity=False
)


def grouped(integer: int, separator: str = ".") -> str:
    return f"{integer:,}".replace(",", separator)


def cents(value: Decimal) -> str:
    return f"{int((value * 100) % 100):02d}"


def german_styles(value: Decimal) -> list[str]:
    """Every style the documents use for ``value`` (integer-only styles only for whole euros)."""
    integer = int(value)
    styles = [
        f"{grouped(integer)},{cents(value)} €",
        f"{grouped(integer)},{cents(value)} EUR",
        f"Euro {grouped(integer)},{cents(value)}",
        f"€ {grouped(integer)},{cents(value)}",
        f"{grouped(integer, ' ')},{cents(value)} €",
        f"{integer},{cents(value)} Euro",
    ]
    if value == integer:
        styles += [
            f"{grouped(integer)} Euro",
            f"{grouped(integer)} EUR",
            f"{grouped(integer)},- €",
            f"Euro {grouped(integer)}",
            f"{grouped(integer)}",
        ]
    return styles


@given(amounts)
def test_german_amounts_round_trip(value: Decimal) -> None:
    for text in german_styles(value):
        assert parse_amount(text) == value, text


@given(amounts, amounts)
def test_amounts_found_in_running_text(first: Decimal, second: Decimal) -> None:
    text = f"Im Jahr 2025 stehen {german_styles(first)[0]} und zusätzlich {german_styles(second)[2]} zur Verfügung."
    assert [item.amount_eur for item in find_amounts(text)] == [first, second]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_round_trip_in_three_styles(day: date) -> None:
    styles = [
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day}. {MONTH_NAMES[day.month - 1]} {day.year}",
    ]
    for text in styles:
        assert parse_date(text) == day, text
        assert find_date(f"Wiesbaden, den {text}") == day


def test_month_table_covers_every_month() -> None:
    assert {MONTHS[name.casefold()] for name in MONTH_NAMES} == set(range(1, 13))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from(["x.pdf", "x.txt", "x.csv", "x"]))
def test_parse_document_never_raises_on_arbitrary_bytes(data: bytes, name: str) -> None:
    outcome = parse_document(name, data)
    assert outcome.status in ("ok", "quarantined")
    if outcome.status == "quarantined":
        assert outcome.reason


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=3000))
def test_parse_document_never_raises_on_arbitrary_text(text: str) -> None:
    outcome = parse_document(
        "x.txt", ("Zielvereinbarung 2025\nzwischen\n" + text).encode("utf-8", "surrogatepass")
    )
    assert outcome.status in ("ok", "quarantined")
