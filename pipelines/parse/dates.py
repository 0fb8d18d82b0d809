"""German dates: "2.8.2025", "02.08.2025", "2.8.25", "14. Juni 2022", "1. März 2019" (and ISO)."""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "jänner": 1,
    "februar": 2, "feb": 2, "febr": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}  # fmt: skip
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMERIC_DATE = r"(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4}|\d{2})"
WORDED_DATE = rf"(?P<wday>\d{{1,2}})\.\s*(?P<wmonth>(?i:{_MONTH_WORDS}))\.?\s+(?P<wyear>\d{{4}})"
ISO_DATE = r"(?P<iyear>\d{4})-(?P<imonth>\d{2})-(?P<iday>\d{2})"
DATE_PATTERN = re.compile(rf"(?<!\d)(?:{NUMERIC_DATE}|{WORDED_DATE}|{ISO_DATE})(?!\d)")


def find_date(text: str) -> date | None:
    """The first valid date in ``text``, or None."""
    for match in DATE_PATTERN.finditer(text):
        parsed = _from_match(match)
        if parsed is not None:
            return parsed
    return None


def parse_date(text: str) -> date:
    """The date in ``text``; ValueError when there is none."""
    parsed = find_date(text)
    if parsed is None:
        raise ValueError(f"no date in {text!r}")
    return parsed


def _from_match(match: re.Match[str]) -> date | None:
    """A date from whichever alternative matched, None for impossible days (31.2.)."""
    groups = match.groupdict()
    try:
        if groups["day"]:
            year = int(groups["year"])
            year += 2000 if year < 100 else 0  # "2.8.25": the programme only exists since 2011
            return date(year, int(groups["month"]), int(groups["day"]))
        if groups["wday"]:
            month = MONTHS[groups["wmonth"].casefold()]
            return date(int(groups["wyear"]), month, int(groups["wday"]))
        return date(int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"]))
    except ValueError:
        return None
