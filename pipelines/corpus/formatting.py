"""German number and date formatting as the documents print them, and PDF-safe text.

The corpus must show every amount and date form a parser meets in real documents, so each form
is a named style the planner picks with its random generator; the manifest keeps the value.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

MONTHS_DE = (
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
)

# amount styles: how a total or a measure amount is printed
AMOUNT_STYLES = ("euro", "euro_cents", "eur", "symbol_cents")
# date styles in signature lines: 2.8.2025 / 02.08.2025 / 14. Juni 2022
DATE_STYLES = ("short", "padded", "long")

# characters outside latin-1 that fpdf2's core Helvetica cannot draw, with their PDF stand-ins
_PDF_REPLACEMENTS = {
    "–": "-",
    "—": "-",
    "„": '"',
    "“": '"',
    "”": '"',
    "‚": "'",
    "‘": "'",
    "’": "'",
    "•": "-",
    "€": "EUR",
    "…": "...",
}


def group_thousands(whole: int) -> str:
    """1230450 -> '1.230.450' (German thousands separator)."""
    return f"{whole:,}".replace(",", ".")


def format_amount_number(amount: Decimal, cents: bool, thousands: bool = True) -> str:
    """The number part only: '1.230.450', '1.230.450,00' or '1230450,00'."""
    quantized = amount.quantize(Decimal("0.01"))
    whole = int(quantized)
    fraction = int((quantized - whole) * 100)
    whole_text = group_thousands(whole) if thousands else str(whole)
    if not cents and fraction == 0:
        return whole_text
    return f"{whole_text},{fraction:02d}"


def format_amount(amount: Decimal, style: str, pdf: bool = False) -> str:
    """An amount with its currency as the chosen style prints it.

    PDFs use Helvetica (latin-1 only), so '€' becomes 'EUR' there; the value stays the same.
    """
    has_cents = amount != amount.to_integral_value()
    if style == "euro":
        return f"{format_amount_number(amount, cents=has_cents)} Euro"
    if style == "euro_cents":
        return f"{format_amount_number(amount, cents=True)} Euro"
    if style == "eur":
        return f"{format_amount_number(amount, cents=has_cents)} EUR"
    if style == "symbol_cents":
        return f"{format_amount_number(amount, cents=True)} {'EUR' if pdf else '€'}"
    raise ValueError(f"unknown amount style {style!r}")


def format_date(day: date, style: str) -> str:
    """A date in one of the signature styles."""
    if style == "short":
        return f"{day.day}.{day.month}.{day.year}"
    if style == "padded":
        return day.strftime("%d.%m.%Y")
    if style == "long":
        return f"{day.day}. {MONTHS_DE[day.month - 1]} {day.year}"
    raise ValueError(f"unknown date style {style!r}")


def euro_string(amount: Decimal) -> str:
    """The manifest's amount form: a plain decimal string with two places ('1230450.00')."""
    return f"{amount.quantize(Decimal('0.01')):f}"


def pdf_safe(text: str) -> str:
    """Text Helvetica can draw: typographic dashes/quotes/bullets/€ replaced, rest latin-1."""
    for original, replacement in _PDF_REPLACEMENTS.items():
        text = text.replace(original, replacement)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def slugify(text: str) -> str:
    """ASCII file-name part: 'Landkreis Bergstraße' -> 'landkreis_bergstrasse'."""
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    parts = "".join(ch.lower() if ch.isalnum() else " " for ch in ascii_text).split()
    return "_".join(parts)
