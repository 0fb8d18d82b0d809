"""Figures the dashboard and the briefing PDF share, without Streamlit: every figure of a
briefing is computed by the same functions over the same published snapshot as the page that
shows it, so paper and screen cannot disagree.

Functions take a read-only snapshot connection and return Polars frames or German sentences.
``dashboards.queries`` wraps them with Streamlit's per-snapshot cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import polars as pl

from dashboards import labels
from pipelines.exports import ExportFilters, build_table
from pipelines.exports.tables import query_frame
from warehouse import load_sql

# Page-only statements: one file per query, named after it, with the rest of the project's SQL.
DASHBOARD_SQL_AREA = "statements/dashboard"


def named(connection: duckdb.DuckDBPyConnection, name: str, *parameters: Any) -> pl.DataFrame:
    """Page query ``name`` (``warehouse/statements/dashboard/<name>.sql``) with ``?``
    parameters; tuples become lists (SQL list parameters)."""
    values = [list(p) if isinstance(p, tuple) else p for p in parameters]
    return query_frame(connection, load_sql(f"{DASHBOARD_SQL_AREA}/{name}"), values)


def state_years(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Statewide totals per year with coverage and like-for-like change (export landesebene)."""
    return build_table(connection, "landesebene", ExportFilters())


def measure_money(
    connection: duckdb.DuckDBPyConnection, districts: Sequence[str] = ()
) -> pl.DataFrame:
    """Euros per measure type and year over ``districts`` (all when empty), shares in euros."""
    chosen = tuple(districts)
    return named(connection, "measure_money_state", chosen, chosen)


def measure_money_sources(
    connection: duckdb.DuckDBPyConnection, districts: Sequence[str] = ()
) -> pl.DataFrame:
    """Per year, how many districts' euros per measure type come from which source."""
    chosen = tuple(districts)
    return named(connection, "measure_money_sources", chosen, chosen)


def money_source_text(sources: pl.DataFrame, year: int) -> str:
    """One German sentence: where the euros per measure type of ``year`` come from."""
    rows = sources.filter(pl.col("year") == year)
    if rows.is_empty():
        return labels.MONEY_NO_SOURCE.format(year=year)
    row = rows.row(0, named=True)
    text = labels.MONEY_SOURCES.format(
        year=year,
        n_agreements=row["n_from_agreements"],
        n_decisions=row["n_from_decisions"],
        n_not_split=row["n_not_split"],
    )
    if row["districts_not_split"]:
        text += " " + labels.MONEY_NOT_SPLIT.format(names=row["districts_not_split"])
    return text


def coverage_text(state_year: dict[str, Any]) -> list[str]:
    """Which districts a statewide total and its change cover, as German sentences: the
    coverage with the like-for-like change and the raw totals beside it, then the districts
    without an agreement and those left out of the comparison, by name (Überblick, briefing)."""
    year = state_year["year"]
    fields = {
        "year": year,
        "prev": year - 1,
        "n": state_year["n_districts_with_agreement"],
        "total": state_year["n_districts"],
    }
    if state_year["lfl_change_eur"] is None:
        lines = [labels.OV_COVERAGE_NO_PREVIOUS.format(**fields)]
    else:
        lines = [
            labels.OV_COVERAGE.format(
                **fields,
                n_comparable=state_year["n_districts_comparable"],
                lfl_prev=labels.format_eur(state_year["lfl_prev_year_budget_eur"]),
                lfl_now=labels.format_eur(state_year["lfl_budget_eur"]),
                lfl_change=labels.format_signed_eur(state_year["lfl_change_eur"]),
                lfl_pct=labels.format_pct(state_year["lfl_change_pct"], signed=True),
                raw_prev=labels.format_eur(state_year["prev_year_budget_eur"]),
                raw_now=labels.format_eur(state_year["budget_total_eur"]),
                raw_change=labels.format_signed_eur(state_year["change_eur"]),
            )
        ]
    if state_year["districts_missing"]:
        lines.append(labels.OV_MISSING.format(year=year, names=state_year["districts_missing"]))
    if state_year["districts_not_comparable"]:
        lines.append(labels.OV_NOT_COMPARABLE.format(names=state_year["districts_not_comparable"]))
    return lines
