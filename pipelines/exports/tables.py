"""The downloadable tables: one definition per table, shared by the dashboard and ``aqb export``.

Each table is a ``.sql`` file in ``sql/`` over the published marts plus an optional reshaping
step (the comparison table pivots years into columns). Filters are always ``?`` parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

from pipelines.exports.columns import METRICS, column_spec
from pipelines.exports.snapshot import table_exists

SQL_DIR = Path(str(resources.files("pipelines.exports") / "sql"))


class MissingMartError(LookupError):
    """The snapshot lacks a mart a table needs (e.g. decisions not yet ingested)."""


@dataclass(frozen=True)
class ExportFilters:
    """What the user narrowed a table to; empty means everything."""

    years: tuple[int, ...] = ()
    districts: tuple[str, ...] = ()
    measure_type: int | None = None
    metric: str = "budget_total_eur"

    def describe_de(self) -> dict[str, str]:
        """Filters as German label -> value, for the "Info" sheet of a download."""
        return {
            "Jahre": ", ".join(str(year) for year in self.years) or "alle",
            "Kreise": ", ".join(self.districts) or "alle",
            "Maßnahmenart": str(self.measure_type) if self.measure_type else "alle",
            "Kennzahl (Vergleich)": METRICS.get(self.metric, (self.metric, "text"))[0],
        }


@dataclass(frozen=True)
class TableSpec:
    name: str
    title_de: str
    description_de: str
    mart: str  # the mart the table reads; missing mart -> MissingMartError
    filters: tuple[str, ...]  # which ExportFilters fields the SQL takes, in order
    reshape: Callable[[pl.DataFrame, ExportFilters], pl.DataFrame] | None = field(default=None)


def _pivot_comparison(frame: pl.DataFrame, filters: ExportFilters) -> pl.DataFrame:
    """Districts x years for one metric, plus a statewide row computed from the same rows."""
    metric = filters.metric if filters.metric in METRICS else "budget_total_eur"
    if frame.is_empty():
        return pl.DataFrame(schema={"district_ags": pl.String, "district_name": pl.String})
    state = _state_rows(frame, metric)
    long = pl.concat([frame.select("district_ags", "district_name", "year", metric), state])
    wide = long.pivot(on="year", index=["district_ags", "district_name"], values=metric, sort_columns=True)
    return wide.rename({name: str(name) for name in wide.columns})


def _state_rows(frame: pl.DataFrame, metric: str) -> pl.DataFrame:
    """The row for the whole selection: sums, per capita recomputed from the sums (an average
    of per-capita values would weigh small districts too much), share = selection's share."""
    with_budget = frame.filter(pl.col("budget_total_eur").is_not_null())
    totals = with_budget.group_by("year").agg(
        pl.col("budget_total_eur").sum().round(2),
        pl.col("n_projects").sum(),
        pl.col("population").sum(),
        pl.col("share_of_state").sum(),
    )
    totals = totals.with_columns(
        (pl.col("budget_total_eur") / pl.col("population")).round(2).alias("eur_per_inhabitant")
    )
    return totals.select(
        pl.lit("06").alias("district_ags"),
        pl.lit("Auswahl gesamt").alias("district_name"),
        pl.col("year"),
        pl.col(metric).cast(frame.schema[metric]),
    ).sort("year")


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("kreisvergleich", "Kreisvergleich", "Budget, Euro je Einwohner, Veränderung und Rang je Kreis und Jahr.", "mart_district_year", ("years", "districts")),
        TableSpec("massnahmenarten", "Maßnahmenarten", "Projekte und Beträge je Kreis, Jahr und Maßnahmenart.", "mart_measure_mix", ("years", "districts", "measure_type")),
        TableSpec("zeitreihen", "Zeitreihen", "Budget und Euro je Einwohner der Kreise über die Jahre neben dem Landesdurchschnitt.", "mart_district_year", ("years", "districts")),
        TableSpec("reconciliation", "Soll/Ist", "Vereinbart, bewilligt und verwendet je Kreis, Jahr und Maßnahmenart mit Prüfhinweisen.", "mart_reconciliation", ("years", "districts", "measure_type")),
        TableSpec("projekte", "Projekte", "Alle Projekte der aktuellen Zielvereinbarungen mit Fundstelle.", "mart_projects", ("years", "districts", "measure_type")),
        TableSpec("quarantaene", "Quarantäne", "Zurückgestellte Dateien und Zeilen mit Grund.", "mart_quarantine", ()),
        TableSpec("vollstaendigkeit", "Vollständigkeit", "Eingang von Zielvereinbarungen und Bescheiden je Kreis und Jahr.", "mart_completeness", ("years", "districts")),
        TableSpec("vergleich", "Vergleichstabelle", "Kreise × Jahre für eine Kennzahl, mit Summenzeile für die Auswahl.", "mart_district_year", ("years", "districts"), _pivot_comparison),
        TableSpec("landesebene", "Hessen gesamt", "Landesweite Summen je Jahr.", "mart_state_year", ("years",)),
        TableSpec("bescheide", "Bescheide", "Alle Zuwendungs-, Änderungs- und Schlussbescheide mit Quelle.", "mart_decisions", ("years", "districts")),
        TableSpec("aenderungen", "Änderungen zum Vorjahr", "Neue, fortgeführte und beendete Projekte gegenüber dem Vorjahr.", "mart_project_changes", ("years", "districts")),
        TableSpec("pruefergebnisse", "Prüfergebnisse", "Letzte Ergebnisse der Datenprüfungen je Regel und Jahr.", "mart_check_results", ("years",)),
    )
}


@cache
def table_sql(name: str) -> str:
    """The SQL text of table ``name`` from ``sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _parameters(spec: TableSpec, filters: ExportFilters) -> list[object]:
    """Each filter appears twice in the SQL: once for "no filter", once for the comparison."""
    values: dict[str, object] = {
        "years": list(filters.years),
        "districts": list(filters.districts),
        "measure_type": filters.measure_type,
    }
    parameters: list[object] = []
    for name in spec.filters:
        parameters.extend([values[name], values[name]])
    return parameters


def query_frame(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list[object]) -> pl.DataFrame:
    """Run ``sql`` and return polars with DECIMAL euro columns as floats (charts and writers
    need floats; two decimals survive the conversion exactly when printed)."""
    frame = connection.cursor().sql(sql, params=parameters).pl()
    decimals = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Decimal)]
    return frame.with_columns(pl.col(decimals).cast(pl.Float64)) if decimals else frame


def build_table(connection: duckdb.DuckDBPyConnection, table_name: str, filters: ExportFilters) -> pl.DataFrame:
    """The rows of export table ``table_name`` under ``filters``, columns in dictionary names."""
    spec = TABLES[table_name]
    if not table_exists(connection, spec.mart):
        raise MissingMartError(f"the published snapshot has no {spec.mart}")
    frame = query_frame(connection, table_sql(table_name), _parameters(spec, filters))
    return spec.reshape(frame, filters) if spec.reshape else frame


def check_dictionary(frame: pl.DataFrame, metric: str | None = None) -> None:
    """Raise KeyError if a column lacks a dictionary entry (every download explains each column)."""
    for name in frame.columns:
        column_spec(name, metric)
