"""The suites: which frame each validates, its severity, and the expectations (as GX configs).

The expectation lists here are the source from which ``build_context`` writes the committed JSON
suites under ``expectations/expectations/``; at run time the committed JSON is what runs, so a
data engineer may tune a suite with GX tooling without touching Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pipelines.contracts.tables import MARTS
from pipelines.german import german_eur

Severity = Literal["error", "warning"]

BUDGET_MIN_EUR = 50_000
# The largest district (Frankfurt am Main) gets about 15 % of the ~28 Mio € state total, i.e.
# about 4 Mio €; 8 Mio € leaves room for growth and earmarks yet still catches a misplaced digit.
BUDGET_MAX_EUR = 8_000_000
YEAR_MIN, YEAR_MAX = 2010, 2035
STATEWIDE_TOLERANCE_PCT = 10.0

# Columns and types of every mart as its contract declares them (pipelines.contracts.tables);
# more columns may exist, none may be missing or change type.
MART_COLUMNS: dict[str, tuple[str, ...]] = {table.name: table.column_names for table in MARTS}
MART_COLUMN_TYPES: tuple[str, ...] = tuple(
    f"{table.name}.{column.name}:{column.type}" for table in MARTS for column in table.columns
)


@dataclass(frozen=True)
class SuiteSpec:
    """One GX suite: ``frame`` names the builder in ``pipelines.quality.frames``; ``table`` is
    the model table it validates, so its Dagster check sits on that table's asset."""

    name: str
    severity: Severity
    frame: str
    table: str
    description: str
    expectations: tuple[dict[str, Any], ...]


def _e(kind: str, rule_de: str, **kwargs: Any) -> dict[str, Any]:
    """An expectation config as GX stores it (snake_case type plus kwargs) with the German rule
    in its meta: check results, the ingest summary and the dashboard show that sentence, because
    the people who act on a failed check do not read GX expectation names."""
    return {"type": kind, "kwargs": kwargs, "meta": {RULE_META_KEY: rule_de}}


def german_amount(value: float) -> str:
    """A euro amount as a German reader writes it: 1.053.850 € (cents only when there are some)."""
    return german_eur(value, 0 if float(value).is_integer() else 2)


RULE_META_KEY = "rule_de"

# German names of the frame columns a failing row is described by (check details).
COLUMN_LABELS_DE: dict[str, str] = {
    "budget_total_eur": "Budget",
    "approved_eur": "Bewilligt",
    "measure_amount_sum_eur": "Summe der Maßnahmen",
    "agreed_amount_eur": "Maßnahmenbetrag",
    "n_projects": "Projekte",
    "measure_type": "Maßnahmenart",
    "signed_year_offset": "Unterschrift (Jahre ab Haushaltsjahr)",
    "signed_on": "Unterschrieben am",
    "party": "Partei",
    "statewide_eur": "Landessumme",
    "published_eur": "Veröffentlicht",
    "deviation_pct": "Abweichung",
    "sha256": "Dokument",
    "district_ags": "Kreis",
    "year": "Jahr",
    "has_version_conflict": "Fassungskonflikt",
}


DISTRICT_KEYS = {"$PARAMETER": "district_keys"}

SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec(
        name="parsed_agreements",
        severity="error",
        frame="parsed_agreements",
        table="stg_agreements",
        description="Every parsed agreement version: keys, years and amounts are well-formed.",
        expectations=(
            _e(
                "expect_column_values_to_not_be_null",
                "Kreisschlüssel angegeben",
                column="district_ags",
            ),
            _e(
                "expect_column_values_to_match_regex",
                "Kreisschlüssel fünfstellig (z. B. 06431)",
                column="district_ags",
                regex=r"^\d{5}$",
            ),
            _e(
                "expect_column_values_to_be_in_set",
                "Kreisschlüssel in der Liste der hessischen Kreise",
                column="district_ags",
                value_set=DISTRICT_KEYS,
            ),
            _e(
                "expect_column_values_to_be_between",
                f"Haushaltsjahr zwischen {YEAR_MIN} und {YEAR_MAX}",
                column="year",
                min_value=YEAR_MIN,
                max_value=YEAR_MAX,
            ),
            _e(
                "expect_column_values_to_be_between",
                "Budget größer als 0 €",
                column="budget_total_eur",
                min_value=0,
                strict_min=True,
            ),
            _e(
                "expect_column_values_to_be_unique",
                "Jedes Dokument nur einmal erfasst",
                column="sha256",
            ),
        ),
    ),
    SuiteSpec(
        name="mart_schemas",
        severity="error",
        frame="mart_schemas",
        table="mart_district_year",
        description="Mart tables carry the columns and types their contracts declare (pipelines.contracts).",
        expectations=(
            _e(
                "expect_column_distinct_values_to_contain_set",
                "Alle Spalten der Auswertungstabellen vorhanden",
                column="qualified_column",
                value_set=sorted(
                    f"{table}.{column}" for table, cols in MART_COLUMNS.items() for column in cols
                ),
            ),
            _e(
                "expect_column_distinct_values_to_contain_set",
                "Alle Spalten der Auswertungstabellen mit dem vereinbarten Datentyp",
                column="qualified_type",
                value_set=list(MART_COLUMN_TYPES),
            ),
        ),
    ),
    SuiteSpec(
        name="current_agreements",
        severity="error",
        frame="current_agreements",
        table="mart_district_year",
        description="The current agreement per district and year: one only, known district, plausible budget, measures within it.",
        expectations=(
            _e(
                "expect_compound_columns_to_be_unique",
                "Genau eine gültige Zielvereinbarung je Kreis und Jahr",
                column_list=["district_ags", "year"],
            ),
            _e(
                "expect_column_values_to_be_in_set",
                "Kreis der Zielvereinbarung bekannt",
                column="district_ags",
                value_set=DISTRICT_KEYS,
            ),
            _e(
                "expect_column_values_to_not_be_null",
                "Budget angegeben",
                column="budget_total_eur",
            ),
            _e(
                "expect_column_values_to_be_between",
                f"Budget im plausiblen Bereich ({german_amount(BUDGET_MIN_EUR)[:-2]}–"
                f"{german_amount(BUDGET_MAX_EUR)})",
                column="budget_total_eur",
                min_value=BUDGET_MIN_EUR,
                max_value=BUDGET_MAX_EUR,
            ),
            _e(
                "expect_column_pair_values_a_to_be_greater_than_b",
                "Summe der Maßnahmen nicht über dem Budget",
                column_A="budget_total_eur",
                column_B="measure_amount_sum_eur",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
    ),
    SuiteSpec(
        name="measure_mix",
        severity="error",
        frame="measure_mix",
        table="mart_measure_mix",
        description="All four measure types once per agreement; amounts not negative.",
        expectations=(
            _e(
                "expect_column_values_to_be_in_set",
                "Maßnahmenart 1 bis 4",
                column="measure_type",
                value_set=[1, 2, 3, 4],
            ),
            _e(
                "expect_compound_columns_to_be_unique",
                "Jede Maßnahmenart nur einmal je Kreis und Jahr",
                column_list=["district_ags", "year", "measure_type"],
            ),
            _e(
                "expect_column_values_to_be_between",
                "Maßnahmenbeträge nicht negativ",
                column="agreed_amount_eur",
                min_value=0,
            ),
            _e(
                "expect_column_values_to_be_between",
                "Projektanzahl nicht negativ",
                column="n_projects",
                min_value=0,
            ),
        ),
    ),
    SuiteSpec(
        name="signature_dates",
        severity="error",
        frame="signature_dates",
        table="mart_district_year",
        description="Signatures of current agreements fall between the year before and after the budget year.",
        expectations=(
            _e(
                "expect_column_values_to_be_between",
                "Unterschriftsdatum passt zum Haushaltsjahr (Vorjahr bis Folgejahr)",
                column="signed_year_offset",
                min_value=-1,
                max_value=1,
            ),
        ),
    ),
    SuiteSpec(
        name="decisions_within_agreement",
        severity="warning",
        frame="decisions_vs_agreement",
        table="mart_district_year",
        description="Approved grant decisions of a district-year do not exceed its agreed budget.",
        expectations=(
            _e(
                "expect_column_pair_values_a_to_be_greater_than_b",
                "Bewilligt nicht über dem vereinbarten Budget",
                column_A="budget_total_eur",
                column_B="approved_eur",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
    ),
    SuiteSpec(
        name="statewide_totals",
        severity="warning",
        frame="statewide_vs_published",
        table="mart_state_year",
        description="The statewide yearly total lies within ±10 % of the published figure where one is known.",
        expectations=(
            _e(
                "expect_column_values_to_be_between",
                f"Landessumme nahe der veröffentlichten Zahl (±{STATEWIDE_TOLERANCE_PCT:.0f} %)",
                column="deviation_pct",
                min_value=-STATEWIDE_TOLERANCE_PCT,
                max_value=STATEWIDE_TOLERANCE_PCT,
            ),
        ),
    ),
    SuiteSpec(
        name="version_conflicts",
        severity="warning",
        frame="version_conflicts",
        table="stg_agreements",
        description="The current agreement of a district-year is not decided by the tie rule alone "
        "(another version with the same signature date and other content; a reviewer settles it).",
        expectations=(
            _e(
                "expect_column_values_to_be_in_set",
                "Keine zweite Fassung mit gleichem Unterschriftsdatum und anderem Inhalt "
                "(sonst gilt die Fassung mit dem größten Inhalts-Fingerabdruck; bitte prüfen)",
                column="has_version_conflict",
                value_set=[False],
            ),
        ),
    ),
)

SUITES_BY_NAME: dict[str, SuiteSpec] = {suite.name: suite for suite in SUITES}
