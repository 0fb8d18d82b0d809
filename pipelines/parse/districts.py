"""District resolution from an agreement's party line, never from place names elsewhere.

"und dem Landkreis Bergstraße", "und der Stadt Kassel", "und dem Kreis Offenbach",
"zwischen ... und des Wetteraukreises". The longest matching name form wins, so "Landkreis
Kassel" is never read as "Stadt Kassel" and "Stadt Offenbach am Main" never as "Kreis Offenbach".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipelines.reference import DistrictIndex

_DASHES = re.compile(r"[‐‑‒–—]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class DistrictMatch:
    district_ags: str
    official_name: str
    name_form: str  # the form found in the text


def normalise_name_text(text: str) -> str:
    """Collapse whitespace and unify dashes so "Darmstadt – Dieburg" style variants compare."""
    text = _DASHES.sub("-", text)
    text = re.sub(r"\s*-\s*(?=[A-ZÄÖÜ])", "-", text)
    return _SPACES.sub(" ", text).strip()


@cache
def _form_pattern(name_form: str) -> re.Pattern[str]:
    """A name form as a pattern that must stand as whole words (no "Kreis" inside "Landkreis")."""
    escaped = re.escape(normalise_name_text(name_form)).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w-]){escaped}(?![\w-])", re.IGNORECASE)


def resolve_district(party_text: str, districts: DistrictIndex) -> DistrictMatch | None:
    """The district named in ``party_text`` (longest name form wins), or None."""
    text = normalise_name_text(party_text)
    best: tuple[int, str, str] | None = None  # (length, form, ags)
    for name_form, district_ags in districts.name_forms:
        if best is not None and len(name_form) < best[0]:
            break  # forms are sorted longest first: nothing shorter can win
        if _form_pattern(name_form).search(text) and best is None:
            best = (len(name_form), name_form, district_ags)
    if best is None:
        return None
    _, name_form, district_ags = best
    district = districts.by_ags[district_ags]
    return DistrictMatch(district_ags, district.official_name, name_form)
