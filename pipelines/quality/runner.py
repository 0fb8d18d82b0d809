"""Run one GX suite over its warehouse frame and record every expectation result.

Called from the Dagster asset checks. Results go to the warehouse table ``check_results`` (one
row per expectation, and per budget year where rows carry a year) so the dashboard can show the
latest state by rule and year; the GX validation result is stored for Data Docs. GX itself runs in
a process of its own (``pipelines.quality.gx_process``); this module reads the frames from the
warehouse and records the results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

import warehouse
from pipelines.german import german_number
from pipelines.quality.frames import FRAME_BUILDERS, to_pandas_for_gx
from pipelines.quality.gx_context import DATA_DOCS_SITE, runtime_context
from pipelines.quality.gx_process import run_in_gx_process
from pipelines.quality.suites import (
    COLUMN_LABELS_DE,
    RULE_META_KEY,
    SUITES_BY_NAME,
    Severity,
    german_amount,
)
from pipelines.review.waivers import Waiver, waiver_fields, waivers_from_rows
from pipelines.timestamps import utc_now, utc_now_aware

MAX_ROWS_IN_DETAIL = 10
# Columns that locate a failing row rather than describe its values.
INDEX_COLUMNS = ("year", "district_ags")


@dataclass(frozen=True)
class RuleResult:
    rule: str  # the German sentence of the suite definition: what people read
    success: bool
    unexpected_count: int | None
    detail: str
    failing_years: dict[int, int] = field(default_factory=dict)  # year -> unexpected rows
    # year -> the failing rows of that year only (district and values), German formatted
    failing_rows: dict[int, tuple[str, ...]] = field(default_factory=dict)
    expectation: str = ""  # GX expectation type and its columns: for data engineers
    # year -> districts whose rows failed (a reviewer's waiver must cover each of them)
    failing_districts: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def detail_for_year(self, year: int) -> str:
        """The failing rows of one year only, so a per-year result never shows other years."""
        rows = self.failing_rows.get(year)
        if not rows:
            return self.detail if not self.failing_years else ""
        listed = "; ".join(rows[:MAX_ROWS_IN_DETAIL])
        return listed + (" …" if len(rows) > MAX_ROWS_IN_DETAIL else "")


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    severity: Severity
    success: bool
    rows_validated: int
    rules: tuple[RuleResult, ...]
    years: tuple[int, ...]  # years present in the frame (for per-year result rows)

    @property
    def failed_rules(self) -> tuple[RuleResult, ...]:
        return tuple(rule for rule in self.rules if not rule.success)

    def summary_sentences(self) -> list[str]:
        """One sentence per failed rule, as a data engineer reads it in the log or summary."""
        return [
            f"{self.suite}: {rule.rule} – nicht erfüllt ({rule.unexpected_count or 0} Zeilen"
            + (f"; {rule.detail}" if rule.detail else "")
            + f") [{rule.expectation}]"
            for rule in self.failed_rules
        ]


def expectation_name(config: Any) -> str:
    """The technical name: expectation type and its column(s), e.g. ``expect_…(budget_total_eur)``."""
    kwargs = config.kwargs
    columns = (
        kwargs.get("column")
        or kwargs.get("column_list")
        or [kwargs.get("column_A"), kwargs.get("column_B")]
    )
    if isinstance(columns, list):
        columns = ", ".join(str(column) for column in columns if column)
    return f"{config.type}({columns})"


def rule_name(config: Any) -> str:
    """The German rule kept with the suite definition (expectation meta), else the technical name
    (a suite tuned with GX tooling may add an expectation without one)."""
    return str((config.meta or {}).get(RULE_META_KEY) or expectation_name(config))


def _unwrap(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    return value


def _plain(value: Any, column: str | None = None) -> str:
    """A value as a German reader reads it: euro amounts 1.053.850 €, percentages 12,3 %."""
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_plain(item) for item in value) + ")"
    value = _unwrap(value)
    if value is None:
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if column and column.endswith("_eur"):
            return german_amount(value)
        if column and column.endswith("_pct"):
            return f"{german_number(value, 1, grouped=False)} %"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).replace(".", ",") if isinstance(value, float) else str(value)
    return str(value)


def _detail(result: Any) -> str:
    values = result.result.get("partial_unexpected_list") or []
    observed = result.result.get("observed_value")
    if values:
        return "z. B. " + ", ".join(_plain(value) for value in values[:5])
    if observed is not None:
        return f"beobachtet: {str(observed)[:200]}"
    return ""


def _row_text(index: dict[str, Any]) -> str:
    """One failing row: district key, then each value column with its German label."""
    values = ", ".join(
        f"{COLUMN_LABELS_DE.get(column, column)} {_plain(value, column)}"
        for column, value in index.items()
        if column not in INDEX_COLUMNS
    )
    district = index.get("district_ags")
    if district and values:
        return f"{district}: {values}"
    return str(district) if district else values


def _failing_years(result: Any) -> dict[int, int]:
    counts: Counter[int] = Counter()
    for index in result.result.get("unexpected_index_list") or []:
        if isinstance(index, dict) and index.get("year") is not None:
            counts[int(_unwrap(index["year"]))] += 1
    return dict(counts)


def _failing_rows(result: Any) -> dict[int, tuple[str, ...]]:
    """year -> its failing rows as text, from GX's COMPLETE unexpected_index_list (which carries
    the index columns and the values the expectation compared), sorted by district."""
    by_year: dict[int, list[tuple[str, str]]] = {}
    for index in result.result.get("unexpected_index_list") or []:
        if isinstance(index, dict) and index.get("year") is not None:
            year = int(_unwrap(index["year"]))
            by_year.setdefault(year, []).append(
                (str(index.get("district_ags") or ""), _row_text(index))
            )
    return {year: tuple(text for _, text in sorted(rows)) for year, rows in by_year.items()}


def _failing_districts(result: Any) -> dict[int, tuple[str, ...]]:
    """year -> the district keys of its failing rows (empty for statewide rows)."""
    by_year: dict[int, set[str]] = {}
    for index in result.result.get("unexpected_index_list") or []:
        if isinstance(index, dict) and index.get("year") is not None:
            districts = by_year.setdefault(int(_unwrap(index["year"])), set())
            if index.get("district_ags"):
                districts.add(str(index["district_ags"]))
    return {year: tuple(sorted(districts)) for year, districts in by_year.items()}


def run_suite(
    connection: duckdb.DuckDBPyConnection,
    suite_name: str,
    data_docs_dir: Path,
    district_keys: Collection[str],
    years: Collection[int] | None = None,
    run_name: str | None = None,
) -> SuiteOutcome:
    """Validate the suite's frame (only ``years`` when given). The frame is read here, from the
    warehouse this process holds; GX validates it in the GX process (``gx_process``), whose
    import started early in the run. ``run_name`` (the Dagster run id) tags the stored result so
    Data Docs can render only the results of that run."""
    spec = SUITES_BY_NAME[suite_name]
    frame: pl.DataFrame = FRAME_BUILDERS[spec.frame](connection, years)
    success, rules = run_in_gx_process(
        validate_frame, suite_name, frame, data_docs_dir, sorted(district_keys), run_name
    )
    has_year = "year" in frame.columns
    frame_years = tuple(sorted(set(frame["year"].drop_nulls().to_list()))) if has_year else ()
    return SuiteOutcome(
        suite=suite_name,
        severity=spec.severity,
        success=success,
        rows_validated=frame.height,
        rules=rules,
        years=frame_years,
    )


def validate_frame(
    suite_name: str,
    frame: pl.DataFrame,
    data_docs_dir: Path,
    district_keys: list[str],
    run_name: str | None,
) -> tuple[bool, tuple[RuleResult, ...]]:
    """GX's part of ``run_suite``, run in the GX process: the validation, stored for Data Docs,
    which are rebuilt at once when an error suite failed (publishing, which builds them otherwise,
    will not run) and else once before publishing (``build_data_docs``), because a rebuild per
    suite costs more than the suite."""
    from great_expectations.core.run_identifier import RunIdentifier

    spec = SUITES_BY_NAME[suite_name]
    context = runtime_context(data_docs_dir)
    validation = context.validation_definitions.get(suite_name)
    result_format: dict[str, Any] = {"result_format": "SUMMARY"}
    if "year" in frame.columns:
        index_columns = ["year", "district_ags"] if "district_ags" in frame.columns else ["year"]
        result_format = {
            "result_format": "COMPLETE",
            "unexpected_index_column_names": index_columns,
        }
    result = validation.run(
        batch_parameters={"dataframe": to_pandas_for_gx(frame)},
        expectation_parameters={"district_keys": district_keys},
        result_format=result_format,
        run_id=RunIdentifier(run_name=run_name, run_time=utc_now_aware()),
    )
    if not result.success and spec.severity == "error":
        render_data_docs(data_docs_dir, run_name)
    rules = tuple(
        RuleResult(
            rule=rule_name(item.expectation_config),
            success=bool(item.success),
            unexpected_count=item.result.get("unexpected_count"),
            detail=_detail(item) if not item.success else "",
            failing_years=_failing_years(item) if not item.success else {},
            failing_rows=_failing_rows(item) if not item.success else {},
            expectation=expectation_name(item.expectation_config),
            failing_districts=_failing_districts(item) if not item.success else {},
        )
        for item in result.results
    )
    return bool(result.success), rules


def build_data_docs(data_docs_dir: Path, run_name: str | None = None) -> Path:
    """Render Data Docs in the GX process; returns the index page (see ``render_data_docs``)."""
    return run_in_gx_process(render_data_docs, data_docs_dir, run_name)


def render_data_docs(data_docs_dir: Path, run_name: str | None = None) -> Path:
    """Render Data Docs; returns the index page. With ``run_name`` only that run's validation
    results are rendered (plus the index), because every earlier run's pages already exist and
    rendering all stored results makes each run slower than the one before; a site without an
    index yet (first build, or a deleted folder) is rendered in full."""
    context = runtime_context(data_docs_dir)
    index = data_docs_dir / "index.html"
    if run_name is None or not index.is_file():
        context.build_data_docs(site_names=[DATA_DOCS_SITE])
        return index
    identifiers = [
        key
        for key in context.validation_results_store.list_keys()
        if getattr(key, "run_id", None) is not None and key.run_id.run_name == run_name
    ]
    context.build_data_docs(site_names=[DATA_DOCS_SITE], resource_identifiers=identifiers)
    return index


def check_result_rows(
    outcome: SuiteOutcome,
    run_id: str,
    checked_at: datetime,
    waivers: Sequence[Waiver] = (),
) -> list[dict[str, Any]]:
    """Rows for ``check_results``: per year where the frame has years, else one for all years.
    A failed warning row a reviewer's waiver covers carries the waiver (``pipelines.review``)."""
    rows: list[dict[str, Any]] = []
    no_waiver = waiver_fields(outcome.suite, None, (), (), checked_at.date())
    for rule in outcome.rules:
        if outcome.years and (rule.success or rule.failing_years):
            for year in outcome.years:
                unexpected = rule.failing_years.get(year, 0)
                waiver = (
                    waiver_fields(
                        outcome.suite,
                        year,
                        rule.failing_districts.get(year, ()),
                        waivers,
                        checked_at.date(),
                    )
                    if unexpected and outcome.severity == "warning"
                    else no_waiver
                )
                rows.append(
                    {
                        "run_id": run_id,
                        "checked_at": checked_at,
                        "suite": outcome.suite,
                        "rule": rule.rule,
                        "severity": outcome.severity,
                        "year": year,
                        "success": unexpected == 0,
                        "unexpected_count": unexpected,
                        "detail": rule.detail_for_year(year) if unexpected else "",
                        "expectation": rule.expectation,
                        **waiver,
                    }
                )
        else:
            rows.append(
                {
                    "run_id": run_id,
                    "checked_at": checked_at,
                    "suite": outcome.suite,
                    "rule": rule.rule,
                    "severity": outcome.severity,
                    "year": None,
                    "success": rule.success,
                    "unexpected_count": rule.unexpected_count,
                    "detail": rule.detail,
                    "expectation": rule.expectation,
                    **no_waiver,
                }
            )
    return rows


def record_check_results(
    connection: duckdb.DuckDBPyConnection, outcome: SuiteOutcome, run_id: str
) -> int:
    """Append the outcome's rows to ``check_results``; returns how many rows were written."""
    waivers = waivers_from_rows(
        connection.sql(warehouse.load_sql("statements/review/waivers_in_force")).pl().to_dicts()
    )
    rows = check_result_rows(outcome, run_id, utc_now(), waivers)
    if not rows:
        return 0
    frame = pl.DataFrame(
        rows,
        schema={
            "run_id": pl.String,
            "checked_at": pl.Datetime("us"),
            "suite": pl.String,
            "rule": pl.String,
            "severity": pl.String,
            "year": pl.Int32,
            "success": pl.Boolean,
            "unexpected_count": pl.Int32,
            "detail": pl.String,
            "expectation": pl.String,
            "waiver_status": pl.String,
            "waiver_until": pl.Date,
            "waiver_reason": pl.String,
            "waived_by": pl.String,
            "waiver_id": pl.String,
        },
    )
    connection.register("_aqb_check_rows", frame.to_arrow())
    try:
        connection.table("_aqb_check_rows").insert_into("check_results")
    finally:
        connection.unregister("_aqb_check_rows")
    return len(rows)
