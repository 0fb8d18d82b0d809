"""Incremental ingest: a new agreement re-checks only its budget year, an unchanged inbox is
recognised without reading its files, and a file rewritten in place is parsed again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import polars as pl

from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from tests.support.agreements import make_agreement

HOUR_NS = 3_600 * 1_000_000_000
# frames with a handful of rows per year that every run validates for all years
ALL_YEAR_SUITES = {"statewide_totals", "mart_schemas"}


def _settings(root: Path, inbox: Path) -> Settings:
    return Settings.rooted_at(root, inbox)


def _age(path: Path, age_ns: int = HOUR_NS) -> None:
    """Date a file back, outside the registry's racy window, as files of an earlier day are."""
    stamp = time.time_ns() - age_ns
    os.utime(path, ns=(stamp, stamp))


def _check_rows(settings: Settings, run_id: str) -> pl.DataFrame:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        return connection.table("check_results").pl().filter(pl.col("run_id") == run_id)


def test_new_agreement_rechecks_only_its_year(tmp_path: Path, small_inbox: Path) -> None:
    settings = _settings(tmp_path, small_inbox)
    first = run_ingest(settings)
    assert first.published and first.ok, first.failures
    first_years = set(_check_rows(settings, first.run_id)["year"].drop_nulls().to_list())
    assert {2024, 2025} <= first_years

    (small_inbox / "zielvereinbarung_2023_bergstrasse.txt").write_text(
        make_agreement(2023), encoding="utf-8"
    )
    second = run_ingest(settings)

    assert second.docs_new == 1 and second.published, second.failures
    rows = _check_rows(settings, second.run_id)
    per_year = rows.filter(~pl.col("suite").is_in(list(ALL_YEAR_SUITES)))
    assert per_year.height > 0
    assert set(per_year["year"].drop_nulls().to_list()) == {2023}
    # the snapshot still holds every year: only the checks were narrowed
    with duckdb.connect(second.snapshot_path, read_only=True) as snapshot:
        years = snapshot.table("mart_district_year").pl().filter(pl.col("has_agreement"))["year"]
    assert sorted(years.to_list()) == [2023, 2024, 2025]


def test_unchanged_inbox_is_recognised_and_a_rewritten_file_is_parsed_again(
    tmp_path: Path, small_inbox: Path
) -> None:
    for path in small_inbox.iterdir():
        _age(path)
    settings = _settings(tmp_path, small_inbox)
    first = run_ingest(settings)
    assert first.published and first.ok, first.failures

    unchanged = run_ingest(settings)
    assert unchanged.up_to_date and unchanged.ok and not unchanged.published
    assert (unchanged.docs_new, unchanged.docs_updated, unchanged.docs_unchanged) == (0, 0, 2)
    assert unchanged.snapshot_id == first.snapshot_id
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        sightings = connection.table("raw_document_sightings").pl()
        entries = connection.table("inbox_entries").pl()
        runs = connection.table("ingest_runs").pl()
    # an unchanged run writes no sighting and no inbox entry: the first run's rows stand
    assert sightings.height == 2 and set(sightings["first_run_id"]) == {first.run_id}
    assert entries.height == 2 and set(entries["run_id"]) == {first.run_id}
    assert runs.filter(pl.col("run_id") == unchanged.run_id).height == 1

    # same name, same size, other bytes, a later (but not recent) mtime: a corrected budget
    target = small_inbox / "zielvereinbarung_2024_bergstrasse.txt"
    text = target.read_text(encoding="utf-8")
    corrected = text.replace("1.230.450 Euro", "1.230.451 Euro")
    assert corrected != text and len(corrected.encode()) == len(text.encode())
    target.write_text(corrected, encoding="utf-8")
    _age(target, HOUR_NS // 2)

    third = run_ingest(settings)
    assert third.docs_updated == 1 and third.published, third.failures
    with duckdb.connect(third.snapshot_path, read_only=True) as snapshot:
        budgets = (
            snapshot.table("mart_district_year")
            .pl()
            .filter(pl.col("has_agreement") & (pl.col("year") == 2024))["budget_total_eur"]
        )
    assert [float(value) for value in budgets] == [1_230_451.0]
