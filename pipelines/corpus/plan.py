"""The corpus as data before any file is written: agreements and decisions per district and year.

Everything random is drawn here from ``random.Random`` instances seeded with strings derived from
the corpus seed and a purpose ("budget:1", "projects:06431"...), so one district's documents do
not change when another part of the plan changes, and state 1 (Hessen) comes out the same at any
``scale``. Rendering (text, PDF, CSV, XLSX) is a pure function of these plans.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from pipelines.corpus.districts import CorpusDistrict
from pipelines.corpus.formatting import AMOUNT_STYLES, DATE_STYLES
from pipelines.corpus.vocabulary import (
    BERGSTRASSE_2025_PROJECTS,
    DISTRICT_ROLES,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    LAST_NAMES,
    PERIOD_PROJECTS,
    PROJECT_COUNT_RANGE,
    PROJECT_POOLS,
    PROVIDER_PATTERNS,
    variant_spelling,
)
from pipelines.reference import Ministry, ministry_on, read_csv_rows

# Statewide AQB per year in euro. 2019 and 2023 are published (domain.md) and come from
# published_figures.csv; the others are plausible interpolations, not facts.
_STATE_TOTAL_GUESS = {
    2012: 25_400_000,
    2013: 25_800_000,
    2014: 26_200_000,
    2015: 26_500_000,
    2016: 26_900_000,
    2017: 27_300_000,
    2018: 27_700_000,
    2019: 28_000_000,
    2020: 28_800_000,
    2021: 29_000_000,
    2022: 28_200_000,
    2023: 27_700_000,
    2024: 27_800_000,
    2025: 28_100_000,
}
ROUNDING_EUR = Decimal(50)
BERGSTRASSE_AGS = "06431"
MINISTRY_PLACE = "Wiesbaden"


def seeded(seed: int, purpose: str) -> random.Random:
    """An independent, reproducible random stream for one purpose (string seeds hash with SHA-512)."""
    return random.Random(f"{seed}:{purpose}")


# ------------------------------------------------------------------------------ data classes


@dataclass(frozen=True)
class SignaturePlan:
    party: str  # "ministry" | "district"
    place: str
    day: date
    name: str
    role: str
    organisation_lines: tuple[
        str, ...
    ]  # printed under the role, e.g. ("des Landkreises", "Bergstraße")


@dataclass(frozen=True)
class MeasurePlan:
    measure_type: int
    name: str  # the wording this agreement uses
    projects: tuple[str, ...]
    amount_eur: Decimal | None  # per-measure amount where the agreement states one


@dataclass(frozen=True)
class AgreementStyle:
    """How one agreement is printed; the values do not change what it says."""

    media: str  # "pdf" | "text"
    encoding: str  # text only: "utf-8" | "cp1252"
    newline: str  # text only: "\n" | "\r\n"
    amount_style: str  # see formatting.AMOUNT_STYLES
    amount_on_own_line: bool
    bullet: str  # "-", "–", "•", "*", "o" (PDF: "-", "*", "o")
    date_style: str  # see formatting.DATE_STYLES
    name_form_index: int  # which party name form (0 = official)
    measure_amount_inline: bool  # "(Mittelansatz: …)" on the heading instead of its own line
    empty_measure_keine: bool  # a measure without projects says "keine" (else nothing)
    leading_blank_lines: bool
    bold_markers: bool  # "**Ausbildungs- und Qualifizierungsbudgets 2025**" as in the reference


@dataclass(frozen=True)
class AgreementPlan:
    district: CorpusDistrict
    year: int
    budget_total_eur: Decimal
    measures: tuple[MeasurePlan, ...]  # always the four types, 1..4
    earmarks: tuple[tuple[str, Decimal], ...]
    labour_market_budget_eur: Decimal | None  # combined agreement (up to 2018)
    ministry: Ministry
    signatures: tuple[SignaturePlan, ...]  # ministry, district
    style: AgreementStyle
    version: int = 1
    body_year: int | None = None  # a year contradicting the title (defect year_contradiction)

    @property
    def key(self) -> tuple[str, int]:
        return (self.district.district_ags, self.year)

    @property
    def ministry_short(self) -> str:
        """Agreements write "HMSI" even after the 2024 renaming (see the reference agreement)."""
        return "HSM" if self.ministry.short_name == "HSM" else "HMSI"


@dataclass(frozen=True)
class DecisionLinePlan:
    project: str  # the decision's spelling
    agreement_project: str  # the agreement's spelling (ground truth for project matching)
    measure_type: int
    provider: str
    amount_eur: Decimal
    used_eur: Decimal | None = None
    reclaimed_eur: Decimal | None = None


@dataclass(frozen=True)
class DecisionPlan:
    decision_id: str
    decision_type: str  # first | amendment | final
    decision_date: date
    district: CorpusDistrict
    year: int
    lines: tuple[DecisionLinePlan, ...]
    refers_to: str | None
    media: str  # "pdf" | "text"
    name_form_index: int
    defect: str | None = None

    @property
    def total_eur(self) -> Decimal:
        return sum((line.amount_eur for line in self.lines), Decimal("0.00"))

    @property
    def used_total_eur(self) -> Decimal | None:
        if self.decision_type != "final":
            return None
        return sum((line.used_eur or Decimal(0) for line in self.lines), Decimal("0.00"))

    @property
    def reclaimed_total_eur(self) -> Decimal | None:
        if self.decision_type != "final":
            return None
        return sum((line.reclaimed_eur or Decimal(0) for line in self.lines), Decimal("0.00"))


@dataclass
class CorpusPlan:
    years: tuple[int, int]
    seed: int
    districts: tuple[CorpusDistrict, ...]
    agreements: dict[tuple[str, int], AgreementPlan] = field(default_factory=dict)
    providers: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (ags, project) -> provider

    @property
    def year_range(self) -> range:
        return range(self.years[0], self.years[1] + 1)


# ------------------------------------------------------------------------------ amounts


def published_district_figures() -> dict[tuple[str, int], Decimal]:
    """(ags, year) -> published AQB amount from the reference data (used exactly)."""
    return {
        (row["district_ags"], int(row["year"])): Decimal(row["amount_eur"])
        for row in read_csv_rows("published_figures.csv")
        if row["scope"] == "district"
    }


def published_state_totals() -> dict[int, Decimal]:
    return {
        int(row["year"]): Decimal(row["amount_eur"])
        for row in read_csv_rows("published_figures.csv")
        if row["scope"] == "state"
    }


def state_total_target(year: int, rng: random.Random) -> Decimal:
    """Statewide total for a year: published where known, else a guess with ±1 % noise."""
    published = published_state_totals()
    if year in published:
        return published[year]
    nearest = min(_STATE_TOTAL_GUESS, key=lambda known: abs(known - year))
    guess = _STATE_TOTAL_GUESS[nearest] * (1 + 0.004 * (year - nearest))
    return Decimal(round(guess * (1 + rng.uniform(-0.01, 0.01))))


def round_to(amount: float | Decimal, unit: Decimal = ROUNDING_EUR) -> Decimal:
    """Nearest multiple of ``unit`` (budgets are set in round figures)."""
    return (Decimal(str(amount)) / unit).quantize(Decimal(1)) * unit


def allocate_budgets(
    state_districts: tuple[CorpusDistrict, ...], years: range, seed: int, state_index: int
) -> dict[tuple[str, int], Decimal]:
    """Budgets per district-year: shares by population, a few % drift a year, pins kept exactly.

    A district with a published figure has its whole series scaled to meet it, so the pinned
    year does not jump; the other districts absorb the difference to the statewide target.
    """
    rng = seeded(seed, f"budget:{state_index}")
    targets = {year: state_total_target(year, rng) for year in years}
    raw: dict[str, dict[int, float]] = {}
    for district in state_districts:
        factor = math.exp(rng.gauss(0, 0.12)) * (
            1.12 if district.district_type == "kreisfreie Stadt" else 1.0
        )
        level = district.population * factor
        raw[district.district_ags] = {}
        for year in years:
            level *= 1 + rng.uniform(-0.035, 0.035)
            raw[district.district_ags][year] = level
    pins = published_district_figures() if state_index == 1 else {}
    pins = {key: amount for key, amount in pins.items() if key[1] in years and key[0] in raw}
    sums = {year: sum(series[year] for series in raw.values()) for year in years}
    for (ags, year), amount in pins.items():
        provisional = float(targets[year]) * raw[ags][year] / sums[year]
        scale = float(amount) / provisional
        raw[ags] = {each: value * scale for each, value in raw[ags].items()}
    budgets: dict[tuple[str, int], Decimal] = {}
    for year in years:
        pinned = {ags: amount for (ags, pin_year), amount in pins.items() if pin_year == year}
        free_total = float(targets[year] - sum(pinned.values(), Decimal(0)))
        free_sum = sum(series[year] for ags, series in raw.items() if ags not in pinned)
        for ags, series in raw.items():
            budgets[(ags, year)] = pinned.get(ags) or round_to(free_total * series[year] / free_sum)
    return budgets


def split_amount(
    total: Decimal, weights: list[float], unit: Decimal = ROUNDING_EUR
) -> list[Decimal]:
    """``total`` split by ``weights`` into multiples of ``unit`` (last part takes the rest), sum exact."""
    if not weights:
        return []
    weight_sum = sum(weights)
    parts = [
        max(
            unit,
            (total * Decimal(str(weight / weight_sum)) / unit).quantize(Decimal(1), ROUND_DOWN)
            * unit,
        )
        for weight in weights[:-1]
    ]
    parts.append(total - sum(parts, Decimal(0)))
    if parts[-1] <= 0:  # tiny totals: fall back to equal parts
        equal = (total / len(weights) / unit).quantize(Decimal(1), ROUND_DOWN) * unit
        parts = [equal] * (len(weights) - 1) + [total - equal * (len(weights) - 1)]
    return parts


# ------------------------------------------------------------------------------ projects


def _measure_wordings() -> dict[int, dict[str, list[str]]]:
    wordings: dict[int, dict[str, list[str]]] = {}
    for row in read_csv_rows("measure_type_names.csv"):
        wordings.setdefault(int(row["measure_type"]), {}).setdefault(row["period"], []).append(
            row["name_form"]
        )
    return wordings


def measure_wording(measure_type: int, year: int, rng: random.Random) -> str:
    """Older wording up to 2018 for types 1 and 4, the current one after; type 3 varies a little."""
    forms = _measure_wordings()[measure_type]
    if year <= 2018 and "older" in forms:
        return rng.choice(forms["older"])
    if "variant" in forms and rng.random() < 0.2:
        return forms["variant"][0]
    return forms["current"][0]


def _pool(measure_type: int, year: int, seat: str) -> list[str]:
    names = [name.replace("{ort}", seat) for name in PROJECT_POOLS[measure_type]]
    names += [
        name for name, first, last in PERIOD_PROJECTS.get(measure_type, ()) if first <= year <= last
    ]
    return names


def _period_ok(name: str, measure_type: int, year: int) -> bool:
    for period_name, first, last in PERIOD_PROJECTS.get(measure_type, ()):
        if period_name == name:
            return first <= year <= last
    return True


def plan_projects(
    district: CorpusDistrict, years: range, seed: int
) -> dict[int, dict[int, tuple[str, ...]]]:
    """year -> measure type -> projects; about 80 % continue from one year to the next."""
    rng = seeded(seed, f"projects:{district.district_ags}")
    result: dict[int, dict[int, tuple[str, ...]]] = {}
    previous: dict[int, list[str]] = {}
    ended: set[str] = set()
    for year in years:
        current: dict[int, list[str]] = {}
        for measure_type in (1, 2, 3, 4):
            low, high = PROJECT_COUNT_RANGE[measure_type]
            kept = [
                name
                for name in previous.get(measure_type, [])
                if rng.random() < 0.82 and _period_ok(name, measure_type, year)
            ]
            ended.update(set(previous.get(measure_type, [])) - set(kept))
            wanted = (
                rng.randint(low, high)
                if not previous
                else max(low, min(high, len(kept) + rng.choice((0, 0, 1, 1, 2))))
            )
            candidates = [
                name
                for name in _pool(measure_type, year, district.seat)
                if name not in kept and name not in ended
            ]
            rng.shuffle(candidates)
            while len(kept) < wanted and candidates:
                kept.append(candidates.pop())
            current[measure_type] = kept
        if district.district_ags == BERGSTRASSE_AGS and year == 2025:
            current = {
                measure_type: list(names)
                for measure_type, names in BERGSTRASSE_2025_PROJECTS.items()
            }
        result[year] = {measure_type: tuple(names) for measure_type, names in current.items()}
        previous = current
    return result


def plan_providers(district: CorpusDistrict, seed: int) -> list[str]:
    """Five providers (Träger) working in a district."""
    rng = seeded(seed, f"providers:{district.district_ags}")
    patterns = list(PROVIDER_PATTERNS)
    rng.shuffle(patterns)
    return [
        pattern.format(short=district.short_name, ort=district.seat) for pattern in patterns[:5]
    ]


# ------------------------------------------------------------------------------ signers


def _person(rng: random.Random) -> tuple[str, bool]:
    female = rng.random() < 0.45
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    return f"{first} {rng.choice(LAST_NAMES)}", female


def district_officeholders(
    district: CorpusDistrict, years: range, seed: int
) -> dict[int, list[tuple[str, str]]]:
    """year -> [(name, role) of the head, (name, role) of the deputy]; terms of six years."""
    rng = seeded(seed, f"signers:{district.district_ags}")
    city = district.district_type == "kreisfreie Stadt"
    result: dict[int, list[tuple[str, str]]] = {}
    term_start = years.start - rng.randint(0, 5)
    head = deputy = None
    for year in years:
        if head is None or year - term_start >= 6:
            if head is not None:
                term_start = year
            head_name, head_female = _person(rng)
            deputy_name, deputy_female = _person(rng)
            head = (head_name, DISTRICT_ROLES[(city, head_female, True)])
            deputy = (deputy_name, DISTRICT_ROLES[(city, deputy_female, False)])
        result[year] = [head, deputy]  # type: ignore[list-item]
    return result


def ministry_lines(ministry: Ministry) -> tuple[str, ...]:
    """The ministry's name under the minister's role, wrapped like the reference agreement."""
    if not ministry.name.startswith("Hessisches Ministerium "):
        return (ministry.name,)
    rest = ministry.name[len("Hessisches Ministerium ") :].split(" ")
    lines: list[str] = ["Hessisches Ministerium"]
    current = ""
    for word in rest:
        if current and len(current) + 1 + len(word) > 24:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return tuple(lines)


def district_org_lines(district: CorpusDistrict) -> tuple[str, ...]:
    genitive = district.official_form.with_article("gen")
    article, _, rest = genitive.partition(" ")
    first, _, remainder = rest.partition(" ")
    return (f"{article} {first}", remainder) if remainder else (genitive,)


# ------------------------------------------------------------------------------ agreements


def _style(
    district_index: int, district: CorpusDistrict, year: int, seed: int, rng: random.Random
) -> AgreementStyle:
    media = "pdf" if (district_index + year + seed) % 2 == 0 else "text"
    bullets = ("-", "*", "o") if media == "pdf" else ("-", "–", "•", "*", "o")
    return AgreementStyle(
        media=media,
        encoding="cp1252" if rng.random() < 0.4 else "utf-8",
        newline="\r\n" if rng.random() < 0.4 else "\n",
        amount_style=rng.choice(AMOUNT_STYLES),
        amount_on_own_line=rng.random() < 0.6,
        bullet=rng.choice(bullets),
        date_style=rng.choice(DATE_STYLES),
        name_form_index=0
        if rng.random() < 0.75 or len(district.name_forms) == 1
        else rng.randrange(1, len(district.name_forms)),
        measure_amount_inline=rng.random() < 0.4,
        empty_measure_keine=rng.random() < 0.5,
        leading_blank_lines=rng.random() < 0.5,
        bold_markers=media == "text" and rng.random() < 0.3,
    )


_REFERENCE_STYLE = AgreementStyle(
    media="text",
    encoding="utf-8",
    newline="\n",
    amount_style="euro",
    amount_on_own_line=True,
    bullet="-",
    date_style="short",
    name_form_index=0,
    measure_amount_inline=False,
    empty_measure_keine=False,
    leading_blank_lines=True,
    bold_markers=True,
)


def _earmarks(
    year: int, budget: Decimal, state_share: float, rng: random.Random
) -> tuple[tuple[str, Decimal], ...]:
    """Earmarks of the year: Teilzeitausbildung (2023-24, 1 Mio. statewide), others sometimes."""
    earmarks: list[tuple[str, Decimal]] = []
    if year in (2023, 2024) and rng.random() < 0.7:
        earmarks.append(("Teilzeitausbildung", round_to(1_000_000 * state_share, Decimal(100))))
    if 2017 <= year <= 2019 and rng.random() < 0.25:
        earmarks.append(
            (
                "Integration von Menschen mit Migrationshintergrund",
                round_to(float(budget) * rng.uniform(0.05, 0.1), Decimal(500)),
            )
        )
    if year in (2021, 2022) and rng.random() < 0.25:
        earmarks.append(
            ("digitales Lernen", round_to(float(budget) * rng.uniform(0.02, 0.04), Decimal(500)))
        )
    return tuple(earmarks)


def plan_agreement(
    district: CorpusDistrict,
    district_index: int,
    year: int,
    budget: Decimal,
    state_total: Decimal,
    projects: dict[int, tuple[str, ...]],
    officeholders: list[tuple[str, str]],
    seed: int,
) -> AgreementPlan:
    """One district-year's agreement: measures, amounts, earmarks, signatures and print style."""
    rng = seeded(seed, f"agreement:{district.district_ags}:{year}")
    reference = district.district_ags == BERGSTRASSE_AGS and year == 2025
    style = _REFERENCE_STYLE if reference else _style(district_index, district, year, seed, rng)
    with_measure_amounts = not reference and rng.random() < 0.3
    weights = {1: 1.0, 2: 1.2, 3: 1.0, 4: 0.3}
    typed = [measure_type for measure_type in (1, 2, 3, 4) if projects[measure_type]]
    amounts = (
        split_amount(budget, [weights[m] * len(projects[m]) for m in typed])
        if with_measure_amounts
        else []
    )
    measure_amounts = dict(zip(typed, amounts, strict=False))
    measures = tuple(
        MeasurePlan(
            measure_type=measure_type,
            name=measure_wording(measure_type, year, rng),
            projects=projects[measure_type],
            amount_eur=measure_amounts.get(measure_type),
        )
        for measure_type in (1, 2, 3, 4)
    )
    combined = year <= 2018 and (
        rng.random() < 0.3 or (district.district_ags, year) == ("06436", 2014)
    )
    labour_market = None
    if combined:
        labour_market = (
            Decimal(221_200)
            if (district.district_ags, year) == ("06436", 2014)
            else round_to(float(budget) * rng.uniform(0.35, 0.6), Decimal(100))
        )
    if reference:
        ministry_day, district_day = date(2025, 8, 2), date(2025, 8, 8)
    else:
        ministry_day = date(year, 3, 1) + timedelta(days=rng.randint(0, 200))
        district_day = ministry_day + timedelta(days=rng.randint(2, 21))
    ministry = ministry_on(ministry_day)
    signer_name, signer_role = officeholders[0] if rng.random() < 0.7 else officeholders[1]
    signatures = (
        SignaturePlan(
            "ministry",
            MINISTRY_PLACE,
            ministry_day,
            ministry.minister,
            ministry.minister_role,
            ministry_lines(ministry),
        ),
        SignaturePlan(
            "district",
            district.seat,
            district_day,
            signer_name,
            signer_role,
            district_org_lines(district),
        ),
    )
    share = float(budget / state_total) if state_total else 0.0
    return AgreementPlan(
        district=district,
        year=year,
        budget_total_eur=budget,
        measures=measures,
        earmarks=_earmarks(year, budget, share, rng),
        labour_market_budget_eur=labour_market,
        ministry=ministry,
        signatures=signatures,
        style=style,
    )


def corrected_version(plan: AgreementPlan, seed: int) -> AgreementPlan:
    """A corrected agreement: a few % more money, both signatures 3-8 weeks later (it must win)."""
    rng = seeded(seed, f"correction:{plan.district.district_ags}:{plan.year}")
    new_budget = round_to(float(plan.budget_total_eur) * rng.uniform(1.02, 1.06))
    delta = new_budget - plan.budget_total_eur
    measures = plan.measures
    if any(measure.amount_eur is not None for measure in measures):
        largest = max(
            (m for m in measures if m.amount_eur is not None), key=lambda m: m.amount_eur or 0
        )
        measures = tuple(
            replace(m, amount_eur=(m.amount_eur or Decimal(0)) + delta) if m is largest else m
            for m in measures
        )
    shift = timedelta(days=rng.randint(21, 56))
    signatures = tuple(
        replace(signature, day=signature.day + shift) for signature in plan.signatures
    )
    return replace(
        plan,
        budget_total_eur=new_budget,
        measures=measures,
        signatures=signatures,
        ministry=ministry_on(signatures[0].day),
        version=plan.version + 1,
    )


# ------------------------------------------------------------------------------ decisions


TITLE_BY_TYPE = {
    "first": "Zuwendungsbescheid",
    "amendment": "Änderungsbescheid",
    "final": "Schlussbescheid",
}


def decision_id(plan: AgreementPlan | CorpusDistrict, year: int, number: int) -> str:
    district = plan.district if isinstance(plan, AgreementPlan) else plan
    return f"RPKS-57-AQB-{year}-{district.district_ags}-{number:02d}"


def plan_decisions(
    agreement: AgreementPlan,
    providers: dict[tuple[str, str], str],
    last_year: int,
    seed: int,
    exceed: bool = False,
) -> list[DecisionPlan]:
    """First decision, 0-2 amendments, a final decision after the year (not for the last year).

    The random draws do not depend on ``exceed`` (only which ratio is used), so the number of
    decisions and their dates stay the same when a defect is planted.
    """
    rng = seeded(seed, f"decisions:{agreement.district.district_ags}:{agreement.year}")
    normal_ratio, exceed_ratio = rng.uniform(0.93, 1.0), rng.uniform(1.06, 1.15)
    amendments = rng.choices((0, 1, 2), weights=(70, 22, 8))[0]
    spellings = {
        name: variant_spelling(name, rng) if rng.random() < 0.3 else name
        for measure in agreement.measures
        for name in measure.projects
    }
    year, district = agreement.year, agreement.district
    lines = _first_lines(
        agreement, providers, spellings, exceed_ratio if exceed else normal_ratio, exceed, rng
    )
    form_index = agreement.style.name_form_index
    day = date(year, 3, 15) + timedelta(days=rng.randint(0, 100))
    decisions = [
        DecisionPlan(
            decision_id(agreement, year, 1),
            "first",
            day,
            district,
            year,
            lines,
            None,
            _media(rng),
            form_index,
        )
    ]
    for _ in range(amendments):
        day = max(day + timedelta(days=14), date(year, 7, 1)) + timedelta(days=rng.randint(0, 60))
        lines = _amended_lines(lines, rng)
        decisions.append(
            DecisionPlan(
                decision_id(agreement, year, len(decisions) + 1),
                "amendment",
                day,
                district,
                year,
                lines,
                decisions[-1].decision_id,
                _media(rng),
                form_index,
            )
        )
    if year < last_year:
        day = date(year + 1, 3, 1) + timedelta(days=rng.randint(0, 180))
        final_lines = tuple(_final_line(line, rng) for line in lines)
        decisions.append(
            DecisionPlan(
                decision_id(agreement, year, len(decisions) + 1),
                "final",
                day,
                district,
                year,
                final_lines,
                decisions[-1].decision_id,
                _media(rng),
                form_index,
            )
        )
    return decisions


def _media(rng: random.Random) -> str:
    return "pdf" if rng.random() < 0.5 else "text"


def _first_lines(
    agreement: AgreementPlan,
    providers: dict[tuple[str, str], str],
    spellings: dict[str, str],
    ratio: float,
    exceed: bool,
    rng: random.Random,
) -> tuple[DecisionLinePlan, ...]:
    """Approved amount per project: within each measure amount (when stated) and the budget."""
    ags = agreement.district.district_ags
    groups: list[tuple[Decimal, list[tuple[int, str]]]] = []
    if all(m.amount_eur is None for m in agreement.measures if m.projects) or exceed:
        members = [(m.measure_type, name) for m in agreement.measures for name in m.projects]
        groups.append((round_to(float(agreement.budget_total_eur) * ratio), members))
    else:
        for measure in agreement.measures:
            if measure.projects and measure.amount_eur is not None:
                groups.append(
                    (
                        (measure.amount_eur * Decimal(str(ratio)) / ROUNDING_EUR).quantize(
                            Decimal(1), ROUND_DOWN
                        )
                        * ROUNDING_EUR,
                        [(measure.measure_type, name) for name in measure.projects],
                    )
                )
    lines: list[DecisionLinePlan] = []
    for total, members in groups:
        amounts = split_amount(
            total, [rng.uniform(0.5, 1.5) * (0.4 if m == 4 else 1.0) for m, _ in members]
        )
        for (measure_type, name), amount in zip(members, amounts, strict=True):
            lines.append(
                DecisionLinePlan(
                    spellings[name], name, measure_type, providers[(ags, name)], amount
                )
            )
    return tuple(lines)


def _amended_lines(
    lines: tuple[DecisionLinePlan, ...], rng: random.Random
) -> tuple[DecisionLinePlan, ...]:
    """An amendment restates all lines: money moves between two projects of one measure type,
    or, where no measure type has two projects, one project is cut by a few percent."""
    by_type: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        by_type.setdefault(line.measure_type, []).append(index)
    movable = [indexes for _, indexes in sorted(by_type.items()) if len(indexes) >= 2]
    result = list(lines)
    if movable:
        source, target = rng.sample(rng.choice(movable), 2)
        delta = round_to(float(result[source].amount_eur) * rng.uniform(0.05, 0.2))
        delta = min(delta, result[source].amount_eur - ROUNDING_EUR)
        result[source] = replace(result[source], amount_eur=result[source].amount_eur - delta)
        result[target] = replace(result[target], amount_eur=result[target].amount_eur + delta)
    else:
        index = rng.randrange(len(result))
        cut = round_to(float(result[index].amount_eur) * rng.uniform(0.03, 0.08))
        result[index] = replace(
            result[index],
            amount_eur=result[index].amount_eur - min(cut, result[index].amount_eur - ROUNDING_EUR),
        )
    return tuple(result)


def _final_line(line: DecisionLinePlan, rng: random.Random) -> DecisionLinePlan:
    """Final decision: the approved amount, what was used (to the cent) and the reclaim."""
    used = (
        line.amount_eur
        if rng.random() < 0.4
        else (line.amount_eur * Decimal(str(rng.uniform(0.85, 1.0)))).quantize(Decimal("0.01"))
    )
    return replace(line, used_eur=used, reclaimed_eur=line.amount_eur - used)
