"""Build a Dagster asset check that runs one committed GX suite against the warehouse.

Error-severity suites become *blocking* checks: when one fails, Dagster does not start anything
downstream of the guarded asset in that run, so ``published_snapshot`` never runs and the previous
snapshot stays current. Every expectation result is also written to ``check_results``.
"""

import dagster as dg
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


def _unchanged_result(is_error: bool) -> dg.AssetCheckResult:
    """No budget year changed in this run (e.g. only a file without a year was quarantined):
    the previous results of every year still hold, nothing to validate."""
    return dg.AssetCheckResult(
        passed=True,
        severity=dg.AssetCheckSeverity.ERROR if is_error else dg.AssetCheckSeverity.WARN,
        metadata={"years_validated": "keine (kein Haushaltsjahr geändert)"},
    )


def gx_asset_check(suite_name: str, asset: dg.AssetsDefinition) -> dg.AssetChecksDefinition:
    """The asset check ``gx_<suite>`` guarding ``asset``; blocking when the suite is an error one."""
    spec = SUITES_BY_NAME[suite_name]
    is_error = spec.severity == "error"

    @dg.asset_check(
        asset=asset,
        name=f"gx_{suite_name}",
        description=f"Great Expectations suite '{suite_name}' ({spec.severity}): {spec.description}",
        blocking=is_error,
    )
    def _check(
        context: dg.AssetCheckExecutionContext,
        warehouse: WarehouseResource,
        aqb_paths: AqbPathsResource,
    ) -> dg.AssetCheckResult:
        with warehouse.connect() as connection:
            years = run_years(connection, context.run.run_id, context.run.tags)
            if spec.frame in ALL_YEAR_FRAMES:
                years = years_of_run(context.run.tags)  # small statewide frames: every year
            elif years is not None and not years:
                return _unchanged_result(is_error)
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
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.ERROR if is_error else dg.AssetCheckSeverity.WARN,
            metadata=_metadata(outcome, aqb_paths),
        )

    return _check
