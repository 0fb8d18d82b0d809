"""Build the Dagster asset checks that run committed GX suites against the warehouse.

Each suite is the check ``gx_<suite>`` on the asset of the one table it validates
(``SuiteSpec.table``), so the UI shows a table's checks on that table. The suites of one model
layer still run in ONE step (a ``multi_asset_check`` over several assets): each Dagster step
costs fixed bookkeeping (events, logs, IO), and on a one-file ingest that overhead dominated the
GX work itself; each suite keeps its own result, severity and ``check_results`` rows.

Error-severity suites are *blocking* checks: when one fails, Dagster does not start anything
downstream of the checked table in that run, so ``published_snapshot`` never runs and the previous
snapshot stays current. Every expectation result is also written to ``check_results``.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence

import dagster as dg
import duckdb
import polars as pl

from pipelines.defs.incremental import run_years
from pipelines.defs.shared import markdown_preview, years_of_run
from pipelines.quality.runner import SuiteOutcome, record_check_results, run_suite
from pipelines.quality.suites import SUITES_BY_NAME
from pipelines.resources import AqbPathsResource, WarehouseResource


def _metadata(outcome: SuiteOutcome, aqb_paths: AqbPathsResource) -> dict[str, object]:
    failed = pl.DataFrame(
        {
            "rule": [rule.rule for rule in outcome.failed_rules],
            "unexpected": [rule.unexpected_count for rule in outcome.failed_rules],
            "years": [
                ", ".join(str(year) for year in sorted(rule.failing_years))
                for rule in outcome.failed_rules
            ],
            "detail": [
                "; ".join(
                    f"{year}: {rule.detail_for_year(year)}" for year in sorted(rule.failing_years)
                )
                or rule.detail
                for rule in outcome.failed_rules
            ],
            "expectation": [rule.expectation for rule in outcome.failed_rules],
        },
        schema={
            "rule": pl.String,
            "unexpected": pl.Int64,
            "years": pl.String,
            "detail": pl.String,
            "expectation": pl.String,
        },
    )
    return {
        "suite": outcome.suite,
        "rows_validated": outcome.rows_validated,
        "expectations": len(outcome.rules),
        "failed_expectations": len(outcome.failed_rules),
        "failures": markdown_preview(failed, limit=20),
        "data_docs": dg.MetadataValue.path(str(aqb_paths.data_docs / "index.html")),
    }


# Statewide frames are a handful of rows per year: validated for every year of the run, so a
# statewide total is checked against every published figure whatever a run touched.
ALL_YEAR_FRAMES = frozenset({"statewide_vs_published", "mart_schemas"})


def _severity(is_error: bool) -> dg.AssetCheckSeverity:
    """Error suites fail the run's publishing, warning suites only inform."""
    return dg.AssetCheckSeverity.ERROR if is_error else dg.AssetCheckSeverity.WARN


def _check_name(suite_name: str) -> str:
    """Check names stay ``gx_<suite>`` so check keys in the UI and in tests are stable."""
    return f"gx_{suite_name}"


def _unchanged_result(check_key: dg.AssetCheckKey, is_error: bool) -> dg.AssetCheckResult:
    """No budget year changed in this run (e.g. only a file without a year was quarantined):
    the previous results of every year still hold, nothing to validate."""
    return dg.AssetCheckResult(
        asset_key=check_key.asset_key,
        check_name=check_key.name,
        passed=True,
        severity=_severity(is_error),
        metadata={"years_validated": "keine (kein Haushaltsjahr geändert)"},
    )


def _check_spec(suite_name: str, asset: dg.AssetKey) -> dg.AssetCheckSpec:
    """The spec of check ``gx_<suite>`` on ``asset``; blocking when the suite is an error one."""
    spec = SUITES_BY_NAME[suite_name]
    return dg.AssetCheckSpec(
        name=_check_name(suite_name),
        asset=asset,
        description=f"Great Expectations suite '{suite_name}' ({spec.severity}): {spec.description}",
        blocking=spec.severity == "error",
    )


def _evaluate_suite(
    context: dg.AssetCheckExecutionContext,
    connection: duckdb.DuckDBPyConnection,
    check_key: dg.AssetCheckKey,
    suite_name: str,
    changed_years: list[int] | None,
    aqb_paths: AqbPathsResource,
) -> dg.AssetCheckResult:
    """Validate one suite for the years this run touched, record its rows, log its failures."""
    spec = SUITES_BY_NAME[suite_name]
    is_error = spec.severity == "error"
    years = changed_years
    if spec.frame in ALL_YEAR_FRAMES:
        years = years_of_run(context.run.tags)  # small statewide frames: every year
    elif years is not None and not years:
        return _unchanged_result(check_key, is_error)
    district_keys = connection.table("ref_districts").pl()["district_ags"].to_list()
    outcome = run_suite(
        connection,
        suite_name,
        aqb_paths.data_docs,
        district_keys,
        years,
        run_name=context.run.run_id,
    )
    record_check_results(connection, outcome, context.run.run_id)
    for sentence in outcome.summary_sentences():
        (context.log.error if is_error else context.log.warning)(sentence)
    return dg.AssetCheckResult(
        asset_key=check_key.asset_key,
        check_name=check_key.name,
        passed=outcome.success,
        severity=_severity(is_error),
        metadata=_metadata(outcome, aqb_paths),
    )


# run after a check step's last suite, in its connection (e.g. keep a blocked run's marts)
AfterChecks = Callable[
    [dg.AssetCheckExecutionContext, duckdb.DuckDBPyConnection, AqbPathsResource], None
]


def gx_asset_checks(
    name: str,
    suite_names: Sequence[str],
    asset_of: Mapping[str, dg.AssetKey],
    after: AfterChecks | None = None,
) -> dg.AssetChecksDefinition:
    """One step ``name`` running every suite in ``suite_names``, in the given order, each as a
    check on the asset of its table (``asset_of``: table -> asset key); then ``after``, with
    every result of the step recorded.

    Each suite yields its own result before the next starts; Dagster raises for failed blocking
    checks only after the step's last result, so every suite is validated and recorded even when
    an earlier error suite failed.
    """
    check_keys_by_suite = {
        suite_name: dg.AssetCheckKey(
            asset_of[SUITES_BY_NAME[suite_name].table], _check_name(suite_name)
        )
        for suite_name in suite_names
    }

    @dg.multi_asset_check(
        name=name,
        specs=[
            _check_spec(suite_name, check_key.asset_key)
            for suite_name, check_key in check_keys_by_suite.items()
        ],
        description="Great Expectations suites, each on the table it validates, in one step.",
        can_subset=True,
    )
    def _checks(
        context: dg.AssetCheckExecutionContext,
        warehouse: WarehouseResource,
        aqb_paths: AqbPathsResource,
    ) -> Iterator[dg.AssetCheckResult]:
        selected_keys = context.selected_asset_check_keys
        with warehouse.connect() as connection:
            changed_years = run_years(connection, context.run.run_id, context.run.tags)
            for suite_name, check_key in check_keys_by_suite.items():
                if check_key in selected_keys:
                    yield _evaluate_suite(
                        context, connection, check_key, suite_name, changed_years, aqb_paths
                    )
            if after is not None:
                after(context, connection, aqb_paths)

    return _checks
