"""What runs in a parse worker process: parse a chunk of archived documents and hand back their
warehouse rows as plain columns.

Kept free of pyarrow, DuckDB and pandas, which a worker never needs: importing pyarrow and DuckDB
costs 50 MB of RSS per worker, and pyarrow's first list conversion imports pandas for another
45 MB (measured). A worker holds the parsers and the chunk it is working on; the storing process
turns the columns into Arrow (``pipelines.ingest.loader``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from pipelines.config import Limits, load_limits
from pipelines.parse.confirm import KnownNames, confirmed, doubted
from pipelines.parse.held import Release, released
from pipelines.parse.records import ParseOutcome, QuarantineError
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex
from pipelines.timestamps import utc_now

from .limits import check_contents, check_size
from .record_rows import TABLE_COLUMNS, outcome_rows, rows_as_columns

ParseFunction = Callable[[str, bytes, DistrictIndex | None], ParseOutcome]

# Rows collected as dicts before they move into columns while a chunk is parsed, so a chunk of
# large exports (~900 rows each) never holds all its rows as dicts at once.
ROWS_PER_COLUMN_PART = 4096


@dataclass(frozen=True)
class PendingDocument:
    sha256: str
    original_name: str
    archive_path: str  # relative to the archive dir
    media_type: str


@dataclass(frozen=True)
class StoredDocument:
    """The facts of one parsed document the storing process needs besides its rows: enough to
    classify it (new / updated / quarantined) and count its rejected rows."""

    sha256: str
    status: str  # "ok" or "quarantined"
    agreement_key: tuple[str, int] | None  # (district_ags, year) of an accepted agreement
    rejected_rows: int


@dataclass(frozen=True)
class ParsedColumns:
    """The rows of consecutive documents (in document order) as plain columns, by table."""

    documents: tuple[StoredDocument, ...]
    parts: tuple[dict[str, dict[str, list]], ...]  # ``rows_as_columns`` of successive rows


def default_parse_function() -> ParseFunction:
    """The production parser, imported late so the registry works while parsers are loaded."""
    from pipelines.parse.dispatch import parse_document

    return parse_document


def quarantined_outcome(
    source_name: str, sha256: str, reason: str, code: Reason = Reason.UNCLASSIFIED
) -> ParseOutcome:
    """A whole-file quarantine produced outside the parser (unreadable archive, a limit, a
    parser failure, a worker that died)."""
    return ParseOutcome(
        source=source_name,
        sha256=sha256,
        status="quarantined",
        reason=reason,
        document_type=None,
        reason_code=code.value,
    )


def parse_archived(
    document: PendingDocument,
    archive_dir: Path,
    districts: DistrictIndex,
    parse: ParseFunction,
    limits: Limits | None = None,
    releases: Mapping[str, Release] | None = None,
    known_names: KnownNames | None = None,
) -> ParseOutcome:
    """Read one archived document, check it against the limits and parse it; never raises, so
    one bad file never stops a run. A held scan reading a reviewer released (``releases``, by
    sha256) is stored as read (``pipelines.parse.held.released``); a scan's reading with a name
    a letter or two from one ``known_names`` hold is held on it (``confirm.doubted``), and one
    held on its names alone lands where ``known_names`` hold each of them
    (``confirm.confirmed``)."""
    limits = limits or load_limits()
    path = Path(archive_dir) / document.archive_path
    try:
        check_size(path.stat().st_size, limits)
        data = path.read_bytes()
        check_contents(document.original_name, data, limits)
    except QuarantineError as error:
        return quarantined_outcome(
            document.original_name, document.sha256, error.reason, error.code
        )
    except OSError as error:
        return quarantined_outcome(
            document.original_name,
            document.sha256,
            f"The archived copy of this document could not be read ({error.strerror or error}).",
            Reason.ARCHIVE_UNREADABLE,
        )
    except MemoryError:
        return _memory_limit(document, limits)
    try:
        outcome = parse(document.original_name, data, districts)
    except MemoryError:
        return _memory_limit(document, limits)
    except Exception as error:  # a parser bug must quarantine the file, not end the ingest
        return quarantined_outcome(
            document.original_name,
            document.sha256,
            f"The parser failed on this file with {type(error).__name__}: {error}.",
            Reason.PARSER_ERROR,
        )
    if outcome.reason_code == Reason.PARSER_ERROR and "MemoryError" in (outcome.reason or ""):
        return _memory_limit(document, limits)
    if outcome.sha256 != document.sha256:
        outcome = replace(outcome, sha256=document.sha256)
    known_names = known_names or {}
    return confirmed(doubted(released(outcome, releases or {}), known_names), known_names)


def _memory_limit(document: PendingDocument, limits: Limits) -> ParseOutcome:
    return quarantined_outcome(
        document.original_name,
        document.sha256,
        f"Memory limit exceeded: parsing needed more than {limits.parse_memory_bytes >> 20} MB "
        "(AQB_PARSE_MEMORY_MB).",
        Reason.MEMORY_LIMIT,
    )


def stored_document(outcome: ParseOutcome) -> StoredDocument:
    """The classification facts of one outcome (see ``StoredDocument``)."""
    agreement_key = None
    if outcome.status == "ok" and outcome.agreement is not None:
        agreement_key = (outcome.agreement.district_ags, outcome.agreement.year)
    return StoredDocument(outcome.sha256, outcome.status, agreement_key, len(outcome.rejected_rows))


def outcome_columns(
    outcomes: Iterable[tuple[ParseOutcome, str]],
    parser_version: str,
    parsed_at: datetime,
    rows_per_part: int = ROWS_PER_COLUMN_PART,
) -> ParsedColumns:
    """The rows of ``outcomes`` (each paired with its document's original name) as columns.

    Outcomes are taken one at a time and dropped once they are rows; rows move into columns
    every ``rows_per_part`` rows.
    """
    documents: list[StoredDocument] = []
    parts: list[dict[str, dict[str, list]]] = []
    rows: dict[str, list[dict]] = {table: [] for table in TABLE_COLUMNS}
    row_count = 0
    for outcome, original_name in outcomes:
        documents.append(stored_document(outcome))
        for table, table_rows in outcome_rows(
            outcome, original_name, parser_version, parsed_at
        ).items():
            rows[table].extend(table_rows)
            row_count += len(table_rows)
        if row_count >= rows_per_part:
            parts.append(rows_as_columns(rows))
            rows = {table: [] for table in TABLE_COLUMNS}
            row_count = 0
    if row_count:
        parts.append(rows_as_columns(rows))
    return ParsedColumns(documents=tuple(documents), parts=tuple(parts))


def parse_chunk_columns(
    chunk: list[PendingDocument],
    archive_dir: Path,
    districts: DistrictIndex,
    parse: ParseFunction,
    parser_version: str,
    limits: Limits | None = None,
    before_each: Callable[[int], None] | None = None,
    releases: Mapping[str, Release] | None = None,
    known_names: KnownNames | None = None,
) -> ParsedColumns:
    """Parse ``chunk`` and turn each outcome into rows right away, where it was parsed;
    ``before_each(index)`` is called as each document starts (the pool's watchdog);
    ``releases``: held scan readings a reviewer released, by sha256; ``known_names``: names
    documents of the district-years hold (``pipelines.parse.confirm``)."""
    parsed_at = utc_now()  # the storing transaction stamps its own time over it
    limits = limits or load_limits()

    def outcomes() -> Iterator[tuple[ParseOutcome, str]]:
        for index, document in enumerate(chunk):
            if before_each is not None:
                before_each(index)
            outcome = parse_archived(
                document, archive_dir, districts, parse, limits, releases, known_names
            )
            yield outcome, document.original_name

    return outcome_columns(outcomes(), parser_version, parsed_at)
