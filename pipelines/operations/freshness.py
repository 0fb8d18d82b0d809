"""Freshness per source: an agreement per district and budget year by a configurable date
(``AQB_AGREEMENT_DUE``), and a successful ingest not older than 26 hours (the nightly run).

The same functions feed the Dagster check (``agreements_due``), the alert sensor and the
dashboard, so all three name the same overdue items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

import warehouse
from pipelines.german import german_date, german_datetime

if TYPE_CHECKING:
    import duckdb

NIGHTLY_MAX_AGE = timedelta(hours=26)
# run statuses that leave a current, validated state behind (UNCHANGED: the no-change fast path)
FRESH_STATUSES = ("SUCCESS", "UNCHANGED")
NAMED_ITEMS = 10  # overdue agreements named one by one in an alert; the rest are counted


def overdue_agreements(
    connection: duckdb.DuckDBPyConnection, as_of: date, due: tuple[int, int]
) -> pl.DataFrame:
    """District-years without an agreement after their due date (``mart_completeness``)."""
    month, day = due
    return connection.sql(
        warehouse.load_sql("statements/operations/overdue_agreements"),
        params=[month, day, month, as_of, as_of],
    ).pl()


def last_fresh_run(history: pl.DataFrame | None) -> datetime | None:
    """When the latest successful (or provably unchanged) ingest finished, naive UTC."""
    if history is None or history.is_empty():
        return None
    done = history.filter(
        pl.col("status").is_in(FRESH_STATUSES) & pl.col("finished_at").is_not_null()
    )
    return done["finished_at"].max() if done.height else None


@dataclass(frozen=True)
class Freshness:
    """What is overdue now: the nightly ingest (with its last success) and agreements."""

    now: datetime  # naive UTC
    last_success: datetime | None
    agreements: pl.DataFrame  # district_ags, district_name, year, due_date

    @property
    def ingest_overdue(self) -> bool:
        return self.last_success is None or self.now - self.last_success > NIGHTLY_MAX_AGE

    @property
    def any_overdue(self) -> bool:
        return self.ingest_overdue or self.agreements.height > 0

    def sentences(self) -> list[str]:
        """German sentences naming every overdue item (agreements beyond ``NAMED_ITEMS`` counted)."""
        lines = []
        if self.ingest_overdue:
            since = (
                f"zuletzt erfolgreich {german_datetime(self.last_success)} UTC"
                if self.last_success
                else "noch nie erfolgreich"
            )
            lines.append(f"Einlesevorgang überfällig (älter als 26 Stunden; {since}).")
        rows = self.agreements.head(NAMED_ITEMS).iter_rows(named=True)
        for row in rows:
            lines.append(
                f"Zielvereinbarung {row['year']} {row['district_name']} ({row['district_ags']}) "
                f"überfällig seit {german_date(row['due_date'])}."
            )
        if self.agreements.height > NAMED_ITEMS:
            lines.append(
                f"… und {self.agreements.height - NAMED_ITEMS} weitere überfällige Zielvereinbarungen."
            )
        return lines

    def signature(self) -> str:
        """Identifies the set of overdue items, so an alert is sent once per change."""
        keys = [
            f"{row[0]}-{row[1]}" for row in self.agreements.select("district_ags", "year").rows()
        ]
        return ("ingest;" if self.ingest_overdue else "") + ",".join(keys)


def published_freshness(publish_dir: Path, now: datetime, due: tuple[int, int]) -> Freshness:
    """Freshness as the dashboard shows it: the exported run history and the served snapshot
    (opened read-only, so an alert never waits for or blocks an ingest)."""
    from pipelines.exports import connect_snapshot, locate_snapshot, table_exists
    from pipelines.operations.history import read_history

    agreements = pl.DataFrame(
        schema={
            "district_ags": pl.String,
            "district_name": pl.String,
            "year": pl.Int64,
            "due_date": pl.Date,
        }
    )
    ref = locate_snapshot(publish_dir)
    if ref is not None:
        connection = connect_snapshot(ref)
        try:
            if table_exists(connection.cursor(), "mart_completeness"):
                agreements = overdue_agreements(connection, now.date(), due)
        finally:
            connection.close()
    return Freshness(
        now=now, last_success=last_fresh_run(read_history(publish_dir)), agreements=agreements
    )
