"""The lean store path: workers send plain columns, the store turns them into the same Arrow rows,
batches are bounded by documents and rows, and a first parse skips the replace deletes without
changing what a re-parse replaces."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pytest

import warehouse
from pipelines.ingest.loader import (
    ParsedRows,
    arrow_rows,
    iter_parsed_rows,
    parsed_rows,
    pending_documents,
    store_batches,
    store_outcomes,
)
from pipelines.ingest.parse_worker import StoredDocument, outcome_columns
from pipelines.ingest.registry import register_documents, scan_inbox
from pipelines.ingest.rows import TABLE_COLUMNS, TABLE_SCHEMAS, outcome_rows
from pipelines.parse.dispatch import PARSER_VERSION
from pipelines.parse.records import ParseOutcome
from pipelines.reference import DistrictIndex
from tests.support import warehouse_records as builders

PARSED_AT = datetime(2025, 3, 14, 9, 30)


def _mixed_outcomes() -> list[tuple[ParseOutcome, str]]:
    """An agreement, a decision export with a repeated id and a rejected row, a quarantined file."""
    agreement = builders.agreement(
        "06431", 2025, "1230450.00", {1: ["Vorbereitung TZ Ausbildung"], 4: ["BASS Studium"]}
    )
    decision = builders.decision(
        "RPKS-57-AQB-2025-06431-01",
        "06431",
        2025,
        [("Jobdatings", 3, "85000.00"), ("BASS Studium", 4, "5000.05")],
        date(2025, 3, 14),
    )
    export = ParseOutcome(
        source="export_2025.csv",
        sha256="b" * 64,
        status="ok",
        reason=None,
        document_type="grant_decision",
        decisions=(decision, decision),
        rejected_rows=((7, "measure type 9 is not one of 1 to 4"),),
    )
    quarantined = ParseOutcome(
        source="scan.pdf",
        sha256="c" * 64,
        status="quarantined",
        reason="Scanned PDF, no text layer",
        document_type=None,
    )
    return [
        (builders.agreement_outcome("a" * 64, agreement), "zv_2025_06431.txt"),
        (export, "export_2025.csv"),
        (quarantined, "scan.pdf"),
    ]


def test_columns_from_a_worker_become_exactly_the_rows_of_the_records() -> None:
    outcomes = _mixed_outcomes()
    expected_rows: dict[str, list[dict]] = {}
    for outcome, name in outcomes:
        for table, rows in outcome_rows(outcome, name, "v1", PARSED_AT).items():
            expected_rows.setdefault(table, []).extend(rows)

    whole = parsed_rows(outcomes, "v1", PARSED_AT)
    # one row per part: every table is then a concatenation of many small parts
    in_parts = arrow_rows(outcome_columns(outcomes, "v1", PARSED_AT, rows_per_part=1))

    assert set(whole.tables) == set(expected_rows)
    for table, rows in expected_rows.items():
        expected = pa.Table.from_pylist(rows, schema=TABLE_SCHEMAS[table])
        assert whole.tables[table].equals(expected), table
        assert in_parts.tables[table].equals(expected), table
    assert whole.documents == (
        StoredDocument("a" * 64, "ok", ("06431", 2025), 0),
        StoredDocument("b" * 64, "ok", None, 1),
        StoredDocument("c" * 64, "quarantined", None, 0),
    )
    assert {table: list(schema.names) for table, schema in TABLE_SCHEMAS.items()} == {
        table: list(columns) for table, columns in TABLE_COLUMNS.items()
    }


def test_parse_workers_load_neither_arrow_nor_duckdb_nor_pandas(tmp_path: Path) -> None:
    (tmp_path / "bescheid.txt").write_text("Zuwendungsbescheid ohne Inhalt", encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import pipelines.ingest.pool\n"
        "from pipelines.ingest.parse_worker import PendingDocument, default_parse_function,"
        " parse_chunk_columns\n"
        "from pipelines.reference import DistrictIndex\n"
        "columns = parse_chunk_columns("
        "[PendingDocument('d' * 64, 'bescheid.txt', 'bescheid.txt', 'text/plain')], "
        f"Path({str(tmp_path)!r}), DistrictIndex.shipped(), default_parse_function(), 'v1')\n"
        "assert len(columns.documents) == 1 and columns.parts\n"
        "print(sorted(m for m in ('pyarrow', 'duckdb', 'pandas', 'polars') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    assert result.stdout.strip() == "[]"


def _parts(*shapes: tuple[int, int]) -> list[ParsedRows]:
    """ParsedRows with the given (documents, rows) each, rows all in parse_results."""
    parts = []
    for index, (documents, rows) in enumerate(shapes):
        stored = tuple(
            StoredDocument(f"{index}-{number}", "ok", None, 0) for number in range(documents)
        )
        table = pa.table({"sha256": pa.array([f"{index}"] * rows, pa.string())})
        parts.append(ParsedRows(documents=stored, tables={"parse_results": table}))
    return parts


def test_store_batches_close_at_the_document_or_the_row_limit() -> None:
    parts = _parts((3, 3), (3, 3), (1, 50), (2, 2), (2, 2), (1, 1))

    batches = list(store_batches(parts, max_documents=5, max_rows=40))

    assert [(len(batch.documents), batch.row_count) for batch in batches] == [
        (6, 6),  # closed by documents
        (1, 50),  # one large file closes a batch by itself
        (5, 5),  # the rest
    ]
    assert [document.sha256 for batch in batches for document in batch.documents] == [
        document.sha256 for part in parts for document in part.documents
    ]


def test_a_batch_mixing_a_reparse_and_a_new_document_replaces_only_the_old_rows(
    connection, tmp_path: Path
) -> None:
    old_sha = builders.register(connection, tmp_path, "zv_2024.txt", b"agreement 2024")
    new_sha = builders.register(connection, tmp_path, "zv_2025.txt", b"agreement 2025")
    first = builders.agreement("06431", 2024, "1000.00", {1: ["Alt A", "Alt B"]})
    store_outcomes(connection, [(builders.agreement_outcome(old_sha, first), "zv_2024.txt")], "v1")

    reparsed = builders.agreement("06431", 2024, "2000.00", {1: ["Neu"]})
    added = builders.agreement("06431", 2025, "3000.00", {2: ["Neu 2025"]})
    labels = store_outcomes(
        connection,
        [
            (builders.agreement_outcome(old_sha, reparsed), "zv_2024.txt"),
            (builders.agreement_outcome(new_sha, added), "zv_2025.txt"),
        ],
        "v2",
    )

    assert labels == ["new", "new"]
    rows = connection.execute(
        "SELECT a.year, a.budget_total_eur::VARCHAR, p.parser_version,"
        " (SELECT list(project_name ORDER BY position) FROM agreement_projects AS j"
        "  WHERE j.sha256 = a.sha256)"
        " FROM agreements AS a JOIN parse_results AS p USING (sha256) ORDER BY a.year"
    ).fetchall()
    assert rows == [(2024, "2000.00", "v2", ["Neu"]), (2025, "3000.00", "v2", ["Neu 2025"])]


def test_one_store_stamps_every_row_with_the_same_time(connection, tmp_path: Path) -> None:
    outcomes = []
    for outcome, name in _mixed_outcomes():
        sha = builders.register(connection, tmp_path, name, name.encode())
        outcomes.append((ParseOutcome(**{**outcome.__dict__, "sha256": sha}), name))

    store_outcomes(connection, outcomes, "v1")

    stamps = connection.execute(
        "SELECT parsed_at FROM parse_results UNION SELECT quarantined_at FROM quarantine"
    ).fetchall()
    assert len(stamps) == 1 and stamps[0][0] != PARSED_AT


@pytest.fixture(scope="module")
def mixed_archive(sample_corpus, tmp_path_factory: pytest.TempPathFactory):
    """A warehouse with a slice of the sample corpus registered: every kind of file it holds
    (agreements as PDF and text, letters, CSV and XLSX exports, quarantined files)."""
    corpus_dir, _manifest = sample_corpus
    root = tmp_path_factory.mktemp("store_memory")
    files = scan_inbox(corpus_dir)
    by_kind: dict[str, list] = {}
    for file in files:
        by_kind.setdefault(f"{file.path.parent.parent.name}{file.path.suffix}", []).append(file)
    chosen = sorted(
        (file for kind_files in by_kind.values() for file in kind_files[:6]),
        key=lambda file: str(file.path),
    )
    connection = warehouse.connect(root / "warehouse.duckdb")
    register_documents(connection, chosen, root / "archive", run_id="test", is_sample=True)
    documents = pending_documents(connection, PARSER_VERSION)
    connection.close()
    return root / "archive", documents


def _sorted(table: pa.Table) -> pa.Table:
    """Rows in a fixed order: workers hand chunks back in the order they complete."""
    return table.sort_by([(name, "ascending") for name in table.column_names]).combine_chunks()


def test_rows_parsed_by_one_worker_equal_rows_parsed_by_two(mixed_archive) -> None:
    archive, documents = mixed_archive
    districts = DistrictIndex.shipped()

    def tables(workers: int) -> tuple[list[StoredDocument], dict[str, pa.Table]]:
        parts = list(
            iter_parsed_rows(documents, archive, districts, PARSER_VERSION, workers=workers)
        )
        merged = store_batches(parts, max_documents=10**6, max_rows=10**9)
        batch = next(iter(merged))
        return sorted(batch.documents, key=lambda d: d.sha256), {
            table: _sorted(
                arrow_table.drop_columns(
                    [c for c in ("parsed_at", "quarantined_at") if c in arrow_table.column_names]
                )
            )
            for table, arrow_table in batch.tables.items()
        }

    serial_documents, serial_tables = tables(1)
    pooled_documents, pooled_tables = tables(2)

    assert pooled_documents == serial_documents
    assert [document.sha256 for document in serial_documents] == sorted(d.sha256 for d in documents)
    assert set(pooled_tables) == set(serial_tables)
    for table, arrow_table in serial_tables.items():
        assert pooled_tables[table].equals(arrow_table), table
    assert {"agreements", "decisions", "decision_lines", "quarantine"} <= set(serial_tables)
