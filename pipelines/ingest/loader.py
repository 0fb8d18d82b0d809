"""Parse registered documents this parser version has not parsed yet and store what they yield.

Parsing is pure (``pipelines.parse.dispatch.parse_document``); this module only reads archived
bytes, fans the work out over processes when there is enough of it, and writes records,
quarantine rows and one ``parse_results`` row per document, a batch per transaction.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

import warehouse
from pipelines.parse.records import ParseOutcome
from pipelines.reference import DistrictIndex

from .rows import TABLE_SCHEMAS, outcome_rows

ParseFunction = Callable[[str, bytes, DistrictIndex | None], ParseOutcome]

# Below this many documents a process pool costs more (start-up, imports) than it saves.
POOL_MIN_DOCUMENTS = 200
# Documents stored per transaction: big enough for bulk inserts, small enough to bound memory.
STORE_BATCH_SIZE = 256
# chunks submitted to the pool per worker ahead of the one being stored (bounds memory)
IN_FLIGHT_PER_WORKER = 4
# Order in which a batch's rows are inserted (parse_results first: it is what marks "done").
INSERT_ORDER = tuple(TABLE_SCHEMAS)


@dataclass(frozen=True)
class PendingDocument:
    sha256: str
    original_name: str
    archive_path: str  # relative to the archive dir
    media_type: str


@dataclass(frozen=True)
class ParseSummary:
    parsed: int  # documents parsed in this call
    new: int  # accepted documents that add a district-year (or decisions)
    updated: int  # agreements for a district-year that already had one (a corrected version)
    unchanged: int  # registered documents already parsed by this parser version
    quarantined: int  # documents rejected as a whole
    rejected_rows: int  # rows of tabular files rejected while the rest landed


def pending_documents(
    connection: duckdb.DuckDBPyConnection, parser_version: str
) -> list[PendingDocument]:
    """Registered documents without a parse result for ``parser_version``, in registration order."""
    rows = connection.execute(
        warehouse.load_sql("statements/loader/pending_documents"), [parser_version]
    ).fetchall()
    return [PendingDocument(*row) for row in rows]


def default_parse_function() -> ParseFunction:
    """The production parser, imported late so the registry works while parsers are loaded."""
    from pipelines.parse.dispatch import parse_document

    return parse_document


def default_parser_version() -> str:
    from pipelines.parse.dispatch import PARSER_VERSION

    return PARSER_VERSION


def quarantined_outcome(source_name: str, sha256: str, reason: str) -> ParseOutcome:
    """A whole-file quarantine produced outside the parser (unreadable archive, parser failure)."""
    return ParseOutcome(
        source=source_name, sha256=sha256, status="quarantined", reason=reason, document_type=None
    )


def parse_archived(
    document: PendingDocument, archive_dir: Path, districts: DistrictIndex, parse: ParseFunction
) -> ParseOutcome:
    """Read one archived document and parse it; never raises, so one bad file never stops a run."""
    try:
        data = (Path(archive_dir) / document.archive_path).read_bytes()
    except OSError as error:
        return quarantined_outcome(
            document.original_name,
            document.sha256,
            f"The archived copy of this document could not be read ({error.strerror or error}).",
        )
    try:
        outcome = parse(document.original_name, data, districts)
    except Exception as error:  # a parser bug must quarantine the file, not end the ingest
        return quarantined_outcome(
            document.original_name,
            document.sha256,
            f"The parser failed on this file with {type(error).__name__}: {error}.",
        )
    if outcome.sha256 != document.sha256:
        outcome = replace(outcome, sha256=document.sha256)
    return outcome


# --- process pool ----------------------------------------------------------------------------------
_worker_state: dict[str, object] = {}


def _init_worker(archive_dir: Path, districts: DistrictIndex, parse: ParseFunction | None) -> None:
    """Runs once per worker: keeps the district index and parser so tasks only carry a document."""
    _worker_state["archive_dir"] = archive_dir
    _worker_state["districts"] = districts
    _worker_state["parse"] = parse or default_parse_function()


def _parse_in_worker(document: PendingDocument) -> ParseOutcome:
    return parse_archived(
        document,
        _worker_state["archive_dir"],  # type: ignore[arg-type]
        _worker_state["districts"],  # type: ignore[arg-type]
        _worker_state["parse"],  # type: ignore[arg-type]
    )


def usable_cpus() -> int:
    """CPUs this process may run on (respects container/affinity limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _parse_chunk_in_worker(chunk: list[PendingDocument]) -> list[ParseOutcome]:
    return [_parse_in_worker(document) for document in chunk]


def _bounded_map(
    pool: ProcessPoolExecutor,
    documents: list[PendingDocument],
    chunk_size: int,
    max_chunks_in_flight: int,
) -> Iterator[ParseOutcome]:
    """Outcomes in document order with at most ``max_chunks_in_flight`` chunks submitted.

    ``Executor.map`` submits every document at once, and whatever the workers finish before the
    caller stores it stays in memory: at 57k documents the run process held over 1 GB of parsed
    outcomes. A sliding window keeps memory independent of the corpus size.
    """
    chunks = _batched(documents, chunk_size)
    in_flight: deque = deque()
    for chunk in chunks:
        in_flight.append(pool.submit(_parse_chunk_in_worker, chunk))
        if len(in_flight) >= max_chunks_in_flight:
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()


def iter_outcomes(
    documents: list[PendingDocument],
    archive_dir: Path,
    districts: DistrictIndex,
    parse: ParseFunction | None = None,
    workers: int | None = None,
    pool_min_documents: int = POOL_MIN_DOCUMENTS,
) -> Iterator[ParseOutcome]:
    """Outcomes in the order of ``documents``, parsed in a process pool when that pays off.

    ``forkserver`` rather than ``fork``: the caller holds DuckDB (and maybe Polars) thread pools,
    which must not be forked mid-flight. If the pool breaks (a worker killed, or a caller whose
    main module cannot be re-imported), the remaining documents are parsed in this process.
    """
    workers = usable_cpus() if workers is None else workers
    parsed_count = 0
    if workers >= 2 and len(documents) >= pool_min_documents:
        context = multiprocessing.get_context("forkserver")
        # the fork server imports the parsers once; every worker forks from it with them loaded
        context.set_forkserver_preload(["pipelines.parse.dispatch"])
        chunk_size = max(1, min(32, len(documents) // (workers * 4)))
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(archive_dir, districts, parse),
        )
        try:
            for outcome in _bounded_map(
                pool, documents, chunk_size, workers * IN_FLIGHT_PER_WORKER
            ):
                parsed_count += 1
                yield outcome
        except BrokenProcessPool:
            pass  # finish below, in this process
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    parse_function = parse or default_parse_function()
    for document in documents[parsed_count:]:
        yield parse_archived(document, archive_dir, districts, parse_function)


# --- storing ---------------------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def existing_agreement_district_years(
    connection: duckdb.DuckDBPyConnection, batch_sha256s: list[str]
) -> set[tuple[str, int]]:
    """District-years that already have an agreement from a document outside this batch."""
    batch = pa.table({"sha256": pa.array(batch_sha256s, pa.string())})
    with warehouse.registered(connection, "parsed_batch", batch):
        rows = connection.execute(
            warehouse.load_sql("statements/loader/agreement_district_years")
        ).fetchall()
    return {(row[0], row[1]) for row in rows}


def classify_outcomes(outcomes: list[ParseOutcome], existing: set[tuple[str, int]]) -> list[str]:
    """'new', 'updated' or 'quarantined' per outcome.

    'updated' is an agreement for a district-year that already has one (before or earlier in this
    batch): a corrected version that staging ranks against the old one.
    """
    seen = set(existing)
    labels: list[str] = []
    for outcome in outcomes:
        if outcome.status != "ok":
            labels.append("quarantined")
            continue
        if outcome.agreement is not None:
            key = (outcome.agreement.district_ags, outcome.agreement.year)
            labels.append("updated" if key in seen else "new")
            seen.add(key)
        else:
            labels.append("new")
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
    if not outcomes:
        return []
    parsed_at = _utc_now()
    sha256s = [outcome.sha256 for outcome, _ in outcomes]
    labels = classify_outcomes(
        [outcome for outcome, _ in outcomes], existing_agreement_district_years(connection, sha256s)
    )
    rows: dict[str, list[dict]] = {table: [] for table in TABLE_SCHEMAS}
    for outcome, original_name in outcomes:
        for table, table_rows in outcome_rows(
            outcome, original_name, parser_version, parsed_at
        ).items():
            rows[table].extend(table_rows)
    with ExitStack() as views:
        views.enter_context(
            warehouse.registered(
                connection, "parsed_batch", pa.table({"sha256": pa.array(sha256s, pa.string())})
            )
        )
        for table in INSERT_ORDER:
            if rows[table]:
                batch = pa.Table.from_pylist(rows[table], schema=TABLE_SCHEMAS[table])
                views.enter_context(warehouse.registered(connection, f"batch_{table}", batch))
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute(warehouse.load_sql("statements/loader/delete_parsed_rows"))
            for table in INSERT_ORDER:
                if rows[table]:
                    connection.execute(warehouse.load_sql(f"statements/loader/{table}"))
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
    return labels


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


def parse_pending(
    connection: duckdb.DuckDBPyConnection,
    archive_dir: Path,
    districts: DistrictIndex,
    parser_version: str,
    parse: ParseFunction | None = None,
    workers: int | None = None,
) -> ParseSummary:
    """Parse every pending document and store the outcomes, ``STORE_BATCH_SIZE`` per transaction.

    ``parse`` defaults to ``pipelines.parse.dispatch.parse_document`` (a different function must be
    a module-level function so worker processes can import it); ``workers`` defaults to the usable
    CPUs. Parsing continues in the pool while the main process stores finished batches.
    """
    unchanged = count_parsed(connection, parser_version)
    documents = pending_documents(connection, parser_version)
    counts = {"new": 0, "updated": 0, "quarantined": 0}
    rejected_rows = 0
    outcomes = iter_outcomes(documents, archive_dir, districts, parse, workers)
    for batch in _batched(zip(outcomes, documents, strict=True), STORE_BATCH_SIZE):
        labels = store_outcomes(
            connection,
            [(outcome, document.original_name) for outcome, document in batch],
            parser_version,
        )
        for label in labels:
            counts[label] += 1
        rejected_rows += sum(len(outcome.rejected_rows) for outcome, _ in batch)
    return ParseSummary(
        parsed=len(documents),
        new=counts["new"],
        updated=counts["updated"],
        unchanged=unchanged,
        quarantined=counts["quarantined"],
        rejected_rows=rejected_rows,
    )
