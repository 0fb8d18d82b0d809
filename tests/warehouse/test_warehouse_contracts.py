"""Each table contract is written once (pipelines/contracts/): everything derived from it agrees.

The marts against their built models are checked in test_warehouse_models.py (it needs built
marts); here the parsed and reference tables against the migrations, the loader's schemas and
CSVs, the GX schema suite, the data dictionary and docs/data_model.md, and a published
snapshot's reference tables and ``snapshot_info`` against their declarations.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

import warehouse
from pipelines.contracts import docs
from pipelines.contracts.columns import COLUMNS
from pipelines.contracts.tables import (
    MARTS,
    PARSED_TABLES,
    REFERENCE_TABLES,
    SNAPSHOT_INFO,
    TABLES,
    Table,
)
from pipelines.contracts.vocabulary import DOCUMENT_TYPES_DE, DocumentType
from pipelines.ingest.record_rows import TABLE_COLUMNS
from pipelines.ingest.rows import TABLE_SCHEMAS, arrow_tables
from pipelines.publish.snapshot import published_table_names, write_snapshot_file
from pipelines.quality.suites import MART_COLUMN_TYPES, MART_COLUMNS
from pipelines.reasons import Reason
from pipelines.reference import DATA_DIR, coded_reference_rows
from pipelines.reference import REFERENCE_TABLES as REFERENCE_CSVS


def _columns(connection, table: str) -> set[tuple[str, str]]:
    rows = connection.execute(
        "SELECT column_name, replace(data_type, ' ', '') FROM information_schema.columns "
        "WHERE table_name = ?",
        [table],
    ).fetchall()
    return set(rows)


def _ordered_columns(connection, table: str) -> list[tuple[str, str]]:
    return connection.execute(
        "SELECT column_name, replace(data_type, ' ', '') FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()


def _declared(table: Table) -> list[tuple[str, str]]:
    return [(column.name, column.type) for column in table.columns]


def test_the_migrations_create_every_parsed_table_as_declared(connection) -> None:
    """A migration that adds, drops or retypes a column of a parsed table fails here until the
    declaration follows (column order differs where a migration appended with ALTER TABLE)."""
    for table in PARSED_TABLES:
        declared = {(column.name, column.type) for column in table.columns}
        assert _columns(connection, table.name) == declared, table.name


def test_the_loader_builds_its_rows_from_the_declaration(connection) -> None:
    """Arrow schemas and worker column lists name the declared columns in order, and a batch
    of them inserts by name into the migrated tables."""
    assert list(TABLE_SCHEMAS) == list(TABLE_COLUMNS) == [t.name for t in PARSED_TABLES]
    for table in PARSED_TABLES:
        assert TABLE_SCHEMAS[table.name].names == list(table.column_names)
        assert TABLE_COLUMNS[table.name] == table.column_names
    empty = arrow_tables(
        {name: {c: [] for c in columns} for name, columns in TABLE_COLUMNS.items()}
    )
    for name, arrow_table in empty.items():
        assert isinstance(arrow_table, pa.Table)
        connection.register("batch", arrow_table)
        connection.execute(f"INSERT INTO {name} BY NAME SELECT * FROM batch")
        connection.unregister("batch")


def test_the_schema_suite_checks_every_declared_mart_column_and_type() -> None:
    assert {table.name: table.column_names for table in MARTS} == MART_COLUMNS
    assert len(MART_COLUMN_TYPES) == sum(len(table.columns) for table in MARTS)
    assert "mart_district_year.budget_total_eur:DECIMAL(14,2)" in MART_COLUMN_TYPES


def test_every_declared_column_has_a_german_header_and_meaning() -> None:
    for table in TABLES.values():
        for column in table.columns:
            spec = COLUMNS.get(column.name)
            assert spec is not None, f"{table.name}.{column.name} is not in the data dictionary"
            assert spec.header_de and spec.description_de


def test_the_data_model_document_is_generated_from_the_contracts() -> None:
    """Run ``python -m pipelines.contracts.docs`` after changing a contract."""
    current = docs.DOC_PATH.read_text(encoding="utf-8")
    assert docs.rendered_document(current) == current
    for table in TABLES.values():
        assert f"### `{table.name}`" in current


def test_document_types_are_codes_with_a_german_and_an_english_text() -> None:
    """The codes the parser stores are the enum's values; the German names users read come
    from it (a grant decision once showed as its code: the table expected "decision")."""
    assert [member.value for member in DocumentType] == ["agreement", "grant_decision"]
    assert {member.value: member.de for member in DocumentType} == DOCUMENT_TYPES_DE
    assert DOCUMENT_TYPES_DE["grant_decision"] == "Zuwendungsbescheid"
    assert all(member.en for member in DocumentType)
    assert all(reason.de and reason.en for reason in Reason)


def test_the_loader_statements_cover_exactly_the_declared_parsed_tables() -> None:
    """One insert statement per parsed table, and a re-parse deletes from each of them: a table
    added to the contract without them (or the reverse) fails here."""
    names = {table.name for table in PARSED_TABLES}
    delete_sql = warehouse.load_sql("statements/loader/delete_parsed_rows")
    assert set(re.findall(r"DELETE FROM (\w+) WHERE", delete_sql)) == names
    for name in names:
        insert_sql = warehouse.load_sql(f"statements/loader/{name}")
        assert f"INSERT INTO {name} BY NAME" in insert_sql


def test_the_warehouse_stores_every_code_with_both_texts(connection) -> None:
    """Document types and quarantine reasons: code, German and English text, from the enums."""
    document_types = connection.execute(
        "SELECT document_type, name_de, name_en FROM ref_document_types ORDER BY document_type"
    ).fetchall()
    assert document_types == [(m.value, m.de, m.en) for m in sorted(DocumentType)]
    reasons = connection.execute("SELECT count(*) FROM ref_quarantine_reasons").fetchone()[0]
    assert reasons == len(Reason)
    assert connection.execute(
        "SELECT reason_de FROM ref_quarantine_reasons WHERE reason_code = ?",
        [Reason.NOT_AN_AGREEMENT.value],
    ).fetchone() == (Reason.NOT_AN_AGREEMENT.de,)


def test_the_migrations_create_exactly_the_declared_reference_tables(connection) -> None:
    """A migration that adds a ``ref_*`` table, or adds, drops, reorders or retypes one of its
    columns, fails here until ``REFERENCE_TABLES`` follows (every ref table is published)."""
    actual = {
        name
        for (name,) in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, 'ref_')"
        ).fetchall()
    }
    assert actual == {table.name for table in REFERENCE_TABLES}
    for table in REFERENCE_TABLES:
        assert _ordered_columns(connection, table.name) == _declared(table), table.name


def test_the_reference_sources_fill_exactly_the_declared_columns(connection) -> None:
    """Each shipped CSV has the declared columns in order, each enum-filled table gets one value
    per declared column, and a load fills every declared table (none empty)."""
    coded = coded_reference_rows()
    declared = {table.name: table for table in REFERENCE_TABLES}
    assert set(REFERENCE_CSVS) | set(coded) == set(declared)
    assert not set(REFERENCE_CSVS) & set(coded)
    for name, file_name in REFERENCE_CSVS.items():
        with open(DATA_DIR / file_name, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert tuple(header) == declared[name].column_names, file_name
    for name, rows in coded.items():
        assert {len(row) for row in rows} == {len(declared[name].columns)}, name
    counts = warehouse.load_reference_data(connection)
    assert set(counts) == set(declared)
    assert all(counts.values()), counts


def test_a_published_snapshot_carries_the_declared_reference_tables_and_snapshot_info(
    connection, tmp_path: Path
) -> None:
    """The real snapshot writer: each ``ref_*`` table arrives with its declared columns and
    types, and ``snapshot_info`` (statements/publish/snapshot_info.sql) is one row as declared."""
    target = tmp_path / "snapshot.duckdb"
    names = published_table_names(connection)
    assert {name for name in names if name.startswith("ref_")} == {
        table.name for table in REFERENCE_TABLES
    }
    parameters = ["snap-1", datetime(2026, 1, 2, 3, 4), "run-1", False, "/docs/index.html"]
    counts = write_snapshot_file(connection, target, names, parameters)
    assert counts["snapshot_info"] == 1
    snapshot = duckdb.connect(str(target), read_only=True)
    try:
        for table in (*REFERENCE_TABLES, SNAPSHOT_INFO):
            assert _ordered_columns(snapshot, table.name) == _declared(table), table.name
        row = snapshot.execute("SELECT * FROM snapshot_info").fetchone()
    finally:
        snapshot.close()
    assert dict(zip(SNAPSHOT_INFO.column_names, row, strict=True))["snapshot_id"] == "snap-1"


def test_the_factory_snapshot_has_the_declared_columns_and_types(tmp_path: Path) -> None:
    """tests/support/snapshot_factory.py creates its marts and snapshot_info from the contracts:
    every table it writes has exactly its declared columns and types, in order, and rows."""
    from tests.support import snapshot_factory

    built = snapshot_factory.build_snapshot(tmp_path, years=(2024, 2025), seed=3)
    snapshot = duckdb.connect(str(built.snapshot_path), read_only=True)
    try:
        names = [
            name
            for (name,) in snapshot.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        ]
        assert set(names) == {*snapshot_factory.ROW_COLUMNS, *snapshot_factory.DERIVED_TABLES}
        for name in names:
            assert _ordered_columns(snapshot, name) == _declared(TABLES[name]), name
        empty = {"mart_project_matches", "mart_review_decisions"}
        for name in set(names) - empty:
            assert snapshot.execute(f"SELECT count(*) FROM {name}").fetchone()[0], name
    finally:
        snapshot.close()
