"""Raw document registry: every distinct file once, by content hash, its bytes kept immutable.

The same bytes under another name or in a later run add only a sighting, so re-running an ingest
over the same inbox never adds documents, and nothing downstream is re-parsed.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import overload

import duckdb
import pyarrow as pa

import warehouse

# Files a corpus writes next to the documents; they describe the inbox and are no documents.
NON_DOCUMENT_NAMES = frozenset({"manifest.json", "extra_districts.csv"})
HASH_CHUNK_BYTES = 1 << 20

_MEDIA_TYPES_BY_SUFFIX = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class InboxFile:
    path: Path
    sha256: str
    size_bytes: int
    mtime_ns: int = 0  # with size_bytes: the stat the hash belongs to (see ``scan_inbox``)


# inbox path -> (size_bytes, mtime_ns, sha256) as last registered
KnownHashes = Mapping[str, tuple[int, int, str]]
# A file modified this recently may still be written within the same mtime tick: always hash it
# (the "racy" window of git's index), so same-size rewrites are never missed.
RACY_WINDOW_NS = 2_000_000_000


@dataclass(frozen=True)
class RegistrationSummary:
    new_sha256s: tuple[str, ...]  # registered for the first time, in inbox order
    known_sha256s: tuple[str, ...]  # already in the registry (or repeated within this inbox)
    sightings: int  # one per inbox file

    @property
    def new_count(self) -> int:
        return len(self.new_sha256s)

    @property
    def known_count(self) -> int:
        return len(self.known_sha256s)


def walk_inbox(inbox: Path) -> list[tuple[str, str, os.stat_result]]:
    """(relative POSIX path, path, stat) of every document file under ``inbox``, sorted by
    relative path: every file except hidden ones (or inside a hidden folder) and the corpus'
    own description files (``NON_DOCUMENT_NAMES``).

    ``os.scandir`` rather than ``Path.rglob``: an inbox is listed on every ingest and on every
    poll of ``aqb watch``, and at 14,000 files pathlib's per-path objects cost 0.8 s a listing.
    """
    found: list[tuple[str, str, os.stat_result]] = []
    pending = [(str(Path(inbox)), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file() and entry.name not in NON_DOCUMENT_NAMES:
                    found.append((prefix + entry.name, entry.path, entry.stat()))
    found.sort(key=lambda item: item[0])
    return found


def hash_file(path: Path) -> tuple[str, int]:
    """sha256 hex digest and size of a file, read in chunks so large files never sit in memory."""
    digest = hashlib.sha256()
    size_bytes = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
            size_bytes += len(chunk)
    return digest.hexdigest(), size_bytes


@overload
def scan_inbox(inbox: Path, known: KnownHashes | None = None) -> list[InboxFile]: ...
@overload
def scan_inbox(
    inbox: Path, known: KnownHashes | None, hash_unknown: bool
) -> list[InboxFile] | None: ...


def scan_inbox(
    inbox: Path, known: KnownHashes | None = None, hash_unknown: bool = True
) -> list[InboxFile] | None:
    """Every document file under ``inbox`` (recursively) with its hash, ordered by relative path
    so the same inbox always registers in the same order.

    A file whose path, size and mtime match ``known`` (the last registration) keeps its known
    hash without being read: a nightly run over an unchanged inbox reads no file. A file
    rewritten in place changes its mtime (and mostly its size) and is hashed again, as is any
    file modified within ``RACY_WINDOW_NS`` of the scan. With ``hash_unknown=False`` nothing
    is read at all: the first file that would need hashing makes the result None.
    """
    known = known or {}
    racy_after_ns = time.time_ns() - RACY_WINDOW_NS
    files: list[InboxFile] = []
    for _relative, path_text, status in walk_inbox(inbox):
        remembered = known.get(path_text)
        if (
            remembered is not None
            and remembered[0] == status.st_size
            and remembered[1] == status.st_mtime_ns
            and status.st_mtime_ns < racy_after_ns
        ):
            files.append(
                InboxFile(Path(path_text), remembered[2], status.st_size, status.st_mtime_ns)
            )
            continue
        if not hash_unknown:
            return None
        sha256, size_bytes = hash_file(Path(path_text))
        files.append(InboxFile(Path(path_text), sha256, size_bytes, status.st_mtime_ns))
    return files


def count_duplicates(files: list[InboxFile]) -> int:
    """Extra copies: files whose bytes another file of this inbox also holds (same content,
    another name). Each distinct content counts once as new, updated, unchanged or quarantined,
    the other copies add only a sighting, so the summary counts them to add up to the files."""
    return len(files) - len({file.sha256 for file in files})


def known_inbox_hashes(connection: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, str]]:
    """The hashes registered for each inbox path with the (size, mtime) they belong to."""
    rows = connection.execute(
        warehouse.load_sql("statements/registry/inbox_file_hashes_select")
    ).fetchall()
    return {path: (size, mtime_ns, sha256) for path, size, mtime_ns, sha256 in rows}


def media_type_of(path: Path) -> str:
    """Media type from the first bytes (a PDF renamed to .txt is still a PDF), else the suffix."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04") and path.suffix.lower() in {".xlsx", ".xlsm", ""}:
        return _MEDIA_TYPES_BY_SUFFIX[".xlsx"]
    return _MEDIA_TYPES_BY_SUFFIX.get(path.suffix.lower(), "application/octet-stream")


def archive_relative_path(sha256: str) -> str:
    """Where the bytes of ``sha256`` live below the archive dir (content-addressed)."""
    return f"{sha256[:2]}/{sha256}"


def archive_copy(source: Path, archive_dir: Path, sha256: str) -> str:
    """Copy ``source`` into the archive once, read-only; returns its relative archive path.

    Written to a temp name and renamed so a crash never leaves a partial file under the final
    name; an existing archive file is kept (same name means same content). Not fsynced one by
    one (that costs ~5 ms a file): ``register_documents`` syncs once before it commits.
    """
    relative = archive_relative_path(sha256)
    target = Path(archive_dir) / relative
    if target.exists():
        return relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{sha256}.{os.getpid()}.tmp")
    with open(source, "rb") as reader, open(temporary, "wb") as writer:
        while chunk := reader.read(HASH_CHUNK_BYTES):
            writer.write(chunk)
    os.chmod(temporary, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.replace(temporary, target)
    return relative


def _utc_now() -> datetime:
    """Timestamps in the warehouse are UTC without zone (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


def known_sha256s(connection: duckdb.DuckDBPyConnection, sha256s: list[str]) -> set[str]:
    """The subset of ``sha256s`` already registered."""
    batch = pa.table({"sha256": pa.array(sha256s, pa.string())})
    with warehouse.registered(connection, "inbox_batch", batch):
        rows = connection.execute(
            warehouse.load_sql("statements/registry/known_sha256s")
        ).fetchall()
    return {row[0] for row in rows}


def register_documents(
    connection: duckdb.DuckDBPyConnection,
    files: list[InboxFile],
    archive_dir: Path,
    run_id: str,
    is_sample: bool,
) -> RegistrationSummary:
    """Register inbox files: archive and record each new sha once, record a sighting per file.

    Bytes are archived before the rows commit, so a registered document always has its copy.
    """
    already_known = known_sha256s(connection, [file.sha256 for file in files])
    seen_now = _utc_now()
    new_rows: list[dict] = []
    new_shas: list[str] = []
    repeated_shas: list[str] = []
    for file in files:
        if file.sha256 in already_known:
            repeated_shas.append(file.sha256)
            continue
        relative = archive_copy(file.path, archive_dir, file.sha256)
        new_rows.append(
            {
                "sha256": file.sha256,
                "original_name": file.path.name,
                "size_bytes": file.size_bytes,
                "media_type": media_type_of(file.path),
                "first_seen_at": seen_now,
                "archive_path": relative,
                "is_sample": is_sample,
                "batch_order": len(new_rows) + 1,
            }
        )
        new_shas.append(file.sha256)
        already_known.add(file.sha256)
    sightings = pa.table(
        {
            "sha256": pa.array([file.sha256 for file in files], pa.string()),
            "inbox_path": pa.array([str(file.path) for file in files], pa.string()),
            "seen_at": pa.array([seen_now] * len(files), pa.timestamp("us")),
            "run_id": pa.array([run_id] * len(files), pa.string()),
        }
    )
    if new_rows:
        os.sync()  # archived bytes reach the disk before the registry says they exist
    documents = pa.Table.from_pylist(new_rows, schema=RAW_DOCUMENTS_SCHEMA)
    _insert_registry_rows(connection, documents, sightings, _file_hashes(files))
    return RegistrationSummary(
        new_sha256s=tuple(new_shas), known_sha256s=tuple(repeated_shas), sightings=len(files)
    )


RAW_DOCUMENTS_SCHEMA = pa.schema(
    [
        ("sha256", pa.string()),
        ("original_name", pa.string()),
        ("size_bytes", pa.int64()),
        ("media_type", pa.string()),
        ("first_seen_at", pa.timestamp("us")),
        ("archive_path", pa.string()),
        ("is_sample", pa.bool_()),
        ("batch_order", pa.int64()),
    ]
)


def _file_hashes(files: list[InboxFile]) -> pa.Table:
    """The (path, size, mtime) -> sha256 rows the next scan trusts without reading the file;
    files scanned without a stat (mtime 0) are left out, so they are always hashed."""
    stamped = [file for file in files if file.mtime_ns]
    return pa.table(
        {
            "inbox_path": pa.array([str(file.path) for file in stamped], pa.string()),
            "size_bytes": pa.array([file.size_bytes for file in stamped], pa.int64()),
            "mtime_ns": pa.array([file.mtime_ns for file in stamped], pa.int64()),
            "sha256": pa.array([file.sha256 for file in stamped], pa.string()),
        }
    )


def _insert_registry_rows(
    connection: duckdb.DuckDBPyConnection,
    documents: pa.Table,
    sightings: pa.Table,
    file_hashes: pa.Table,
) -> None:
    """Insert documents (in inbox order, so registration_seq follows it), sightings and the
    hash cache in one transaction: the cache never names a hash the registry lacks."""
    with (
        warehouse.registered(connection, "raw_documents_batch", documents),
        warehouse.registered(connection, "raw_document_sightings_batch", sightings),
        warehouse.registered(connection, "inbox_file_hashes_batch", file_hashes),
    ):
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute(warehouse.load_sql("statements/registry/raw_documents"))
            connection.execute(warehouse.load_sql("statements/registry/raw_document_sightings"))
            connection.execute(warehouse.load_sql("statements/registry/inbox_file_hashes_upsert"))
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
