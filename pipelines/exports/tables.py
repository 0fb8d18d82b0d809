"""The downloadable tables: one definition per table, shared by the dashboard and ``aqb export``.

Each table is a ``.sql`` file in ``warehouse/statements/exports/`` over the published marts,
loaded by name through ``warehouse.load_sql``, plus an optional reshaping step (the comparison
table pivots years into columns). Filters are always ``?`` parameters.

The SQL filters and picks columns; the row order is declared here (``RowOrder``) and applied in
Polars. Sorting in DuckDB copies every selected column, strings included, through its sort
before Arrow hands the rows over: at 64x that doubled the cost of a full download (projekte:
155,363 rows, 66 ms CPU with ORDER BY against 36 ms without), while Polars sorts the fetched
frame by its key columns in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import polars as pl

from pipelines.exports.columns import COLUMNS, METRICS
from pipelines.exports.fetch import query_frame, table_sql
from pipelines.exports.projects import read_projects
from pipelines.exports.snapshot import table_exists


class MissingMartError(LookupError):
    """The snapshot lacks a mart a table needs (e.g. decisions not yet ingested)."""


OUTDATED_SNAPSHOT_DE = (
    "Der veröffentlichte Datenstand stammt von einer älteren Programmversion und enthält nicht "
    "alle Spalten, die diese Auswertung braucht. Bitte `aqb ingest` ausführen, um einen neuen "
    "Datenstand zu veröffentlichen."
)


class OutdatedSnapshotError(LookupError):
    """The snapshot was published by an older program version: a mart lacks a column the code
    needs. Users get a German hint to re-ingest instead of DuckDB's binder traceback."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.message_de = OUTDATED_SNAPSHOT_DE


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
class RowOrder:
    """How a table's rows are ordered, with SQL's semantics: ascending, NULLs last, unless a
    column is named in ``descending`` or ``nulls_first``. Ties keep the order DuckDB returned
    (stable sort), so every table's key makes its order unique."""

    columns: tuple[str, ...]
    descending: tuple[str, ...] = ()
    nulls_first: tuple[str, ...] = ()

    def apply(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` sorted by this order (a table with a missing key column is a programming
        error and raises, never silently unsorted)."""
        if frame.height < 2 or frame.select(self._is_sorted()).item():
            return frame
        return frame.sort(
            list(self.columns),
            descending=[name in self.descending for name in self.columns],
            nulls_last=[name not in self.nulls_first for name in self.columns],
            maintain_order=True,
        )

    def _is_sorted(self) -> pl.Expr:
        """Whether every row is at most the next one under this order, i.e. whether the stable
        sort would leave the frame as it is. Marts are stored in their table's order and DuckDB
        returns a scan in that order, so this is usually true; checking costs less than half of
        sorting (projekte at 64x: 2.0 against 4.5 ms CPU)."""
        in_order: pl.Expr | None = None
        for name in reversed(self.columns):  # lexicographic: decided by the first unequal column
            current, following = pl.col(name).slice(0, pl.len() - 1), pl.col(name).slice(1)
            before = (current > following) if name in self.descending else (current < following)
            if name in self.nulls_first:
                before = before.fill_null(False) | (current.is_null() & following.is_not_null())
            else:
                before = before.fill_null(False) | (current.is_not_null() & following.is_null())
            equal = current.eq_missing(following)
            in_order = (before | equal) if in_order is None else (before | (equal & in_order))
        return in_order.all() if in_order is not None else pl.lit(True)


@dataclass(frozen=True)
class TableSpec:
    name: str
    title_de: str
    description_de: str
    mart: str  # the mart the table reads; missing mart -> MissingMartError
    filters: tuple[str, ...]  # which ExportFilters fields the SQL takes, in order
    order: RowOrder  # row order of screen table and download (applied before reshape)
    reshape: Callable[[pl.DataFrame, ExportFilters], pl.DataFrame] | None = field(default=None)
    # When set, the SQL's first ``?`` is this list and it reads those of these columns the mart
    # has (``COLUMNS(lambda ...)``); the table keeps them in this order. Columns in ``optional``
    # are left out when an older snapshot lacks them, so a new optional column never breaks
    # reading an older publication; a missing required one raises OutdatedSnapshotError.
    columns: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    # When set, reads the table instead of running its statement with the filter parameters
    # (``projects.read_projects``: the same frame as the statement, fetched cheaper).
    read: Callable[[duckdb.DuckDBPyConnection, list[object]], pl.DataFrame] | None = None


SELECTION_TOTAL = "Auswahl gesamt"


def _pivot_comparison(frame: pl.DataFrame, filters: ExportFilters) -> pl.DataFrame:
    """Districts x years for one metric, plus a statewide row computed from the same rows."""
    metric = filters.metric if filters.metric in METRICS else "budget_total_eur"
    if frame.is_empty():
        return pl.DataFrame(schema={"district_ags": pl.String, "district_name": pl.String})
    state = _state_rows(frame, metric)
    long = pl.concat([frame.select("district_ags", "district_name", "year", metric), state])
    wide = long.pivot(
        on="year", index=["district_ags", "district_name"], values=metric, sort_columns=True
    )
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
        pl.lit(None, pl.String).alias("district_ags"),  # a sum has no district key
        pl.lit(SELECTION_TOTAL).alias("district_name"),
        pl.col("year"),
        pl.col(metric).cast(frame.schema[metric]),
    ).sort("year")


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "kreisvergleich",
            "Kreisvergleich",
            "Budget, Euro je Einwohner, Veränderung und Rang je Kreis und Jahr.",
            "mart_district_year",
            ("years", "districts"),
            RowOrder(("year", "rank_in_state", "district_ags")),
            columns=(
                "district_ags",
                "district_name",
                "district_type",
                "regierungsbezirk",
                "year",
                "has_agreement",
                "budget_total_eur",
                "population",
                "population_reference_date",
                "eur_per_inhabitant",
                "prev_year_budget_eur",
                "change_eur",
                "change_pct",
                "rank_in_state",
                "rank_in_peer_group",
                "share_of_state",
                "n_projects",
                "has_decisions",
                "approved_eur",
                "signed_on",
                "agreement_version",
                "agreement_versions",
                "source_name",
                "source_page",
                "source_line",
                "source_sha256",
                "review_note",
                "from_scan",
            ),
            optional=("review_note", "agreement_version", "agreement_versions", "from_scan"),
        ),
        TableSpec(
            "massnahmenarten",
            "Maßnahmenarten",
            "Projekte und Beträge je Kreis, Jahr und Maßnahmenart.",
            "mart_measure_mix",
            ("years", "districts", "measure_type"),
            RowOrder(("year", "district_ags", "measure_type")),
        ),
        TableSpec(
            "massnahmen_euro",
            "Euro je Maßnahmenart",
            "Euro je Kreis, Jahr und Maßnahmenart: aus der Zielvereinbarung, wo sie Beträge je "
            "Maßnahmenart nennt, sonst aus den bewilligten Zuwendungsbescheiden (Quelle je Zeile).",
            "mart_measure_money",
            ("years", "districts", "measure_type"),
            RowOrder(("year", "district_ags", "measure_type")),
        ),
        TableSpec(
            "fassungen",
            "Fassungen der Zielvereinbarungen",
            "Jede Fassung einer Zielvereinbarung mit Änderungen gegenüber der vorigen Fassung: "
            "Budget alt → neu, hinzugekommene und entfallene Projekte, Datum, Quelldatei.",
            "mart_agreement_versions",
            ("years", "districts"),
            RowOrder(("district_ags", "year", "version")),
        ),
        TableSpec(
            "zeitreihen",
            "Zeitreihen",
            "Budget und Euro je Einwohner der Kreise über die Jahre neben dem Landesdurchschnitt.",
            "mart_district_year",
            ("years", "districts"),
            RowOrder(("district_ags", "year")),
        ),
        TableSpec(
            "reconciliation",
            "Soll/Ist",
            "Vereinbart, bewilligt und verwendet je Kreis, Jahr und Maßnahmenart mit Prüfhinweisen.",
            "mart_reconciliation",
            ("years", "districts", "measure_type"),
            RowOrder(("year", "district_ags", "measure_type")),
            columns=(
                "district_ags",
                "district_name",
                "year",
                "measure_type",
                "measure_name",
                "agreed_eur",
                "agreed_total_eur",
                "approved_eur",
                "used_eur",
                "reclaimed_eur",
                "flag_approved_above_agreed",
                "flag_decision_without_agreement",
                "flag_agreement_without_decision",
                "flag_measure_not_in_agreement",
                "from_scan",
            ),
            optional=("measure_name", "agreed_total_eur", "from_scan"),
        ),
        TableSpec(
            "projekte",
            "Projekte",
            "Alle Projekte der aktuellen Zielvereinbarungen mit Fundstelle.",
            "mart_projects",
            ("years", "districts", "measure_type"),
            RowOrder(("year", "district_ags", "measure_type", "position")),
            read=read_projects,
        ),
        TableSpec(
            "quarantaene",
            "Quarantäne",
            "Zurückgestellte Dateien mit Grund und Zahl abgelehnter Zeilen.",
            "mart_quarantine",
            (),
            RowOrder(("quarantined_at", "original_name"), descending=("quarantined_at",)),
        ),
        TableSpec(
            "abgelehnte_zeilen",
            "Abgelehnte Zeilen",
            "Einzelne abgelehnte Zeilen von Tabellendateien mit Grund.",
            "mart_rejected_rows",
            (),
            RowOrder(("original_name", "row_number")),
        ),
        TableSpec(
            "eingangsprotokoll",
            "Eingangsprotokoll",
            "Jeder Eintrag des Eingangsordners beim letzten Einlesen mit Ergebnis und Grund.",
            "mart_inbox_entries",
            (),
            RowOrder(("relative_path",)),
        ),
        TableSpec(
            "vollstaendigkeit",
            "Vollständigkeit",
            "Eingang von Zielvereinbarungen und Bescheiden je Kreis und Jahr.",
            "mart_completeness",
            ("years", "districts"),
            RowOrder(("district_ags", "year")),
        ),
        TableSpec(
            "vergleich",
            "Vergleichstabelle",
            "Kreise × Jahre für eine Kennzahl, mit Summenzeile für die Auswahl.",
            "mart_district_year",
            ("years", "districts"),
            RowOrder(("district_ags", "year")),
            reshape=_pivot_comparison,
        ),
        TableSpec(
            "landesebene",
            "Hessen gesamt",
            "Landesweite Summen je Jahr.",
            "mart_state_year",
            ("years",),
            RowOrder(("year",)),
        ),
        TableSpec(
            "bescheide",
            "Bescheide",
            "Alle Zuwendungs-, Änderungs- und Schlussbescheide mit Quelle.",
            "mart_decisions",
            ("years", "districts"),
            RowOrder(("year", "district_ags", "decision_date", "decision_id")),
            columns=(
                "decision_id",
                "decision_type",
                "decision_date",
                "district_ags",
                "year",
                "total_eur",
                "used_total_eur",
                "reclaimed_total_eur",
                "refers_to",
                "source_name",
                "source_format",
                "source_page",
                "source_line",
                "source_sha256",
                "from_scan",
                "has_source_conflict",
                "conflict_settled",
                "review_note",
            ),
            optional=(
                "source_format",
                "source_page",
                "source_line",
                "from_scan",
                "has_source_conflict",
                "conflict_settled",
                "review_note",
            ),
        ),
        TableSpec(
            "aenderungen",
            "Änderungen zum Vorjahr",
            "Neue, fortgeführte und beendete Projekte gegenüber dem Vorjahr.",
            "mart_project_changes",
            ("years", "districts"),
            RowOrder(("year", "district_ags", "change", "measure_type", "project_name")),
        ),
        TableSpec(
            "pruefergebnisse",
            "Prüfergebnisse",
            "Letzte Ergebnisse der Datenprüfungen je Regel und Jahr.",
            "mart_check_results",
            ("years",),
            RowOrder(("success", "severity", "suite", "rule", "year"), nulls_first=("year",)),
            columns=(
                "suite",
                "rule",
                "expectation",
                "severity",
                "year",
                "success",
                "unexpected_count",
                "detail",
                "checked_at",
                "waiver_status",
                "waiver_until",
                "waiver_reason",
                "waived_by",
            ),
            optional=("expectation", "waiver_status", "waiver_until", "waiver_reason", "waived_by"),
        ),
        TableSpec(
            "zuordnungen",
            "Zuordnungen",
            "Bescheidzeilen und das Projekt der Zielvereinbarung, dem sie zugeordnet sind "
            "(automatisch oder manuell geprüft).",
            "mart_project_matches",
            ("years", "districts"),
            RowOrder(("year", "district_ags", "decision_id", "line_number")),
            columns=(
                "district_ags",
                "district_name",
                "year",
                "decision_id",
                "line_number",
                "measure_type",
                "project_name",
                "amount_eur",
                "matched_project_name",
                "match_status",
                "score",
                "status_reason",
                "review_status",
                "review_note",
                "suggested_project_name",
                "source_name",
                "source_page",
                "source_line",
                "source_sha256",
                "from_scan",
            ),
            optional=("review_status", "review_note", "suggested_project_name", "from_scan"),
        ),
        TableSpec(
            "pruefprotokoll",
            "Prüfprotokoll",
            "Jede Prüfentscheidung mit Prüfer/in, Zeitpunkt, Begründung, vorherigem Stand und "
            "heutigem Stand (in Kraft, ersetzt, widerrufen, abgelaufen).",
            "mart_review_decisions",
            (),
            RowOrder(("log_line",)),
            columns=(
                "log_line",
                "review_id",
                "kind_name",
                "state",
                "reviewer",
                "decided_at",
                "review_reason",
                "target_key",
                "district_ags",
                "year",
                "sha256",
                "decision_id",
                "line_number",
                "suite",
                "valid_until",
                "replaces",
                "revoked_by",
                "payload_json",
                "previous_json",
            ),
        ),
    )
}


def _parameters(spec: TableSpec, filters: ExportFilters) -> list[object]:
    """The declared columns first (tables that read only those), then each filter twice: once
    for "no filter", once for the comparison."""
    values: dict[str, object] = {
        "years": list(filters.years),
        "districts": list(filters.districts),
        "measure_type": filters.measure_type,
    }
    parameters: list[object] = [list(spec.columns)] if spec.columns else []
    for name in spec.filters:
        parameters.extend([values[name], values[name]])
    return parameters


def _project(frame: pl.DataFrame, spec: TableSpec) -> pl.DataFrame:
    """Keep the table's declared columns; a missing required column means an outdated snapshot."""
    if not spec.columns:
        return frame
    missing = [
        name for name in spec.columns if name not in frame.columns and name not in spec.optional
    ]
    if missing:
        raise OutdatedSnapshotError(f"{spec.mart} lacks column(s) {', '.join(missing)}")
    return frame.select([name for name in spec.columns if name in frame.columns])


def translate_codes(frame: pl.DataFrame) -> pl.DataFrame:
    """Replace stored English codes by their German names (unknown codes stay as they are)."""
    translated = [
        pl.col(name).replace(dict(COLUMNS[name].values_de))
        for name, dtype in frame.schema.items()
        if name in COLUMNS and COLUMNS[name].values_de and dtype == pl.String
    ]
    return frame.with_columns(translated) if translated else frame


def build_table(
    connection: duckdb.DuckDBPyConnection, table_name: str, filters: ExportFilters
) -> pl.DataFrame:
    """The rows of export table ``table_name`` under ``filters``, columns in dictionary names,
    codes in German. Raises MissingMartError without the mart and OutdatedSnapshotError when
    the snapshot predates a column the table needs."""
    spec = TABLES[table_name]
    try:
        parameters = _parameters(spec, filters)
        frame = (
            spec.read(connection, parameters)
            if spec.read
            else query_frame(connection, table_sql(table_name), parameters)
        )
    except duckdb.CatalogException as error:
        # the catalog is asked only after a failure: a lookup before every read cost 1-2 ms
        if not table_exists(connection, spec.mart):
            raise MissingMartError(f"the published snapshot has no {spec.mart}") from error
        raise
    except duckdb.BinderException as error:  # a column the SQL names is not in this snapshot
        raise OutdatedSnapshotError(f"{spec.mart}: {error}") from error
    # sorted before codes are translated: the order is that of the stored codes, as in SQL
    frame = translate_codes(spec.order.apply(_project(frame, spec)))
    return spec.reshape(frame, filters) if spec.reshape else frame
