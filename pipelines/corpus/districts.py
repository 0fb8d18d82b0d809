"""Districts as the corpus writes them: grammatical forms, seats, and the cloned "Beispielland"s.

Documents never name a district in the nominative alone: "und dem Landkreis Bergstraße",
"des Wetteraukreises", "der Stadt Kassel". The forms used here are exactly those in
``pipelines/reference/data/district_name_forms.csv`` (tested), so the parser can resolve them.
For ``--scale K`` the 26 districts are cloned into fictitious states with keys whose first two
digits belong to no German state, and written to ``extra_districts.csv`` for
``DistrictIndex.with_extra``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pipelines.reference import EXTRA_DISTRICT_COLUMNS, District, district_name_forms, districts

_FEMININE_PREFIXES = ("Stadt ", "Landeshauptstadt ", "Wissenschaftsstadt ", "documenta-Stadt ")
MAX_SCALE = 84  # state prefixes 18..99 for k = 2..84


@dataclass(frozen=True)
class NameForm:
    """One way to name a district, with the article forms a sentence needs."""

    nominative: str  # without article: "Landkreis Bergstraße", "Stadt Kassel"
    feminine: bool

    @property
    def genitive(self) -> str:
        """Without article: "Landkreises Bergstraße", "Wetteraukreises", "Stadt Kassel"."""
        return self.nominative if self.feminine else genitive_of(self.nominative)

    def with_article(self, case: str) -> str:
        """'nom' der/die, 'dat' dem/der, 'gen' des/der, 'acc' den/die + the right form."""
        articles = {
            "nom": ("die", "der"),
            "dat": ("der", "dem"),
            "gen": ("der", "des"),
            "acc": ("die", "den"),
        }
        feminine_article, masculine_article = articles[case]
        if self.feminine:
            return f"{feminine_article} {self.nominative}"
        noun = self.genitive if case == "gen" else self.nominative
        return f"{masculine_article} {noun}"


def genitive_of(nominative: str) -> str:
    """Masculine district names: "Landkreis X" -> "Landkreises X", "Wetteraukreis" -> "…kreises".

    A "(Beispielland NN)" suffix stays after the inflected name.
    """
    base, suffix = _split_suffix(nominative)
    words = base.split(" ")
    if words[0] in ("Landkreis", "Kreis"):
        words[0] += "es"
    elif words[-1].endswith("kreis") or words[-1].endswith("Kreis"):
        words[-1] += "es"
    return " ".join(words) + suffix


def _split_suffix(name: str) -> tuple[str, str]:
    if name.endswith(")") and " (Beispielland " in name:
        index = name.index(" (Beispielland ")
        return name[:index], name[index:]
    return name, ""


def is_party_form(form: str) -> bool:
    """Name forms that read well after an article (not "Darmstadt, Wissenschaftsstadt")."""
    base, _ = _split_suffix(form)
    if "," in base or base.endswith("kreises") or base.split(" ")[0] in ("Landkreises", "Kreises"):
        return False
    return base.startswith(("Landkreis ", "Kreis ", *_FEMININE_PREFIXES)) or base.endswith(
        ("kreis", "Kreis")
    )


@dataclass(frozen=True)
class CorpusDistrict:
    """A district the corpus writes documents for (a shipped one or a clone)."""

    district_ags: str
    official_name: str
    seat: str
    population: int
    district_type: str
    state_index: int  # 1 = Hessen, k >= 2 = "Beispielland <16 + k>"
    name_forms: tuple[NameForm, ...]  # party forms, official form first

    @property
    def official_form(self) -> NameForm:
        return self.name_forms[0]

    @property
    def short_name(self) -> str:
        """Name without "Landkreis"/"Stadt" for provider names: "Bergstraße", "Kassel"."""
        base, suffix = _split_suffix(self.official_name)
        for prefix in ("Landkreis ", "Kreis ", *_FEMININE_PREFIXES):
            if base.startswith(prefix):
                return base[len(prefix) :]
        return base


def _party_forms(district_ags: str, official_name: str, suffix: str) -> tuple[NameForm, ...]:
    forms = [
        form for form, ags in district_name_forms() if ags == district_ags and is_party_form(form)
    ]
    forms.sort(key=lambda form: (form != official_name, form))
    return tuple(
        NameForm(nominative=form + suffix, feminine=form.startswith(_FEMININE_PREFIXES))
        for form in forms
    )


def state_prefix(state_index: int) -> str:
    """Two leading key digits of a state: '06' for Hessen, 16 + k for clone k (18..99)."""
    return "06" if state_index == 1 else f"{16 + state_index:02d}"


def corpus_districts(scale: int) -> tuple[CorpusDistrict, ...]:
    """Hessen's 26 districts, then ``scale - 1`` cloned states, in key order within each state."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be between 1 and {MAX_SCALE}, got {scale}")
    result: list[CorpusDistrict] = []
    for state_index in range(1, scale + 1):
        suffix = "" if state_index == 1 else f" (Beispielland {16 + state_index})"
        for district in sorted(districts().values(), key=lambda item: item.district_ags):
            result.append(_clone(district, state_index, suffix))
    return tuple(result)


def _clone(district: District, state_index: int, suffix: str) -> CorpusDistrict:
    return CorpusDistrict(
        district_ags=state_prefix(state_index) + district.district_ags[2:],
        official_name=district.official_name + suffix,
        seat=district.seat,
        population=district.population,
        district_type=district.district_type,
        state_index=state_index,
        name_forms=_party_forms(district.district_ags, district.official_name, suffix),
    )


def extra_districts_csv(scale: int) -> bytes:
    """``extra_districts.csv`` for clones (states 2..scale): every name form a document uses."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXTRA_DISTRICT_COLUMNS)
    shipped = districts()
    raw_forms = district_name_forms()
    for state_index in range(2, scale + 1):
        prefix = state_prefix(state_index)
        suffix = f" (Beispielland {16 + state_index})"
        for district in sorted(shipped.values(), key=lambda item: item.district_ags):
            forms = sorted(
                {form + suffix for form, ags in raw_forms if ags == district.district_ags}
            )
            writer.writerow(
                (
                    prefix + district.district_ags[2:],
                    district.official_name + suffix,
                    district.destatis_name + suffix,
                    district.district_type,
                    district.regierungsbezirk,
                    f"ZZ{prefix}{district.district_ags[2:]}",
                    district.seat,
                    "false",
                    "1977-01-01",
                    "",
                    district.population,
                    district.population_reference_date.isoformat(),
                    "|".join(forms),
                )
            )
    return buffer.getvalue().encode("utf-8")
