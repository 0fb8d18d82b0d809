"""District resolution from an agreement's party line, never from place names elsewhere.

"und dem Landkreis Bergstraße", "und der Stadt Kassel", "und dem Kreis Offenbach",
"zwischen ... und des Wetteraukreises". The longest matching name form wins, so "Landkreis
Kassel" is never read as "Stadt Kassel" and "Stadt Offenbach am Main" never as "Kreis Offenbach".

Resolution looks names up instead of scanning them: every normalised name form of a
``DistrictIndex`` goes into one dict (built once per index), and only the spans of the party
line that stand as whole words are looked up. The cost per line is independent of the number
of districts, which matters for the benchmark's scaled corpora ("as if K states").
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass

from pipelines.reference import DistrictIndex

_DASHES = re.compile(r"[‐‑‒–—]")
_SPACES = re.compile(r"\s+")
_WORD_CHAR = re.compile(r"[\w-]")


@dataclass(frozen=True)
class DistrictMatch:
    district_ags: str
    official_name: str
    name_form: str  # the form found in the text


@dataclass(frozen=True)
class _NameLookup:
    """Normalised, lower-cased name form -> (rank in the index's longest-first order, form, AGS).

    The rank keeps the index's tie-breaking: of all forms found in a text, the one listed
    first (longest, then index order) wins, exactly as a longest-first scan would pick it.
    """

    forms: dict[str, tuple[int, str, str]]
    longest_key: int


# id(index) -> lookup; an entry is dropped when its index is garbage collected, so a reused
# id can never serve a stale lookup. (DistrictIndex holds a dict, so it is not hashable.)
_LOOKUPS: dict[int, _NameLookup] = {}


def normalise_name_text(text: str) -> str:
    """Collapse whitespace and unify dashes so "Darmstadt – Dieburg" style variants compare."""
    text = _DASHES.sub("-", text)
    text = re.sub(r"\s*-\s*(?=[A-ZÄÖÜ])", "-", text)
    return _SPACES.sub(" ", text).strip()


def _fold(text: str) -> str:
    """Lower-case character by character, keeping every index aligned with ``text`` (a few
    characters lower-case to two; they keep their case, which no district name contains)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _name_lookup(districts: DistrictIndex) -> _NameLookup:
    """The index's lookup, built on first use and kept for the index's lifetime."""
    key = id(districts)
    lookup = _LOOKUPS.get(key)
    if lookup is None:
        forms: dict[str, tuple[int, str, str]] = {}
        for rank, (name_form, district_ags) in enumerate(districts.name_forms):
            forms.setdefault(_fold(normalise_name_text(name_form)), (rank, name_form, district_ags))
        lookup = _NameLookup(forms, max((len(form) for form in forms), default=0))
        _LOOKUPS[key] = lookup
        weakref.finalize(districts, _LOOKUPS.pop, key, None)
    return lookup


def _word_boundaries(text: str) -> tuple[list[int], list[int]]:
    """Where a name may start and end: not inside a run of word characters or hyphens (so no
    "Kreis" inside "Landkreis" and no "Kassel" inside "Kassel-Land"), never on a space."""
    is_word = [bool(_WORD_CHAR.match(char)) for char in text]
    starts = [i for i, char in enumerate(text) if char != " " and (i == 0 or not is_word[i - 1])]
    ends = [
        j
        for j in range(1, len(text) + 1)
        if text[j - 1] != " " and (j == len(text) or not is_word[j])
    ]
    return starts, ends


def resolve_district(party_text: str, districts: DistrictIndex) -> DistrictMatch | None:
    """The district named in ``party_text`` (longest name form wins), or None."""
    lookup = _name_lookup(districts)
    text = normalise_name_text(party_text)
    folded = _fold(text)
    starts, ends = _word_boundaries(text)
    best: tuple[int, str, str] | None = None  # (rank, form, ags)
    for start in starts:
        for end in ends[bisect_right(ends, start) :]:
            if end - start > lookup.longest_key:
                break
            found = lookup.forms.get(folded[start:end])
            if found is not None and (best is None or found[0] < best[0]):
                best = found
    if best is None:
        return None
    _, name_form, district_ags = best
    district = districts.by_ags[district_ags]
    return DistrictMatch(district_ags, district.official_name, name_form)
