"""Which failed warning results a reviewer's waiver covers (pure: rows and waivers in, rows out).

A waiver names a warning suite, a budget year and a district (or none: the whole year, as for the
statewide total) and runs until an end date. A failed result of that suite and year is *waived*
when every district that failed it is covered by a running waiver; it is *expired* when a
waiver would cover it but has ended. The result stays failed either way (the data did not
change); the waiver only says a person knows and accepted it, and until when.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Waiver:
    review_id: str
    suite: str
    year: int
    district_ags: str | None  # None: every district of the year
    valid_until: date
    reason: str
    reviewer: str


def _covering(
    waivers: Iterable[Waiver], suite: str, year: int, districts: Sequence[str]
) -> list[Waiver] | None:
    """The waivers that together cover every failing district (one each), or None."""
    by_district = {w.district_ags: w for w in waivers if w.suite == suite and w.year == year}
    whole_year = by_district.get(None)
    if not districts:
        return [whole_year] if whole_year else None
    chosen = [by_district.get(district) or whole_year for district in districts]
    return None if any(w is None for w in chosen) else chosen  # type: ignore[return-value]


def waiver_fields(
    suite: str,
    year: int | None,
    failing_districts: Sequence[str],
    waivers: Iterable[Waiver],
    today: date,
) -> dict[str, Any]:
    """The waiver columns of one failed result row (all None when no waiver applies)."""
    empty = {
        "waiver_status": None,
        "waiver_until": None,
        "waiver_reason": None,
        "waived_by": None,
        "waiver_id": None,
    }
    if year is None:
        return empty
    covering = _covering(waivers, suite, year, sorted(set(failing_districts)))
    if not covering:
        return empty
    first_end = min(covering, key=lambda waiver: waiver.valid_until)
    return {
        "waiver_status": "waived" if first_end.valid_until >= today else "expired",
        "waiver_until": first_end.valid_until,
        "waiver_reason": "; ".join(dict.fromkeys(w.reason for w in covering)),
        "waived_by": ", ".join(dict.fromkeys(w.reviewer for w in covering)),
        "waiver_id": ", ".join(dict.fromkeys(w.review_id for w in covering)),
    }


def waivers_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Waiver]:
    """Waivers from ``stg_review_decisions`` rows of kind 'waive'."""
    return [
        Waiver(
            review_id=row["review_id"],
            suite=row["suite"],
            year=int(row["year"]),
            district_ags=row["district_ags"],
            valid_until=row["valid_until"],
            reason=row["reason"],
            reviewer=row["reviewer"],
        )
        for row in rows
    ]
