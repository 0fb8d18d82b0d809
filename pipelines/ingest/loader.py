"""Parse registered documents this parser version has not parsed yet and store what they yield.

Parsing is pure (``pipelines.parse.dispatch.parse_document``); this module only fans the work
out over processes when there is enough of it (``pipelines.ingest.parse_worker`` runs there and
sends rows back as plain columns) and writes records, quarantine rows and one ``parse_results``
row per document, a batch per transaction.
"""

from __future__ import annotations

import ctypes
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

import warehouse
from pipelines.config import Limits, load_limits, load_ocr_settings
from pipelines.parse.confirm import KnownNames, confirming_documents
from pipelines.parse.held import Release
from pipelines.parse.records import ParseOutcome
from pipelines.reference import DistrictIndex
from pipelines.timestamps import utc_now

from .parse_worker import (
    ParsedColumns,
    ParseFunction,
    PendingDocument,
    StoredDocument,
    default_parse_function,
    outcome_columns,
    parse_archived,
    quarantined_outcome,
    stored_document,
)
from .pool import ParsePool, WorkerConfig
from .rows import TABLE_SCHEMAS, arrow_tables

if TYPE_CHECKING:  # the quarantine reader returns a Polars frame; DuckDB builds it
    import polars as pl

__all__ = [
    "ParseFunction",
    "ParseSummary",
    "ParsedRows",
    "PendingDocument",
    "StoredDocument",
    "classify_documents",
    "classify_outcomes",
    "count_parsed",
    "default_parse_function",
    "default_parser_version",
    "existing_agreement_district_years",
    "iter_parsed_rows",
    "arrow_rows",
    "parsed_rows",
    "parse_archived",
    "parse_pending",
    "pending_documents",
    "quarantined_outcome",
    "store_outcome",
    "store_batches",
    "store_outcomes",
    "store_parsed_rows",
]

# A batch is stored (one transaction) once it holds this many documents or rows. DuckDB keeps a
# transaction's new rows in memory until it commits: 100,000 rows of decision lines cost ~100 MB
# of RSS while they were stored, 20,000 rows ~40 MB (measured), and bigger batches save no CPU.
STORE_BATCH_SIZE = 1024
STORE_BATCH_ROWS = 25_000
# Order in which a batch's rows are inserted (parse_results first: it is what marks "done").
INSERT_ORDER = tuple(TABLE_SCHEMAS)
# Columns set to the time of the storing transaction.
STORE_TIME_COLUMNS = ("parsed_at", "quarantined_at")


@dataclass(frozen=True)
class ParseSummary:
    parsed: int  # documents parsed in this call
    new: int  # accepted documents that add a district-year (or decisions)
    updated: int  # agreements for a district-year that already had one (a corrected version)
    unchanged: int  # registered documents already parsed by this parser version
    quarantined: int  # documents rejected as a whole
    rejected_rows: int  # rows of tabular files rejected while the rest landed


@dataclass(frozen=True)
class ParsedRows:
    """Warehouse rows of consecutive documents (in document order) as Arrow tables by table name.

    This, not ``ParseOutcome`` objects, is what batches accumulate: at 64x a batch of 256
    funding-system exports held hundreds of MB of outcome objects (Decimals, provenance with
    source text) in the storing process, which the allocator never handed back.
    """

    documents: tuple[StoredDocument, ...]
    tables: dict[str, pa.Table]

    @property
    def row_count(self) -> int:
        return sum(table.num_rows for table in self.tables.values())


def pending_documents(
    connection: duckdb.DuckDBPyConnection, parser_version: str
) -> list[PendingDocument]:
    """Registered documents without a parse result for ``parser_version``, in registration order."""
    rows = connection.execute(
        warehouse.load_sql("statements/loader/pending_documents"), [parser_version]
    ).fetchall()
    return [PendingDocument(*row) for row in rows]


def release_pending_documents(
    connection: duckdb.DuckDBPyConnection, parser_version: str
) -> list[PendingDocument]:
    """Documents parsed by ``parser_version`` whose held scan reading a reviewer released, or
    whose release was revoked, since (``pipelines.parse.held``): parsed again this run."""
    rows = connection.execute(
        warehouse.load_sql("statements/loader/release_pending"), [parser_version]
    ).fetchall()
    return [PendingDocument(*row) for row in rows]


def releases_in_force(connection: duckdb.DuckDBPyConnection) -> dict[str, Release]:
    """The held scan readings reviewers released, by document sha256 (from ``review_log``,
    which the ``review_decisions`` asset loads before the parse)."""
    rows = connection.execute(warehouse.load_sql("statements/loader/releases_in_force")).fetchall()
    return {
        sha256: Release(review_id, reading, json.loads(payload).get("corrections", {}))
        for sha256, review_id, reading, payload in rows
    }


def stored_known_names(
    connection: duckdb.DuckDBPyConnection,
) -> dict[tuple[str, str, int], dict[str, str]]:
    """The names documents of each district-year hold from a text layer or a table, by held
    field (``pipelines.parse.confirm``): what confirms the names a scan was held on."""
    known: dict[tuple[str, str, int], dict[str, str]] = {}
    rows = connection.execute(warehouse.load_sql("statements/loader/known_names")).fetchall()
    for field, district_ags, year, name, sha256 in rows:
        known.setdefault((field, district_ags, year), {})[name] = sha256
    return known


def confirmation_changed_documents(
    connection: duckdb.DuckDBPyConnection, parser_version: str, known: KnownNames
) -> list[PendingDocument]:
    """Scans parsed by ``parser_version`` whose standing ``known`` changes: held on their names
    alone and now confirmed, landed on names ``known`` no longer confirms as it did (a
    confirming document withdrawn), or landed with a name ``known`` now holds another a letter
    or two apart (``pipelines.parse.confirm.names_near_known``): parsed again, from the OCR
    cache, so they land or return to quarantine whatever order the files arrived in."""
    rows = connection.execute(
        warehouse.load_sql("statements/loader/held_on_names"), [parser_version]
    ).fetchall()
    changed = []
    for sha256, original_name, archive_path, media_type, unsure, confirmed_by, status in rows:
        held = json.loads(unsure)
        sources = confirming_documents(
            held["district_ags"],
            held["year"],
            held["names"],
            known,
            held.get("sure_names"),
            held.get("no_bullet", ()),
        )
        standing = (sources is not None, ",".join(sources or ()) or None)
        if standing != (status == "ok", confirmed_by):
            changed.append(PendingDocument(sha256, original_name, archive_path, media_type))
    return changed


def quarantined_since(connection: duckdb.DuckDBPyConnection, since: datetime) -> pl.DataFrame:
    """What was quarantined at or after ``since`` (original_name, reason code, German and
    English reason, rejected rows), read
    with a filter so a run's report never loads the whole quarantine history."""
    return connection.sql(
        warehouse.load_sql("statements/runs/quarantined_since"), params=[since]
    ).pl()


def default_parser_version() -> str:
    from pipelines.parse.dispatch import PARSER_VERSION

    return PARSER_VERSION


# --- columns from the workers -> Arrow ------------------------------------------------------------


def _concatenated(parts: Iterable[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """Tables by name, each the concatenation of its parts in order (chunks are not copied)."""
    chunks: dict[str, list[pa.Table]] = {}
    for part in parts:
        for table, arrow_table in part.items():
            chunks.setdefault(table, []).append(arrow_table)
    return {
        table: chunks[table][0] if len(chunks[table]) == 1 else pa.concat_tables(chunks[table])
        for table in TABLE_SCHEMAS
        if table in chunks
    }


def arrow_rows(columns: ParsedColumns) -> ParsedRows:
    """The Arrow form of a worker's columns (see ``rows.arrow_tables``)."""
    return ParsedRows(
        documents=columns.documents,
        tables=_concatenated(arrow_tables(part) for part in columns.parts),
    )


def parsed_rows(
    outcomes: Iterable[tuple[ParseOutcome, str]], parser_version: str, parsed_at: datetime
) -> ParsedRows:
    """The rows of ``outcomes`` (each paired with its document's original name) as Arrow."""
    return arrow_rows(outcome_columns(outcomes, parser_version, parsed_at))


def merge_parsed_rows(parts: list[ParsedRows]) -> ParsedRows:
    """One ``ParsedRows`` of several, in order."""
    return ParsedRows(
        documents=tuple(document for part in parts for document in part.documents),
        tables=_concatenated(part.tables for part in parts),
    )


# --- parsing in worker processes ------------------------------------------------------------------


def usable_cpus() -> int:
    """CPUs this process may run on (respects container/affinity limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def iter_parsed_rows(
    documents: list[PendingDocument],
    archive_dir: Path,
    districts: DistrictIndex,
    parser_version: str,
    parse: ParseFunction | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    releases: Mapping[str, Release] | None = None,
    known: KnownNames | None = None,
) -> Iterator[ParsedRows]:
    """Rows of ``documents`` chunk by chunk, in the order chunks complete, parsed in worker
    processes under the time and memory limits (``pipelines.ingest.pool``); each outcome
    becomes rows where it was parsed, so only plain columns reach this process (which turns
    them into Arrow a chunk at a time)."""
    if not documents:
        return
    workers = usable_cpus() if workers is None else workers
    config = WorkerConfig(
        archive_dir=Path(archive_dir),
        districts=districts,
        parse=parse,
        parser_version=parser_version,
        limits=limits or load_limits(),
        ocr=load_ocr_settings(),
        releases=dict(releases or {}),
        known_names=dict(known or {}),
    )
    pool = ParsePool(config, min(max(1, workers), len(documents)))
    for columns in pool.parse(documents):
        yield arrow_rows(columns)


# --- storing ---------------------------------------------------------------------------------------


def _agreement_district_years_outside_batch(
    connection: duckdb.DuckDBPyConnection,
) -> set[tuple[str, int]]:
    """As ``existing_agreement_district_years``, with the view parsed_batch already registered."""
    rows = connection.execute(
        warehouse.load_sql("statements/loader/agreement_district_years")
    ).fetchall()
    return {(row[0], row[1]) for row in rows}


def existing_agreement_district_years(
    connection: duckdb.DuckDBPyConnection, batch_sha256s: list[str]
) -> set[tuple[str, int]]:
    """District-years that already have an agreement from a document outside this batch."""
    batch = pa.table({"sha256": pa.array(batch_sha256s, pa.string())})
    with warehouse.registered(connection, "parsed_batch", batch):
        return _agreement_district_years_outside_batch(connection)


def classify_documents(
    documents: Iterable[StoredDocument], existing: set[tuple[str, int]]
) -> list[str]:
    """'new', 'updated' or 'quarantined' per document.

    'updated' is an agreement for a district-year that already has one (before or earlier in this
    batch): a corrected version that staging ranks against the old one.
    """
    seen = set(existing)
    labels: list[str] = []
    for document in documents:
        if document.status != "ok":
            labels.append("quarantined")
        elif document.agreement_key is not None:
            labels.append("updated" if document.agreement_key in seen else "new")
            seen.add(document.agreement_key)
        else:
            labels.append("new")
    return labels


def classify_outcomes(outcomes: list[ParseOutcome], existing: set[tuple[str, int]]) -> list[str]:
    """'new', 'updated' or 'quarantined' per outcome (see ``classify_documents``)."""
    return classify_documents((stored_document(outcome) for outcome in outcomes), existing)


def _stamped(table: pa.Table, stored_at: datetime) -> pa.Table:
    """``table`` with its time column (parsed_at / quarantined_at) set to ``stored_at``, so every
    row one transaction stores carries the same time, whichever process built it."""
    for column in STORE_TIME_COLUMNS:
        index = table.schema.get_field_index(column)
        if index >= 0:
            field = table.schema.field(index)
            stamp = pa.repeat(pa.scalar(stored_at, field.type), table.num_rows)
            table = table.set_column(index, field, stamp)
    return table


def store_parsed_rows(connection: duckdb.DuckDBPyConnection, parsed: ParsedRows) -> list[str]:
    """Replace the stored rows of each document in ``parsed``, all in one transaction.

    Earlier rows of the same sha (an older parser version) are deleted first, so a re-parse
    never duplicates. A batch of documents never stored before (a first parse, the normal case)
    skips those deletes, which scan every parsed table and so grow with the warehouse. Returns
    the classification of each document (see ``classify_documents``).
    """
    if not parsed.documents:
        return []
    stored_at = utc_now()
    sha256s = pa.table(
        {"sha256": pa.array([document.sha256 for document in parsed.documents], pa.string())}
    )
    with ExitStack() as views:
        views.enter_context(warehouse.registered(connection, "parsed_batch", sha256s))
        labels = classify_documents(
            parsed.documents, _agreement_district_years_outside_batch(connection)
        )
        stored_before = warehouse.scalar(
            connection, warehouse.load_sql("statements/loader/stored_sha256_count")
        )
        for table in INSERT_ORDER:
            if table in parsed.tables:
                views.enter_context(
                    warehouse.registered(
                        connection, f"batch_{table}", _stamped(parsed.tables[table], stored_at)
                    )
                )
        with warehouse.transaction(connection):
            if stored_before:
                connection.execute(warehouse.load_sql("statements/loader/delete_parsed_rows"))
            for table in INSERT_ORDER:
                if table in parsed.tables:
                    connection.execute(warehouse.load_sql(f"statements/loader/{table}"))
    return labels


def store_outcomes(
    connection: duckdb.DuckDBPyConnection,
    outcomes: list[tuple[ParseOutcome, str]],
    parser_version: str,
) -> list[str]:
    """Replace the stored rows of each outcome's document, all in one transaction.

    ``outcomes`` pairs each outcome with the document's original name. Earlier rows of the same
    sha (an older parser version) are deleted first, so a re-parse never duplicates. Returns the
    classification of each outcome (see ``classify_outcomes``).
    """
    return store_parsed_rows(connection, parsed_rows(outcomes, parser_version, utc_now()))


def store_outcome(
    connection: duckdb.DuckDBPyConnection,
    outcome: ParseOutcome,
    original_name: str,
    parser_version: str | None = None,
) -> str:
    """Store one outcome (see ``store_outcomes``); returns 'new', 'updated' or 'quarantined'."""
    version = parser_version if parser_version is not None else default_parser_version()
    return store_outcomes(connection, [(outcome, original_name)], version)[0]


def count_parsed(connection: duckdb.DuckDBPyConnection, parser_version: str) -> int:
    """Documents that already have a result from ``parser_version``."""
    return warehouse.scalar(
        connection, warehouse.load_sql("statements/loader/count_parsed"), [parser_version]
    )


def store_batches(
    parts: Iterable[ParsedRows],
    max_documents: int = STORE_BATCH_SIZE,
    max_rows: int = STORE_BATCH_ROWS,
) -> Iterator[ParsedRows]:
    """``parts`` merged, in order, into batches that close once they hold ``max_documents``
    documents or ``max_rows`` rows (one transaction each)."""
    pending: list[ParsedRows] = []
    documents = rows = 0
    for part in parts:
        pending.append(part)
        documents += len(part.documents)
        rows += part.row_count
        if documents >= max_documents or rows >= max_rows:
            yield merge_parsed_rows(pending)
            pending, documents, rows = [], 0, 0
    if pending:
        yield merge_parsed_rows(pending)


def release_free_memory() -> None:
    """Hand memory freed by a large phase back to the OS (glibc's ``malloc_trim``).

    glibc keeps freed blocks of its arenas for reuse; after parsing, that is memory the rest of
    the run (models, checks, publishing in the same process) does not need but still counts in
    the process's RSS. A no-op where glibc is not the allocator.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        return


def parse_pending(
    connection: duckdb.DuckDBPyConnection,
    archive_dir: Path,
    districts: DistrictIndex,
    parser_version: str,
    parse: ParseFunction | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
) -> ParseSummary:
    """Parse every pending document and store its rows, a batch per transaction (at most
    ``STORE_BATCH_SIZE`` documents or ``STORE_BATCH_ROWS`` rows).

    ``parse`` defaults to ``pipelines.parse.dispatch.parse_document`` (a different function must be
    a module-level function so worker processes can import it); ``workers`` defaults to the usable
    CPUs, ``limits`` to ``pipelines.config.load_limits()``. Parsing continues in the workers while
    this process stores finished batches. Then the scans held on their names alone whose
    confirmation by the districts' documents changed (``pipelines.parse.confirm``: a
    document stored just now may hold their names) are parsed again, from the OCR cache.
    """
    released_again = release_pending_documents(connection, parser_version)
    unchanged = count_parsed(connection, parser_version) - len(released_again)
    documents = pending_documents(connection, parser_version) + released_again
    releases = releases_in_force(connection)
    labels: dict[str, str] = {}  # sha256 -> new / updated / quarantined (its last parse)
    rejected_rows: dict[str, int] = {}

    def parse_and_store(documents: list[PendingDocument], known: KnownNames) -> None:
        rows = iter_parsed_rows(
            documents,
            archive_dir,
            districts,
            parser_version,
            parse,
            workers,
            limits,
            releases,
            known,
        )
        for batch in store_batches(rows):
            stored = store_parsed_rows(connection, batch)
            for document, label in zip(batch.documents, stored, strict=True):
                labels[document.sha256] = label
                rejected_rows[document.sha256] = document.rejected_rows

    parse_and_store(documents, stored_known_names(connection))
    # the names this round stored from text layers and tables may confirm held scans: one
    # more round (scans lend no names, so a third would change nothing)
    known = stored_known_names(connection)
    again = confirmation_changed_documents(connection, parser_version, known)
    unchanged -= len({document.sha256 for document in again} - set(labels))
    parse_and_store(again, known)
    release_free_memory()
    counts = Counter(labels.values())
    return ParseSummary(
        parsed=len(labels),
        new=counts["new"],
        updated=counts["updated"],
        unchanged=unchanged,
        quarantined=counts["quarantined"],
        rejected_rows=sum(rejected_rows.values()),
    )
