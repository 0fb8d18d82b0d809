"""Numbers and dates as a German reader writes them: ``1.230.450,50``, ``02.08.2025``.

The one place that turns a number or a date into German text (dashboard, downloads, check
results, command line, letters' notation), so a figure reads the same everywhere. Babel's
``de_DE`` locale writes the separators and digits; Python's own formatting does the rounding
first (floats and Decimals alike, as every figure was rounded before Babel wrote them), so the
figures stay exactly what they were.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

LOCALE = "de_DE"

Number = int | float | Decimal


@cache
def _pattern(decimals: int, grouped: bool) -> str:
    """The CLDR number pattern: ``#,##0.00`` (grouped, two places) or ``0`` (plain)."""
    integer = "#,##0" if grouped else "0"
    return integer + ("." + "0" * decimals if decimals else "")


def german_number(
    value: Number, decimals: int = 0, *, grouped: bool = True, plain_zero: bool = False
) -> str:
    """``value`` with ``decimals`` places, a decimal comma and (``grouped``) thousands dots.

    ``plain_zero``: a value that rounds to zero is written as zero, never as ``-0`` or ``-0,00``
    (what a reader would take for a small loss).
    """
    if plain_zero and round(value, decimals) == 0:
        value = type(value)(0)
    rounded = Decimal(f"{value:.{decimals}f}")
    return format_decimal(rounded, format=_pattern(decimals, grouped), locale=LOCALE)


def german_eur(value: Number, decimals: int = 2) -> str:
    """A euro amount with its unit: ``1.230.450,00 €``."""
    return f"{german_number(value, decimals)} €"


def german_date(value: date) -> str:
    """A calendar day: ``02.08.2025``."""
    return format_date(value, "dd.MM.yyyy", locale=LOCALE)


def german_datetime(value: datetime, seconds: bool = False) -> str:
    """A moment as it is given (no time-zone conversion here): ``02.08.2025 14:05``."""
    return format_datetime(value, "dd.MM.yyyy HH:mm" + (":ss" if seconds else ""), locale=LOCALE)
