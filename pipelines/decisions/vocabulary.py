"""What the decision parsers (letter and tabular export) share: German amounts and dates,
decision type names, file-number pattern and district resolution.

Kept in one place so a letter and an export row of the same decision read identically; amounts,
dates and district names are read by the agreement parser's helpers (``pipelines/parse/amounts``,
``dates``, ``districts``) so both document kinds agree on every notation.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from pipelines.german import german_date, german_number
from pipelines.parse.amounts import parse_amount
from pipelines.parse.dates import parse_date
from pipelines.parse.districts import resolve_district
from pipelines.parse.records import DecisionType
from pipelines.reference import DistrictIndex

CENT = Decimal("0.01")

# German title of a decision -> the record's decision_type (ASCII spellings tolerated for PDFs
# or exports whose producers dropped the umlaut).
DECISION_TYPE_BY_TITLE: dict[str, DecisionType] = {
    "zuwendungsbescheid": "first",
    "änderungsbescheid": "amendment",
    "aenderungsbescheid": "amendment",
    "schlussbescheid": "final",
    "widerrufsbescheid": "revocation",
}
TITLE_BY_DECISION_TYPE: dict[DecisionType, str] = {
    "first": "Zuwendungsbescheid",
    "amendment": "Änderungsbescheid",
    "final": "Schlussbescheid",
    "revocation": "Widerrufsbescheid",
}

# RPKS-57-AQB-<YEAR>-<AGS>-<NN>: the file number tells year and district, which lets us catch a
# letter whose header contradicts its own file number.
DECISION_ID_PATTERN = re.compile(r"^RPKS-57-AQB-(?P<year>\d{4})-(?P<ags>\d{5})-(?P<seq>\d{2,})$")

_SIGNED = re.compile(r"^\s*[-−]\s*\d")


def decision_type_from_title(text: str) -> DecisionType | None:
    """The decision type a title word names ("Änderungsbescheid" -> "amendment"), else None."""
    return DECISION_TYPE_BY_TITLE.get(text.strip().casefold())


def parse_german_amount(text: str) -> Decimal:
    """``"1.230.450,00 €"``, ``"85000,5"``, ``"879.800 EUR"`` -> Decimal with two places.

    Delegates to the agreement parser's ``parse_amount`` but rejects negatives: decisions never
    carry negative amounts (a reclaim is its own positive column), so a minus means a broken
    value. Raises ValueError.
    """
    if _SIGNED.match(text):
        raise ValueError(f"{text.strip()!r} is negative")
    return parse_amount(text.replace("\u00a0", " "))


def format_german_amount(amount: Decimal) -> str:
    """Decimal -> ``"1.230.450,00"`` (the export's and the letters' notation, without unit)."""
    return german_number(amount.quantize(CENT), 2)


def parse_german_date(text: str) -> date:
    """``"14.03.2025"``, ``"4.3.2025"``, ``"14. März 2025"`` or ISO -> date; ValueError else."""
    return parse_date(text)


def format_german_date(day: date) -> str:
    """date -> ``"14.03.2025"``."""
    return german_date(day)


def find_district_in_text(text: str, districts: DistrictIndex) -> str | None:
    """The AGS of the longest district name form standing as whole words in ``text``
    (the agreement parser's resolver, so letters and agreements resolve names alike)."""
    match = resolve_district(text, districts)
    return match.district_ags if match else None


def district_ags_for_name(name: str, districts: DistrictIndex) -> str | None:
    """The AGS a district name in an export row stands for: a listed name form (longest
    first), else the official or Destatis name; None when it names no known district."""
    found = find_district_in_text(name, districts)
    if found is not None:
        return found
    wanted = " ".join(name.split()).casefold()
    for district in districts.by_ags.values():
        if wanted in (district.official_name.casefold(), district.destatis_name.casefold()):
            return district.district_ags
    return None
