"""Numbers as a German reader writes them: ``1.230.450,50``.

The one place that turns a number into German text (dashboard, downloads, check results, command
line, letters' notation), so a figure reads the same everywhere. Python's own formatting does the
rounding (floats and Decimals alike); only the separators are swapped, in one pass.
"""

from __future__ import annotations

from decimal import Decimal

_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})

Number = int | float | Decimal


def german_number(
    value: Number, decimals: int = 0, *, grouped: bool = True, plain_zero: bool = False
) -> str:
    """``value`` with ``decimals`` places, a decimal comma and (``grouped``) thousands dots.

    ``plain_zero``: a value that rounds to zero is written as zero, never as ``-0`` or ``-0,00``
    (what a reader would take for a small loss).
    """
    if plain_zero and round(value, decimals) == 0:
        value = type(value)(0)
    english = f"{value:{',' if grouped else ''}.{decimals}f}"
    return english.translate(_SWAP_SEPARATORS)


def german_eur(value: Number, decimals: int = 2) -> str:
    """A euro amount with its unit: ``1.230.450,00 €``."""
    return f"{german_number(value, decimals)} €"
