"""German euro amounts in every form the documents use, as Decimal with two places.

"1.230.450 Euro", "1.354.000,00 €", "879.800 EUR", "1.230.450,- €", "Euro 500.000",
"€ 85.000,00", "1 230 450 €", "1,2 Mio. Euro". A currency word is required unless the caller
asks for a bare amount (an amount standing alone on its line after "in Höhe von insgesamt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")
_CURRENCY = r"(?:€|EUR\b|Euro\b|Eur\b)"
_GROUP_SEP = r"[.\u00a0\u202f ]"  # thousands: dot, (narrow) no-break space or plain space
_NUMBER = (
    rf"(?:\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+|\d+)"  # integer part, grouped or plain
    r"(?:,(?:\d{1,2}|-{1,2}|–|—))?"  # decimal comma with cents, or ",-" / ",--"
)
_MILLION = r"(?:\s*(?P<mio>Mio\.?|Millionen))?"
_AMOUNT_AFTER = re.compile(rf"(?<![\d,.])(?P<number>{_NUMBER}){_MILLION}\s*{_CURRENCY}")
# not followed by a digit, a comma or ".<digit>": "Euro 12.50" is malformed, not 12 €
_AMOUNT_BEFORE = re.compile(rf"{_CURRENCY}\s*(?P<number>{_NUMBER})(?![\d,]|\.\d)")
_BARE_LINE = re.compile(rf"^\s*(?P<number>{_NUMBER})\s*$")
# compiled once here: amounts are parsed on most lines, and re.sub/re.fullmatch with a pattern
# string pay a cache lookup on every call
_GROUP_SEP_CHAR = re.compile(_GROUP_SEP)
_DASH_CENTS = re.compile(r",(?:-{1,2}|–|—)$")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:,.*)?")
_DECIMAL_MARK = re.compile(r"[.,]")


@dataclass(frozen=True)
class AmountMatch:
    """An amount found in a text with its character span (for context checks)."""

    amount_eur: Decimal
    start: int
    end: int
    rounded: bool = False  # "1,2 Mio. Euro": a rounded figure, not the exact budget


def parse_german_number(number: str, millions: bool = False) -> Decimal:
    """Decimal from "1.230.450", "1.354.000,00", "1.230.450,-", "1 230 450" (ValueError if not)."""
    cleaned = _GROUP_SEP_CHAR.sub("", number.strip())
    cleaned = _DASH_CENTS.sub("", cleaned).replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not a German number: {number!r}") from None
    if millions:
        value *= Decimal(1_000_000)
    return value.quantize(CENT)


def find_amounts(text: str) -> list[AmountMatch]:
    """Every euro amount in ``text``, in order of appearance (overlaps resolved left first)."""
    found: list[AmountMatch] = []
    if not _may_hold_currency(text):
        return found
    for pattern in (_AMOUNT_AFTER, _AMOUNT_BEFORE):
        for match in pattern.finditer(text):
            if any(match.start() < other.end and other.start < match.end() for other in found):
                continue
            millions = bool(match.groupdict().get("mio"))
            number = match.group("number")
            if not millions and not _plausible_grouping(number):
                continue
            value = parse_german_number(number, millions)
            found.append(AmountMatch(value, match.start(), match.end(), rounded=millions))
    return sorted(found, key=lambda item: item.start)


def _may_hold_currency(text: str) -> bool:
    """False when ``text`` holds none of the currency words ``_CURRENCY`` accepts ("Euro" begins
    with "Eur"), so neither amount pattern can match; most lines fail this cheap test first."""
    return "€" in text or "EUR" in text or "Eur" in text


def _plausible_grouping(number: str) -> bool:
    """Reject "2025 1.000" style run-ons: a space-grouped number must group in threes."""
    return " " not in number or bool(_SPACE_GROUPED.fullmatch(number))


def parse_amount(text: str) -> Decimal:
    """The single amount in ``text`` (with or without currency); ValueError when there is none."""
    amounts = find_amounts(text)
    if amounts:
        return amounts[0].amount_eur
    bare = _BARE_LINE.match(text)
    if bare:
        return parse_german_number(bare.group("number"))
    raise ValueError(f"no euro amount in {text!r}")


def bare_amount(line: str) -> Decimal | None:
    """The amount when ``line`` is nothing but a German number with thousands dots or cents."""
    match = _BARE_LINE.match(line)
    if not match or not _DECIMAL_MARK.search(match.group("number")):
        return None
    return parse_german_number(match.group("number"))
