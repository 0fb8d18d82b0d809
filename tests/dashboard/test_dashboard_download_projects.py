"""The "projekte" download read compactly (rows with a document key, text once per document).

``pipelines.exports.projects`` must give exactly the frame of the plain statement
(``projekte.sql``) and fall back to it whenever the compact read cannot reproduce it: these
tests compare both on published snapshots and break a snapshot copy in each way the reader
guards against.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.exports import (
    TABLES,
    ExportFilters,
    MissingMartError,
    build_table,
    connect_snapshot,
    locate_snapshot,
)
from pipelines.exports.projects import read_projects, read_projects_compact
from pipelines.exports.tables import _parameters, query_frame, table_sql

FILTER_CASES = [
    ExportFilters(),
    ExportFilters(years=(2024, 2025)),
    ExportFilters(districts=("06431", "06611"), measure_type=2),
    ExportFilters(years=(1999,)),
]


def _parameters_of(filters: ExportFilters) -> list[object]:
    return _parameters(TABLES["projekte"], filters)


def _plain(connection: duckdb.DuckDBPyConnection, filters: ExportFilters) -> pl.DataFrame:
    return query_frame(connection, table_sql("projekte"), _parameters_of(filters))


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return TABLES["projekte"].order.apply(frame)


def _snapshot_copy(published_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the published snapshot file, to break in one way per test."""
    ref = locate_snapshot(published_dir)
    assert ref is not None
    copy = tmp_path / "snapshot.duckdb"
    shutil.copyfile(ref.path, copy)
    return copy


@pytest.mark.parametrize("filters", FILTER_CASES)
def test_compact_read_equals_the_plain_statement(published, filters: ExportFilters) -> None:
    connection = connect_snapshot(locate_snapshot(published.publish_dir))
    compact = read_projects_compact(connection, _parameters_of(filters))
    assert compact is not None, "the compact read fell back on a freshly published snapshot"
    plain = _plain(connection, filters)
    assert compact.schema == plain.schema
    assert _sorted(compact).equals(_sorted(plain))
    if filters == ExportFilters():
        assert compact.height > 0 and compact.get_column("continuity").n_unique() == 2


def _break_and_read(
    snapshot: Path, statement: str
) -> tuple[pl.DataFrame | None, pl.DataFrame, pl.DataFrame]:
    """Apply ``statement`` to the copy, then (compact read, read_projects, plain statement)."""
    with duckdb.connect(str(snapshot)) as writable:
        writable.execute(statement)
    connection = duckdb.connect(str(snapshot), read_only=True)
    parameters = _parameters_of(ExportFilters())
    return (
        read_projects_compact(connection, parameters),
        read_projects(connection, parameters),
        _plain(connection, ExportFilters()),
    )


@pytest.mark.parametrize(
    "statement",
    [
        # the district-year names another document than the projects come from
        "UPDATE mart_district_year SET source_name = 'anders.pdf' "
        "WHERE (district_ags, year) = (SELECT (district_ags, year) FROM mart_projects LIMIT 1)",
        # the district's name differs between the two marts
        "UPDATE mart_projects SET district_name = district_name || ' (alt)' "
        "WHERE rowid = (SELECT min(rowid) FROM mart_projects)",
        # a continuity label the reader does not know
        "UPDATE mart_projects SET continuity = 'unklar' WHERE rowid = (SELECT min(rowid) FROM mart_projects)",
        # an older snapshot: no mart_district_year to take the documents from
        "DROP TABLE mart_district_year",
    ],
    ids=["other-document", "other-district-name", "unknown-continuity", "no-district-year"],
)
def test_reads_plainly_when_the_compact_read_cannot_reproduce_the_table(
    factory_snapshot, tmp_path: Path, statement: str
) -> None:
    compact, read, plain = _break_and_read(
        _snapshot_copy(factory_snapshot.publish_dir, tmp_path), statement
    )
    assert compact is None
    assert read.equals(plain)


def test_null_continuity_and_null_source_survive_the_compact_read(
    factory_snapshot, tmp_path: Path
) -> None:
    snapshot = _snapshot_copy(factory_snapshot.publish_dir, tmp_path)
    first = "WHERE (district_ags, year) = (SELECT (district_ags, year) FROM mart_projects ORDER BY year, district_ags LIMIT 1)"
    compact, read, plain = _break_and_read(
        snapshot,
        f"UPDATE mart_projects SET continuity = NULL, source_name = NULL {first};"
        f"UPDATE mart_district_year SET source_name = NULL {first}",
    )
    assert compact is not None
    assert compact.get_column("continuity").null_count() > 0
    assert (
        compact.get_column("source_name").null_count()
        == compact.get_column("continuity").null_count()
    )
    assert _sorted(compact).equals(_sorted(plain)) and read.equals(compact)


def test_a_document_of_two_district_years_is_joined_once(factory_snapshot, tmp_path: Path) -> None:
    """The same district and document under two years gives one key twice: kept once, so no
    project row is doubled by the join."""
    snapshot = _snapshot_copy(factory_snapshot.publish_dir, tmp_path)
    with duckdb.connect(str(snapshot)) as writable:
        writable.execute(
            "INSERT INTO mart_district_year BY NAME "
            "SELECT district_ags, district_name, year + 100 AS year, source_name, source_sha256 "
            "FROM mart_district_year WHERE source_sha256 IS NOT NULL LIMIT 1"
        )
    connection = duckdb.connect(str(snapshot), read_only=True)
    compact = read_projects_compact(connection, _parameters_of(ExportFilters()))
    assert compact is not None
    assert _sorted(compact).equals(_sorted(_plain(connection, ExportFilters())))


def test_built_table_is_the_sorted_plain_statement(factory_snapshot) -> None:
    connection = connect_snapshot(locate_snapshot(factory_snapshot.publish_dir))
    for filters in FILTER_CASES:
        assert build_table(connection, "projekte", filters).equals(
            _sorted(_plain(connection, filters))
        )


@pytest.mark.parametrize(
    ("mart", "table_name"), [("mart_projects", "projekte"), ("mart_decisions", "bescheide")]
)
def test_a_missing_mart_is_reported_as_such(
    factory_snapshot, tmp_path: Path, mart: str, table_name: str
) -> None:
    """The catalog is consulted only after a failed read; the caller still gets MissingMartError."""
    snapshot = _snapshot_copy(factory_snapshot.publish_dir, tmp_path)
    with duckdb.connect(str(snapshot)) as writable:
        writable.execute(f"DROP TABLE {mart}")
    connection = duckdb.connect(str(snapshot), read_only=True)
    with pytest.raises(MissingMartError, match=mart):
        build_table(connection, table_name, ExportFilters())
