"""Every read the dashboard makes, cached per published snapshot.

The connection is cached per snapshot file (``st.cache_resource``); results per snapshot id and
arguments (``st.cache_data``), so a new publication invalidates everything at once and a page
only ever waits on its own queries. Export tables come from ``pipelines.exports`` so a page's
table and its download are the same rows; page-only queries live in
``warehouse/statements/dashboard/`` and are loaded by name through ``warehouse.load_sql``.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboards import figures, labels
from pipelines.config import load_settings
from pipelines.contracts.vocabulary import ENTRY_OUTCOMES_DE
from pipelines.exports import (
    ExportFilters,
    MissingMartError,
    SnapshotRef,
    build_table,
    connect_snapshot,
    read_snapshot_info,
    table_exists,
)
from warehouse import WAREHOUSE_DIR
from warehouse import load_sql as load_warehouse_sql

DASHBOARD_SQL_AREA = figures.DASHBOARD_SQL_AREA
SQL_DIR = WAREHOUSE_DIR / DASHBOARD_SQL_AREA


@dataclass(frozen=True)
class Snapshot:
    """The published snapshot a page reads, with its ``snapshot_info`` row."""

    ref: SnapshotRef
    info: dict[str, Any]

    @property
    def snapshot_id(self) -> str:
        return self.ref.snapshot_id


def load_sql(name: str) -> str:
    """The text of page query ``name`` (``warehouse/statements/dashboard/<name>.sql``)."""
    return load_warehouse_sql(f"{DASHBOARD_SQL_AREA}/{name}")


@st.cache_resource(show_spinner=False, max_entries=2)
def snapshot_connection(snapshot_path: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per snapshot file; each query takes its own cursor. Only the
    served snapshot and the one before it stay open: an older connection is evicted and closed
    when garbage-collected, so a pruned snapshot's file is not held open for ever."""
    return connect_snapshot(
        SnapshotRef(snapshot_id=Path(snapshot_path).stem, path=Path(snapshot_path))
    )


def _connection(snapshot: Snapshot) -> duckdb.DuckDBPyConnection:
    return snapshot_connection(str(snapshot.ref.path))


@st.cache_data(show_spinner=False, max_entries=64)
def _snapshot_info(snapshot_id: str, snapshot_path: str) -> dict[str, Any]:
    return read_snapshot_info(snapshot_connection(snapshot_path))


def open_snapshot(ref: SnapshotRef) -> Snapshot:
    """The snapshot with its info row, both cached by snapshot id."""
    return Snapshot(ref=ref, info=_snapshot_info(ref.snapshot_id, str(ref.path)))


@st.cache_data(show_spinner=False, max_entries=512)
def _table(
    snapshot_id: str, snapshot_path: str, table_name: str, filters: ExportFilters
) -> pl.DataFrame | None:
    try:
        return build_table(snapshot_connection(snapshot_path), table_name, filters)
    except MissingMartError:
        return None


def table(snapshot: Snapshot, table_name: str, filters: ExportFilters) -> pl.DataFrame | None:
    """An export table (same rows as its download); None when its mart is absent."""
    return _table(snapshot.snapshot_id, str(snapshot.ref.path), table_name, filters)


@st.cache_data(show_spinner=False, max_entries=512)
def _named(snapshot_id: str, snapshot_path: str, name: str, parameters: tuple) -> pl.DataFrame:
    return figures.named(snapshot_connection(snapshot_path), name, *parameters)


def named_query(snapshot: Snapshot, name: str, *parameters: Any) -> pl.DataFrame:
    """A page-only query (``warehouse/statements/dashboard/<name>.sql``) with ``?`` parameters."""
    return _named(snapshot.snapshot_id, str(snapshot.ref.path), name, tuple(parameters))


@st.cache_data(show_spinner=False, max_entries=64)
def _has_rows(snapshot_id: str, snapshot_path: str, table_name: str) -> bool:
    connection = snapshot_connection(snapshot_path)
    if not table_exists(connection, table_name):
        return False
    if not table_name.isidentifier():  # names come from page code; refuse anything else
        raise ValueError(f"not a table name: {table_name!r}")
    row = connection.cursor().execute(f'SELECT EXISTS (SELECT 1 FROM "{table_name}")').fetchone()
    return bool(row and row[0])


def mart_has_rows(snapshot: Snapshot, table_name: str) -> bool:
    """Whether a mart exists and holds rows (Soll/Ist shows an explanation otherwise)."""
    return _has_rows(snapshot.snapshot_id, str(snapshot.ref.path), table_name)


def years(snapshot: Snapshot) -> list[int]:
    return named_query(snapshot, "years")["year"].to_list()


def districts(snapshot: Snapshot) -> pl.DataFrame:
    return named_query(snapshot, "districts")


def measure_names(snapshot: Snapshot) -> dict[int, str]:
    frame = named_query(snapshot, "measure_names")
    return dict(zip(frame["measure_type"].to_list(), frame["measure_name"].to_list(), strict=True))


@st.cache_data(show_spinner=False, max_entries=32)
def _briefing(snapshot_id: str, snapshot_path: str, year: int, district: str | None) -> bytes:
    from dashboards import briefing  # fpdf2 on the first click, not at the dashboard's start

    cursor = snapshot_connection(snapshot_path).cursor()
    try:
        return briefing.briefing_pdf(cursor, snapshot_id, year, district)
    finally:
        cursor.close()


def briefing_pdf(snapshot: Snapshot, year: int, district: str | None = None) -> bytes:
    """The briefing PDF of a year (state or one district), built on the first click only."""
    return _briefing(snapshot.snapshot_id, str(snapshot.ref.path), year, district)


def measure_money(snapshot: Snapshot, districts: tuple[str, ...] = ()) -> pl.DataFrame:
    """Euros per measure type and year (``figures.measure_money``), cached per snapshot."""
    return named_query(snapshot, "measure_money_state", districts, districts)


def measure_money_sources(snapshot: Snapshot, districts: tuple[str, ...] = ()) -> pl.DataFrame:
    """Which source the euros per measure type of each year come from (per district count)."""
    return named_query(snapshot, "measure_money_sources", districts, districts)


def measure_share_state(snapshot: Snapshot, year: int) -> pl.DataFrame:
    return named_query(snapshot, "measure_share_state", year)


def documents_by_sha(snapshot: Snapshot, sha256s: list[str]) -> pl.DataFrame:
    return named_query(snapshot, "documents_by_sha", tuple(sha256s))


def population_dates(snapshot: Snapshot) -> list[Any]:
    """Reference dates of the population behind € per inhabitant (one for all years today)."""
    return named_query(snapshot, "population_dates")["population_reference_date"].to_list()


def soll_ist_totals(snapshot: Snapshot, year: int) -> pl.DataFrame:
    """Agreed (the agreement's total), approved and used per district, long form for the chart."""
    series = list(labels.SI_SERIES)
    wide = named_query(snapshot, "soll_ist_totals", year)
    return (
        wide.unpivot(
            index=["district_ags", "district_name"],
            on=series,
            variable_name="series_key",
            value_name="value",
        )
        .filter(pl.col("value").is_not_null())
        .with_columns(pl.col("series_key").replace_strict(labels.SI_SERIES).alias("series"))
    )


def measure_amount_coverage(snapshot: Snapshot, year: int) -> dict[str, Any]:
    """How much of the state budget agreements split by measure type (for the Überblick note)."""
    frame = named_query(snapshot, "measure_amount_coverage", year, year, year)
    return frame.row(0, named=True) if frame.height else {}


def measure_shift(mix: pl.DataFrame, year: int) -> pl.DataFrame:
    """Agreed amount per measure type in ``year`` against the previous year.

    A missing amount means "not stated", not zero: the change is computed only where both years
    state an amount, every other row is marked "nicht vergleichbar" (never a made-up cut).
    """
    previous = mix.filter(pl.col("year") == year - 1).select(
        "measure_type", pl.col("agreed_amount_eur").alias("agreed_prev_year_eur")
    )
    current = mix.filter(pl.col("year") == year).select(
        "measure_type", "measure_name", pl.col("agreed_amount_eur").alias("agreed_eur")
    )
    both = current.join(previous, on="measure_type", how="full", coalesce=True).sort("measure_type")
    comparable = pl.col("agreed_eur").is_not_null() & pl.col("agreed_prev_year_eur").is_not_null()
    return both.select(
        "measure_type",
        "measure_name",
        "agreed_prev_year_eur",
        "agreed_eur",
        pl.when(comparable)
        .then(pl.col("agreed_eur") - pl.col("agreed_prev_year_eur"))
        .alias("agreed_change_eur"),
        pl.when(comparable)
        .then(pl.lit(labels.COMPARABLE))
        .otherwise(pl.lit(labels.NOT_COMPARABLE))
        .alias("comparison_note"),
    )


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def verified_archive_file(archive_dir: Path, sha256: str) -> Path | None:
    """The archive copy of ``sha256`` if it is one: a 64-hex-digit name, a regular file inside
    the archive (no link) whose bytes hash to it. Anything else (a crafted snapshot value such
    as ``../../etc/passwd``, a swapped file) is never offered for download."""
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        return None
    candidate = Path(archive_dir) / sha256[:2] / sha256
    try:
        status = candidate.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    if _file_sha256(str(candidate), status.st_size, status.st_mtime_ns) != sha256:
        return None
    return candidate


@functools.lru_cache(maxsize=256)
def _file_sha256(path: str, _size: int, _mtime_ns: int) -> str:
    """sha256 of a file, remembered per (path, size, mtime) so a rerun does not read it again."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def outcome_counts(entries: pl.DataFrame) -> dict[str, int]:
    """Entries of the Eingangsprotokoll by outcome (German values, as the table shows them)."""
    counts = dict(entries.get_column("outcome").value_counts().iter_rows())
    return {
        "total": entries.height,
        **{code: int(counts.get(german, 0)) for code, german in ENTRY_OUTCOMES_DE.items()},
    }


def quarantine_display(quarantine: pl.DataFrame) -> pl.DataFrame:
    """The quarantine table for the screen: reason first, a 12-character hash last (the full
    64-character hash stays in the downloads)."""
    short = pl.col("sha256").str.slice(0, 12).alias("sha256_short")
    return quarantine.with_columns(short).drop("sha256")


def data_docs_dir(snapshot: Snapshot) -> Path | None:
    """The Data Docs folder of the snapshot's validation (snapshot_info, else the settings)."""
    recorded = snapshot.info.get("data_docs_path")
    candidates = [Path(recorded)] if recorded else []
    candidates.append(load_settings().data_docs_dir)
    for candidate in candidates:
        folder = candidate.parent if candidate.is_file() else candidate
        if (folder / "index.html").is_file():
            return folder
    return None


@st.cache_data(show_spinner=False, max_entries=8)
def _zip_folder(snapshot_id: str, folder: str) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    root = Path(folder)
    files = sorted(path for path in root.rglob("*") if path.is_file())
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, arcname=str(Path("data_docs") / path.relative_to(root)))
    return buffer.getvalue(), len(files)


def data_docs_zip(snapshot: Snapshot, folder: Path) -> tuple[bytes, int]:
    """The whole Data Docs site as a ZIP (links between its pages keep working once unpacked,
    unlike a lone index.html or a file:// link a browser blocks); built once per snapshot."""
    return _zip_folder(snapshot.snapshot_id, str(folder))


def source_documents(district_years: pl.DataFrame, decisions: pl.DataFrame | None) -> pl.DataFrame:
    """Each source document of a district-year once, with page and line of the figure it gives
    (the agreement's budget line, each decision's own page/line where the mart has them)."""
    columns = ["source_sha256", "source_name", "source_page", "source_line"]
    parts = [district_years.select(columns)] if set(columns) <= set(district_years.columns) else []
    if decisions is not None and "source_sha256" in decisions.columns:
        parts.append(
            decisions.select(
                "source_sha256",
                "source_name",
                *(
                    pl.col(name)
                    if name in decisions.columns
                    else pl.lit(None, pl.Int64).alias(name)
                    for name in ("source_page", "source_line")
                ),
            )
        )
    if not parts:
        return pl.DataFrame(
            schema={
                name: pl.String if name in ("source_sha256", "source_name") else pl.Int64
                for name in columns
            }
        )
    frame = pl.concat(
        [part.with_columns(pl.col("source_page", "source_line").cast(pl.Int64)) for part in parts],
        how="vertical_relaxed",
    )
    return frame.filter(pl.col("source_sha256").is_not_null()).unique(
        subset="source_sha256", keep="first", maintain_order=True
    )


# --- operations: run history and freshness -----------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def _history_file(path: str, modified_ns: int) -> pl.DataFrame | None:
    from pipelines.operations.history import read_history

    return read_history(Path(path).parent)


def run_history() -> pl.DataFrame | None:
    """The exported run history (newest first), re-read whenever an ingest rewrote it."""
    from pipelines.operations.history import HISTORY_FILE

    path = load_settings().publish_dir / HISTORY_FILE
    if not path.is_file():
        return None
    return _history_file(str(path), path.stat().st_mtime_ns)


def freshness(snapshot: Snapshot, now_utc: Any) -> Any:
    """What is overdue now (``pipelines.operations.freshness.Freshness``), from the served
    snapshot's completeness and the run history."""
    from pipelines.config import agreement_due
    from pipelines.operations.freshness import Freshness, last_fresh_run, overdue_agreements

    agreements = pl.DataFrame()
    if table_exists(_connection(snapshot).cursor(), "mart_completeness"):
        cursor = _connection(snapshot).cursor()
        try:
            agreements = overdue_agreements(cursor, now_utc.date(), agreement_due())
        finally:
            cursor.close()
    return Freshness(now=now_utc, last_success=last_fresh_run(run_history()), agreements=agreements)


def run_history_display(history: pl.DataFrame, limit: int = 20) -> pl.DataFrame:
    """The latest runs with German values and column names; a link column when the Dagster UI's
    address is configured (``AQB_DAGSTER_UI_URL``)."""
    from pipelines.config import dagster_run_url

    rows = []
    for row in history.head(limit).iter_rows(named=True):
        rows.append(
            {
                "started_at": labels.format_utc_datetime(row["started_at"]),
                "finished_at": labels.format_utc_datetime(row["finished_at"]),
                "status": labels.RUN_STATUS_LABELS.get(
                    row["status"] or "", row["status"] or labels.MISSING
                ),
                "launched_by": labels.RUN_LAUNCH_LABELS.get(
                    row["launched_by"] or "", row["launched_by"] or labels.MISSING
                ),
                "docs_new": row["docs_new"] or 0,
                "docs_updated": row["docs_updated"] or 0,
                "docs_quarantined": row["docs_quarantined"] or 0,
                "checks": f"{row['checks_passed'] or 0}/{row['checks_warned'] or 0}/{row['checks_failed'] or 0}",
                "published": labels.format_bool(bool(row["published"])),
                "years": row["years"] or "",
                "failure_reason": row["failure_reason"] or "",
                "link": dagster_run_url(row["run_id"]),
            }
        )
    frame = pl.DataFrame(rows, schema_overrides={"link": pl.String})
    if frame.height and frame["link"].is_null().all():
        frame = frame.drop("link")
    return frame.rename({k: v for k, v in labels.RUN_COLUMNS.items() if k in frame.columns})
