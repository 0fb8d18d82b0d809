"""Inputs that must be rejected and values at the edges of the amount, date and district rules.

A parser that reads too much is as wrong as one that reads too little: "12.50 EUR" is no
German amount (neither 1.250 € nor 12,50 €), 31.02. is no date, "Landkreis Bergstrase" is no
district. These cases close the gaps a mutation run found (bench/results/mutation.md).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipelines.decisions.vocabulary import (
    district_ags_for_name,
    find_district_in_text,
    format_german_amount,
    format_german_date,
    parse_german_amount,
)
from pipelines.parse.amounts import (
    bare_amount,
    find_amounts,
    parse_amount,
    parse_german_number,
)
from pipelines.parse.dates import find_date, parse_date
from pipelines.parse.districts import normalise_name_text, resolve_district
from pipelines.reference import DistrictIndex


@pytest.fixture(scope="module")
def districts() -> DistrictIndex:
    return DistrictIndex.shipped()


# ------------------------------------------------------------------------------------ amounts

MALFORMED_AMOUNTS = [
    "12.50 EUR",  # English decimals: neither 1.250 € nor 12,50 €
    "1.23 Euro",
    "1.2345 EUR",  # a group of four
    "1.000.00 EUR",  # a cents group written with a dot
    "12,505 EUR",  # three decimals
    "1.230.450,123 €",
    "Euro 12.50",
    "€ 1.23",
    "1.230.450",  # no currency and not alone on its line: see bare_amount
]


@pytest.mark.parametrize("text", MALFORMED_AMOUNTS[:-1])
def test_amounts_with_wrong_grouping_or_decimals_are_not_read(text: str) -> None:
    assert find_amounts(text) == []
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    "text", ["12.50", "1.23", "1.2345", "12,505", "1.000.00", "", "Euro", "-", "1 23"]
)
def test_malformed_bare_numbers_are_no_amounts(text: str) -> None:
    assert bare_amount(text) is None
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected", "rounded"),
    [
        ("1.230.450 Euro", "1230450.00", False),
        ("1.354.000,00 €", "1354000.00", False),
        ("879.800 EUR", "879800.00", False),
        ("1.230.450,- €", "1230450.00", False),
        ("1.230.450,-- €", "1230450.00", False),
        ("1.230.450,– €", "1230450.00", False),
        ("Euro 500.000", "500000.00", False),
        ("€ 85.000,00", "85000.00", False),
        ("€85.000,5", "85000.50", False),
        ("1 230 450 €", "1230450.00", False),
        ("1\u00a0230\u00a0450 €", "1230450.00", False),
        ("1\u202f230\u202f450 €", "1230450.00", False),
        ("1234 EUR", "1234.00", False),
        ("0,01 €", "0.01", False),
        ("999 Eur", "999.00", False),
        ("1,2 Mio. Euro", "1200000.00", True),
        ("1,25 Millionen Euro", "1250000.00", True),
        ("3 Mio Euro", "3000000.00", True),
    ],
)
def test_every_documented_notation_reads_exactly(text: str, expected: str, rounded: bool) -> None:
    (match,) = find_amounts(text)
    assert match.amount_eur == Decimal(expected)
    assert match.rounded is rounded
    assert (match.start, match.end) == (0, len(text))
    assert parse_amount(text) == Decimal(expected)


def test_several_amounts_come_in_text_order_with_their_spans() -> None:
    text = "Euro 500.000 aus dem AQB und 250.000,50 € aus dem Arbeitsmarktbudget"
    found = find_amounts(text)
    assert [item.amount_eur for item in found] == [Decimal("500000.00"), Decimal("250000.50")]
    assert [text[item.start : item.end] for item in found] == ["Euro 500.000", "250.000,50 €"]
    assert parse_amount(text) == Decimal("500000.00")


def test_a_year_before_a_space_grouped_amount_is_not_part_of_it() -> None:
    # "2025 1.000" is a year and an amount, not 20.251.000 €
    assert [item.amount_eur for item in find_amounts("2025 1.000 Euro")] == [Decimal("1000.00")]
    assert [item.amount_eur for item in find_amounts("12 34 EUR")] == [Decimal("34.00")]


def test_an_amount_written_both_ways_counts_once_and_later_amounts_still_count() -> None:
    """ "2.000 € und Euro 300": the currency between two numbers makes "€ 2.000" a second
    reading of the first amount; skipping it must not end the search for the next."""
    found = find_amounts("1.000 € 2.000 € und Euro 300")
    assert [(item.amount_eur, item.start, item.end) for item in found] == [
        (Decimal("1000.00"), 0, 7),
        (Decimal("2000.00"), 8, 15),
        (Decimal("300.00"), 20, 28),
    ]


def test_a_rejected_mixed_grouping_does_not_hide_the_next_amount() -> None:
    assert [item.amount_eur for item in find_amounts("1 000.000 € und 5.000 €")] == [
        Decimal("5000.00")
    ]


def test_adjacent_amounts_that_share_no_character_both_count() -> None:
    """Spans are half-open: "100 €" ends where "€ 200" begins, so neither hides the other."""
    found = find_amounts("100 €€ 200")
    assert [(item.amount_eur, item.start, item.end) for item in found] == [
        (Decimal("100.00"), 0, 5),
        (Decimal("200.00"), 5, 10),
    ]


def test_text_without_a_currency_word_holds_no_amount() -> None:
    assert find_amounts("Budget 1.230.450 für 2025") == []
    assert find_amounts("eur 1.000") == []  # the currency is written EUR, Eur, Euro or €
    assert [item.amount_eur for item in find_amounts("Eur 1.000")] == [Decimal("1000.00")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1.230.450", "1230450.00"),
        ("  1.230.450,00  ", "1230450.00"),
        ("85000,5", "85000.50"),
        ("1.230.450,-", "1230450.00"),
    ],
)
def test_a_bare_amount_needs_a_decimal_mark(line: str, expected: str) -> None:
    assert bare_amount(line) == Decimal(expected)
    assert parse_amount(line) == Decimal(expected)


def test_a_bare_integer_is_an_amount_only_for_parse_amount() -> None:
    assert bare_amount("2025") is None
    assert parse_amount("2025") == Decimal("2025.00")


def test_parse_german_number_rounds_to_cents_and_scales_millions() -> None:
    assert parse_german_number("1.230.450") == Decimal("1230450.00")
    assert parse_german_number(" 1 230 450,5 ") == Decimal("1230450.50")
    assert parse_german_number("1,2", millions=True) == Decimal("1200000.00")
    assert str(parse_german_number("7")) == "7.00"
    with pytest.raises(ValueError, match="not a German number"):
        parse_german_number("zwölf")


@pytest.mark.parametrize("text", ["-5,00", " -1.000,00 €", "−12,00", "- 3 EUR"])
def test_decision_amounts_reject_negatives(text: str) -> None:
    with pytest.raises(ValueError):
        parse_german_amount(text)


def test_decision_amounts_accept_no_break_spaces_and_format_back() -> None:
    assert parse_german_amount("1\u00a0230\u00a0450,00 €") == Decimal("1230450.00")
    assert format_german_amount(Decimal("1230450")) == "1.230.450,00"
    assert format_german_amount(Decimal("0.5")) == "0,50"
    assert format_german_amount(Decimal("999")) == "999,00"
    assert format_german_amount(Decimal("-1000")) == "-1.000,00"


def test_a_negative_decision_amount_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match=r"^'-5,00 €' is negative$"):
        parse_german_amount(" -5,00 € ")


def test_a_no_break_space_run_on_is_rejected_like_a_space_one() -> None:
    # "2 100.000,00 €" is a stray digit before an amount, not 2.100.000 €: a no-break space
    # (common in PDF text) must not make the run-on look like a grouped number
    for text in ("2 100.000,00 €", "2\u00a0100.000,00 €"):
        with pytest.raises(ValueError, match="no euro amount"):
            parse_german_amount(text)


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2025, 3, 4), "04.03.2025"), (date(1999, 12, 31), "31.12.1999")],
)
def test_decision_dates_format_as_letters_write_them(day: date, text: str) -> None:
    assert format_german_date(day) == text


# -------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31.12.2025", date(2025, 12, 31)),
        ("1.1.2026", date(2026, 1, 1)),
        ("01.01.2016", date(2016, 1, 1)),
        ("29.2.2024", date(2024, 2, 29)),
        ("2.8.25", date(2025, 8, 2)),
        ("31.12.99", date(2099, 12, 31)),
        ("2. 8. 2025", date(2025, 8, 2)),
        ("31. Dezember 2025", date(2025, 12, 31)),
        ("1. Januar 2026", date(2026, 1, 1)),
        ("1. Jänner 2026", date(2026, 1, 1)),
        ("14. Juni 2022", date(2022, 6, 14)),
        ("1. März 2019", date(2019, 3, 1)),
        ("1. Mrz. 2019", date(2019, 3, 1)),
        ("3. OKTOBER 2020", date(2020, 10, 3)),
        ("2025-12-31", date(2025, 12, 31)),
        ("Kassel, den 31.12.2025", date(2025, 12, 31)),
    ],
)
def test_dates_at_year_ends_and_in_every_notation(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    assert find_date(f"vom {text} an") == expected


@pytest.mark.parametrize(
    "text",
    [
        "29.2.2025",  # no leap year
        "31.4.2025",
        "32.1.2025",
        "0.1.2025",
        "1.13.2025",
        "1.0.2025",
        "30. Februar 2024",
        "32. Dezember 2025",
        "2025-02-30",
        "2025-13-01",
        "131.12.2025",  # digits run on: not 31.12.2025
        "31.12.20251",
        "1. Foo 2025",
        "",
    ],
)
def test_impossible_or_run_on_dates_are_rejected(text: str) -> None:
    assert find_date(text) is None
    with pytest.raises(ValueError, match="no date"):
        parse_date(text)


def test_an_impossible_date_is_skipped_for_the_next_valid_one() -> None:
    assert find_date("31.02.2025 oder 01.03.2025") == date(2025, 3, 1)
    assert find_date("30. Februar 2024, richtig: 1. März 2024") == date(2024, 3, 1)


# ---------------------------------------------------------------------------------- districts


@pytest.mark.parametrize(
    "text",
    [
        "und dem Landkreis Bergstrase",  # one letter off
        "und dem Landkreis Bergstrasse",
        "und der Stadt Kasel",
        "und der Stadt Darmstad",
        "und dem Landkreis Giesen",
        "und dem Wetterau-Kreis Nord",
        "und dem Landkreis",
        "",
    ],
)
def test_district_names_one_letter_off_resolve_to_nothing(text: str, districts) -> None:
    assert resolve_district(text, districts) is None
    assert find_district_in_text(text, districts) is None


@pytest.mark.parametrize(
    ("text", "ags", "form"),
    [
        ("und dem Landkreis Bergstraße", "06431", "Landkreis Bergstraße"),
        ("und der Stadt Kassel", "06611", "Stadt Kassel"),
        ("und dem Landkreis Kassel", "06633", "Landkreis Kassel"),
        ("und dem Kreis Offenbach", "06438", "Kreis Offenbach"),
        ("und der Stadt Offenbach am Main", "06413", "Stadt Offenbach am Main"),
        ("UND DEM LANDKREIS BERGSTRASSE", None, None),
    ],
)
def test_longest_name_form_decides_between_similar_districts(
    text: str, ags: str | None, form: str | None, districts
) -> None:
    found = resolve_district(text, districts)
    if ags is None:
        assert found is None
        return
    assert found is not None
    assert (found.district_ags, found.name_form) == (ags, form)
    assert found.official_name == districts.by_ags[ags].official_name


def test_a_name_inside_a_longer_word_is_not_a_district(districts) -> None:
    # "Kassel" inside "Kassel-Land" or "Kasseler" must not resolve to the city
    assert resolve_district("der Kasseler Landkreistag", districts) is None
    assert resolve_district("Stadt Kassel-Land", districts) is None


def test_dash_and_space_variants_compare_equal() -> None:
    assert normalise_name_text("Darmstadt – Dieburg") == "Darmstadt-Dieburg"
    assert normalise_name_text("  Landkreis \n Darmstadt‐Dieburg ") == "Landkreis Darmstadt-Dieburg"


def test_export_district_names_one_letter_off_are_unknown(districts) -> None:
    assert district_ags_for_name("Landkreis Bergstraße", districts) == "06431"
    assert district_ags_for_name("Landkreis Bergstrase", districts) is None
    assert district_ags_for_name("Kreis Bergstrase", districts) is None


def test_export_district_names_fall_back_to_official_and_destatis_names(districts) -> None:
    # names no name form covers: the Destatis notation, in any case and spacing
    assert district_ags_for_name("Limburg-Weilburg", districts) == "06533"
    assert district_ags_for_name("wiesbaden,  Landeshauptstadt ", districts) == "06414"
    assert district_ags_for_name("Wiesbaden Landeshauptstadt,", districts) is None


def test_a_character_that_lower_cases_to_two_keeps_names_aligned(districts) -> None:
    # "İ".lower() is two characters: folding must not shift the spans of the names after it
    for text in ("İ und der Stadt Kassel", "und der Stadt Kassel İ", "İİ Landkreis Kassel"):
        found = resolve_district(text, districts)
        assert found is not None, text
        assert found.district_ags == ("06633" if "Landkreis" in text else "06611"), text


def test_a_fresh_index_builds_its_own_lookup_once(districts) -> None:
    from pipelines.parse import districts as district_module

    index = DistrictIndex(by_ags=dict(districts.by_ags), name_forms=districts.name_forms)
    found = resolve_district("und der Stadt Offenbach am Main", index)
    assert found is not None and found.district_ags == "06413"
    assert found.name_form == "Stadt Offenbach am Main"
    lookup = district_module._name_lookup(index)
    assert lookup is not None and lookup is district_module._name_lookup(index)
    longest = max(len(normalise_name_text(form)) for form, _ in index.name_forms)
    assert lookup.longest_key == longest


def test_an_index_without_districts_resolves_nothing() -> None:
    empty = DistrictIndex(by_ags={}, name_forms=())
    assert resolve_district("und der Stadt Kassel", empty) is None


@pytest.mark.parametrize("text", ["1.230 450 €", "1 230.450 EUR"])
def test_numbers_with_mixed_or_broken_space_grouping_are_rejected(text: str) -> None:
    assert find_amounts(text) == []
