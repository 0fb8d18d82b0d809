"""Reference data -> staging -> marts, the SQL models of ``warehouse/models``.

Staging and marts are partitioned by budget year so one year can be re-run or backfilled from
the UI; with ``BackfillPolicy.single_run()`` any range of years is one step, and the ingest job
runs the whole range in one run. The models themselves are whole-table SQL (DuckDB rebuilds all
years in well under a second), so a partition selects which years the checks validate and the
metadata reports, not which rows are written.
"""

import dagster as dg
import polars as pl

import warehouse as warehouse_db
from pipelines.defs.decisions.assets import project_matches
from pipelines.defs.shared import BUDGET_YEARS, markdown_preview
from pipelines.resources import AqbPathsResource, WarehouseResource

YEAR_PARTITIONED = {
    "partitions_def": BUDGET_YEARS,
    "backfill_policy": dg.BackfillPolicy.single_run(),
}


@dg.asset(group_name="reference", kinds={"duckdb", "csv"})
def reference_data(
    warehouse: WarehouseResource, aqb_paths: AqbPathsResource
) -> dg.MaterializeResult:
    """Districts, populations, measure types, ministries and published figures, replaced from
    the shipped CSVs on every run so a corrected CSV takes effect without a migration."""
    with warehouse.connect() as connection:
        counts = warehouse_db.load_reference_data(connection, aqb_paths.extra_districts)
    return dg.MaterializeResult(
        metadata={f"rows_{table}": count for table, count in counts.items()}
    )


def _rows_by_year(connection, table: str, years: list[int]) -> pl.DataFrame:
    frame = connection.table(table).pl()
    if "year" not in frame.columns:
        return pl.DataFrame({"year": years, "rows": [None] * len(years)})
    return frame.filter(pl.col("year").is_in(years)).group_by("year").len("rows").sort("year")


@dg.asset(
    group_name="staging",
    kinds={"duckdb", "sql"},
    deps=[project_matches, reference_data],
    **YEAR_PARTITIONED,
)
def staging_tables(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Cleaned current views of the parsed records: the current agreement version per district
    and year with all four measure types, decision events, documents and quarantine."""
    years = sorted(int(key) for key in context.partition_keys)
    with warehouse.connect() as connection:
        counts = warehouse_db.build_models(connection, "staging")
        per_year = _rows_by_year(connection, "stg_agreements", years)
    return dg.MaterializeResult(
        metadata={
            **{f"rows_{table}": count for table, count in counts.items()},
            "agreements_by_year": markdown_preview(per_year, limit=30),
        }
    )


@dg.asset(group_name="marts", kinds={"duckdb", "sql"}, deps=[staging_tables], **YEAR_PARTITIONED)
def marts(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """What the dashboard and downloads read (contract: docs/data_model.md): district-year,
    state-year, measure mix, projects, reconciliation, completeness, documents, quarantine."""
    years = sorted(int(key) for key in context.partition_keys)
    with warehouse.connect() as connection:
        counts = warehouse_db.build_models(connection, "marts")
        district_years = (
            connection.table("mart_district_year").pl().filter(pl.col("year").is_in(years))
        )
        state = (
            connection.table("mart_state_year")
            .pl()
            .filter(pl.col("year").is_in(years))
            .sort("year")
        )
    with_agreement = district_years.filter(pl.col("has_agreement"))
    return dg.MaterializeResult(
        metadata={
            **{f"rows_{table}": count for table, count in counts.items()},
            "district_years_with_agreement": with_agreement.height,
            "statewide_by_year": markdown_preview(
                state.select("year", "budget_total_eur", "n_districts_with_agreement"), limit=30
            ),
        }
    )
