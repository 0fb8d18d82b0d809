"""The ministry party of an agreement, by its written name (any case ending) or abbreviation.

From 2024 the ministry is officially HMAIJS, but agreements still write "HMSI" in their text; the
name in the party line decides, the abbreviation only when no name is written out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipelines.reference import Ministry, ministries, ministry_on


@dataclass(frozen=True)
class MinistryMatch:
    name: str  # the ministry's name in the nominative, as the reference data writes it
    short_name: str | None


def _name_pattern(name: str) -> re.Pattern[str]:
    """A ministry name allowing German case endings ("dem Hessischen Ministerium ...")."""
    words = [re.escape(word) for word in name.split()]
    adjective_endings = r"(?:e|en|es|er|em)?"
    parts = []
    for word in words:
        if word.startswith("Hessisch"):
            parts.append("Hessisch" + adjective_endings)
        elif word.endswith("ministerium"):
            parts.append(word + r"s?")
        else:
            parts.append(word)
    return re.compile(r"\s+".join(parts).replace(r",\s+", r",\s*"), re.IGNORECASE)


def _distinct_ministries() -> list[Ministry]:
    """One entry per distinct name, longest name first so the most specific matches."""
    seen: dict[str, Ministry] = {}
    for ministry in ministries():
        seen.setdefault(ministry.name, ministry)
    return sorted(seen.values(), key=lambda item: len(item.name), reverse=True)


def resolve_ministry(party_text: str, year: int | None) -> MinistryMatch | None:
    """The ministry named in ``party_text``; abbreviations resolve by the budget year."""
    text = " ".join(party_text.split())
    for ministry in _distinct_ministries():
        if _name_pattern(ministry.name).search(text):
            return MinistryMatch(ministry.name, ministry.short_name)
    abbreviation = re.search(r"\b(HMAIJS|HMSI|HSM)\b", text)
    if abbreviation is None:
        return None
    if year is not None:
        in_office = ministry_on(date(year, 7, 1))
        return MinistryMatch(in_office.name, in_office.short_name)
    for ministry in reversed(ministries()):
        if ministry.short_name == abbreviation.group(1):
            return MinistryMatch(ministry.name, ministry.short_name)
    return None


def written_ministry_name(party_text: str) -> str:
    """The party text without its article, for a ministry the reference data does not know."""
    return re.sub(r"^(?:dem|der|das|des)\s+", "", " ".join(party_text.split()), flags=re.IGNORECASE)
