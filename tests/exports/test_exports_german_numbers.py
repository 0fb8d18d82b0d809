"""The one German number formatter: separators, rounding, no negative zero."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from pipelines.german import german_date, german_datetime, german_eur, german_number


def test_thousands_dots_and_decimal_comma() -> None:
    assert german_number(1230450.5, 2) == "1.230.450,50"
    assert german_number(1230450.5, 2, grouped=False) == "1230450,50"
    assert german_number(Decimal("-1000"), 2) == "-1.000,00"
    assert german_number(999) == "999"
    assert german_eur(Decimal("1053850")) == "1.053.850,00 €"
    assert german_eur(1053850.0, 0) == "1.053.850 €"


def test_a_value_that_rounds_to_zero_is_plain_zero_only_when_asked() -> None:
    assert german_number(-0.001, 2) == "-0,00"
    assert german_number(-0.001, 2, plain_zero=True) == "0,00"
    assert german_number(Decimal("-0.004"), 2, plain_zero=True) == "0,00"
    assert german_number(-0.6, 0, plain_zero=True) == "-1"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 8, 2), "02.08.2025"),
        (date(2024, 12, 31), "31.12.2024"),
        (date(1, 1, 1), "01.01.0001"),
    ],
)
def test_dates_are_day_month_year_with_leading_zeros(day: date, expected: str) -> None:
    assert german_date(day) == expected


def test_a_moment_keeps_its_clock_time_and_seconds_only_when_asked() -> None:
    moment = datetime(2025, 8, 2, 9, 5, 7)
    assert german_datetime(moment) == "02.08.2025 09:05"
    assert german_datetime(moment, seconds=True) == "02.08.2025 09:05:07"
