"""Frames the suites validate, read from the warehouse with DuckDB's relation API into Polars.

Each builder returns one flat frame with a ``year`` column where rows belong to a budget year,
so a failed expectation can be attributed to its years (``check_results.year``). Derived
columns (measure sum, signature offset, deviation from a published figure) are computed here in
Polars because GX's pandas backend has no cross-table expectations.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import duckdb
import polars as pl

from pipelines.quality.suites import MART_COLUMNS

FrameBuilder = Callable[[duckdb.DuckDBPyConnection, Collection[int] | None], pl.DataFrame]


def _table(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    years: Collection[int] | None = None,
    columns: tuple[str, ...] | None = None,
) -> pl.DataFrame:
    """A warehouse table as Polars, cut to ``years`` and ``columns`` inside DuckDB: an
    incremental run validates one year, and reading every year first would cost memory and
    time proportional to the whole history."""
    relation = connection.table(name)
    if years is not None and "year" in relation.columns:
        relation = relation.filter(
            duckdb.ColumnExpression("year").isin(
                *(duckdb.ConstantExpression(int(year)) for year in sorted(years))
            )
            if years
            else duckdb.ConstantExpression(False)
        )
    if columns is not None:
        relation = relation.select(*columns)
    return relation.pl()


def _in_years(frame: pl.DataFrame, years: Collection[int] | None) -> pl.DataFrame:
    """Only the budget years a (partitioned) run covers; ``None`` keeps every year."""
    if years is None or "year" not in frame.columns:
        return frame
    return frame.filter(pl.col("year").is_in(list(years)))


def _current_agreement_rows(
    connection: duckdb.DuckDBPyConnection,
    years: Collection[int] | None,
    columns: tuple[str, ...],
) -> pl.DataFrame:
    frame = _table(connection, "mart_district_year", years, ("has_agreement", *columns))
    return frame.filter(pl.col("has_agreement")).select(columns)


def parsed_agreements(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    """Every parsed agreement version (superseded ones too): structure, not plausibility. Read
    from staging, so a document a reviewer withdrew is no longer validated and a corrected
    field is validated with its corrected value (the parsed one stays in ``agreements``)."""
    frame = _table(
        connection, "stg_agreements", years, ("sha256", "district_ags", "year", "budget_total_eur")
    )
    return _in_years(frame, years)


def mart_schemas(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    """One row per mart column: ``table.column`` and ``table.column:TYPE`` as DuckDB reports it."""
    rows: list[dict[str, str]] = []
    for table in sorted(MART_COLUMNS):
        try:
            relation = connection.table(table)
        except duckdb.CatalogException:
            continue  # a missing mart shows up as missing columns in the suite
        for column, column_type in zip(relation.columns, relation.types, strict=True):
            rows.append(
                {
                    "qualified_column": f"{table}.{column}",
                    "qualified_type": f"{table}.{column}:{str(column_type).replace(' ', '')}",
                }
            )
    return pl.DataFrame(rows, schema={"qualified_column": pl.String, "qualified_type": pl.String})


def current_agreements(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    """Current agreements with the sum of their per-measure amounts (NULL when none are given)."""
    agreements = _current_agreement_rows(
        connection, years, ("district_ags", "year", "budget_total_eur")
    )
    measure_sums = (
        _table(connection, "mart_measure_mix", years, ("district_ags", "year", "agreed_amount_eur"))
        .group_by("district_ags", "year")
        .agg(
            pl.when(pl.col("agreed_amount_eur").is_not_null().any())
            .then(pl.col("agreed_amount_eur").sum())
            .otherwise(None)
            .alias("measure_amount_sum_eur")
        )
    )
    frame = agreements.join(measure_sums, on=["district_ags", "year"], how="left")
    return _in_years(frame, years)


def measure_mix(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    frame = _table(
        connection,
        "mart_measure_mix",
        years,
        ("district_ags", "year", "measure_type", "n_projects", "agreed_amount_eur"),
    )
    return _in_years(frame, years)


def signature_dates(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    """Each dated signature of a current agreement with its offset from the budget year."""
    current = _current_agreement_rows(
        connection, years, ("district_ags", "year", "source_sha256")
    ).rename({"source_sha256": "sha256"})
    signatures = _table(connection, "agreement_signatures").filter(
        pl.col("signed_on").is_not_null()
    )
    frame = signatures.join(current, on="sha256", how="inner").select(
        "district_ags",
        "year",
        "party",
        "signed_on",
        (pl.col("signed_on").dt.year() - pl.col("year")).alias("signed_year_offset"),
    )
    return _in_years(frame, years)


def decisions_vs_agreement(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    frame = _current_agreement_rows(
        connection, years, ("district_ags", "year", "budget_total_eur", "approved_eur")
    )
    return _in_years(frame, years)


def version_conflicts(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    """Each current agreement with whether only the tie rule made it current (same signature
    date as another version with other content, not settled by a reviewer)."""
    frame = _table(
        connection,
        "stg_agreements",
        years,
        ("district_ags", "year", "sha256", "signed_on", "is_current", "has_version_conflict"),
    )
    return _in_years(frame.filter(pl.col("is_current")).drop("is_current"), years)


def statewide_vs_published(
    connection: duckdb.DuckDBPyConnection, years: Collection[int] | None
) -> pl.DataFrame:
    """Statewide totals next to the published figure of their year, where one is known."""
    published = (
        _table(connection, "ref_published_figures")
        .filter(pl.col("scope") == "state")
        .select("year", pl.col("amount_eur").cast(pl.Float64).alias("published_eur"))
    )
    totals = _table(connection, "mart_state_year").select(
        "year", pl.col("budget_total_eur").cast(pl.Float64).alias("statewide_eur")
    )
    frame = totals.join(published, on="year", how="inner").with_columns(
        ((pl.col("statewide_eur") / pl.col("published_eur") - 1) * 100).alias("deviation_pct")
    )
    return _in_years(frame, years)


FRAME_BUILDERS: dict[str, FrameBuilder] = {
    "parsed_agreements": parsed_agreements,
    "mart_schemas": mart_schemas,
    "current_agreements": current_agreements,
    "measure_mix": measure_mix,
    "signature_dates": signature_dates,
    "decisions_vs_agreement": decisions_vs_agreement,
    "statewide_vs_published": statewide_vs_published,
    "version_conflicts": version_conflicts,
}


def to_pandas_for_gx(frame: pl.DataFrame):
    """Decimals become floats (GX compares numbers, and object columns of Decimal are slow)."""
    decimal_columns = [
        name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)
    ]
    if decimal_columns:
        frame = frame.with_columns(pl.col(decimal_columns).cast(pl.Float64))
    return frame.to_pandas()
