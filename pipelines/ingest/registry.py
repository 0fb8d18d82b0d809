"""Raw document registry: every distinct file once, by content hash, its bytes kept immutable.

The same bytes under another name or in a later run add only a sighting, so re-running an ingest
over the same inbox never adds documents, and nothing downstream is re-parsed.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

import warehouse
from pipelines.reasons import Reason
from pipelines.timestamps import utc_now

from .inbox import KIND_FILE, InboxEntry, printable_path, walk_inbox_entries

HASH_CHUNK_BYTES = 1 << 20
ARCHIVE_TEMP_SUFFIX = ".tmp"

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
    sightings: int  # one per registered inbox file
    skipped: tuple[InboxEntry, ...] = ()  # entries not registered, each with its reason
    duplicates: int = 0  # registered files whose bytes another file of this inbox also holds

    @property
    def new_count(self) -> int:
        return len(self.new_sha256s)

    @property
    def known_count(self) -> int:
        return len(self.known_sha256s)


@dataclass(frozen=True)
class InboxScan:
    """An inbox listing: the regular files to register (with their hashes) and every entry that
    is skipped with its reason, together every name the walk found."""

    files: list[InboxFile]
    skipped: list[InboxEntry]

    @property
    def entry_count(self) -> int:
        return len(self.files) + len(self.skipped)


class ChangedWhileReading(Exception):
    """A file's size or mtime moved while it was read: it is still being written."""


def _open_regular(path: Path) -> int:
    """A read descriptor of ``path`` if it is (still) a regular file; never follows a link and
    never blocks on a FIFO that replaced the file since the walk."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ChangedWhileReading("the entry is no longer a regular file")
    return descriptor


def _stable_stamp(status: os.stat_result) -> tuple[int, int]:
    return status.st_size, status.st_mtime_ns


def copy_hashed(source: Path, writer: BinaryIO | None, expected: tuple[int, int] | None) -> str:
    """sha256 of ``source`` (copying its bytes to ``writer`` when given), read in chunks so large
    files never sit in memory. Raises ``ChangedWhileReading`` when the file's size or mtime is
    not ``expected`` (the walk's stat) or moves while it is read."""
    digest = hashlib.sha256()
    descriptor = _open_regular(source)
    with os.fdopen(descriptor, "rb") as handle:
        before = _stable_stamp(os.fstat(descriptor))
        if expected is not None and before != expected:
            raise ChangedWhileReading("the file changed since the inbox was listed")
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
            if writer is not None:
                writer.write(chunk)
        if _stable_stamp(os.fstat(descriptor)) != before:
            raise ChangedWhileReading("the file changed while it was read")
    return digest.hexdigest()


def hash_file(path: Path) -> tuple[str, int]:
    """sha256 hex digest and size of a regular file (see ``copy_hashed``)."""
    sha256 = copy_hashed(path, None, None)
    return sha256, os.stat(path).st_size


def _unreadable(entry: InboxEntry, error: OSError) -> InboxEntry:
    return replace(
        entry,
        skip=Reason.UNREADABLE,
        detail=f"The file cannot be read ({error.strerror or error}).",
    )


def still_being_written(entry: InboxEntry, why: str) -> InboxEntry:
    """The entry of a file that changed while it was read; the next run reads it again."""
    return replace(
        entry,
        skip=Reason.STILL_BEING_WRITTEN,
        detail=f"Not read this time: {why}; it is read again by the next run.",
    )


def scan_entries(
    inbox: Path, known: KnownHashes | None = None, hash_unknown: bool = True
) -> InboxScan | None:
    """Every entry under ``inbox`` (recursively, links not followed) with the hash of each
    regular file, ordered by relative path so the same inbox always registers in the same order.

    A file whose path, size and mtime match ``known`` (the last registration) keeps its known
    hash without being read: a nightly run over an unchanged inbox reads no file. A file
    rewritten in place changes its mtime (and mostly its size) and is hashed again, as is any
    file modified within ``RACY_WINDOW_NS`` of the scan. A file that cannot be read or that
    changes while it is read is skipped with its reason. With ``hash_unknown=False`` nothing
    is read at all: the first file that would need hashing makes the result None.
    """
    known = known or {}
    racy_after_ns = time.time_ns() - RACY_WINDOW_NS
    files: list[InboxFile] = []
    skipped: list[InboxEntry] = []
    for entry in walk_inbox_entries(inbox):
        if entry.skip is not None:
            skipped.append(entry)
            continue
        remembered = known.get(printable_path(entry.path))
        if (
            remembered is not None
            and remembered[0] == entry.size_bytes
            and remembered[1] == entry.mtime_ns
            and entry.mtime_ns < racy_after_ns
        ):
            files.append(
                InboxFile(Path(entry.path), remembered[2], entry.size_bytes or 0, entry.mtime_ns)
            )
            continue
        if not hash_unknown:
            return None
        try:
            sha256 = copy_hashed(Path(entry.path), None, (entry.size_bytes or 0, entry.mtime_ns))
        except ChangedWhileReading as error:
            skipped.append(still_being_written(entry, str(error)))
            continue
        except OSError as error:
            skipped.append(_unreadable(entry, error))
            continue
        files.append(InboxFile(Path(entry.path), sha256, entry.size_bytes or 0, entry.mtime_ns))
    return InboxScan(files, skipped)


def scan_inbox(inbox: Path, known: KnownHashes | None = None) -> list[InboxFile]:
    """The regular files of ``scan_entries`` (for callers that only register documents)."""
    scan = scan_entries(inbox, known)
    assert scan is not None  # hash_unknown=True never gives None
    return scan.files


def count_duplicates(files: list[InboxFile]) -> int:
    """Extra copies: files whose bytes another file of this inbox also holds (same content,
    another name). Each distinct content counts once as new, updated, unchanged or quarantined,
    the other copies add only a sighting, so the summary counts them to add up to the files."""
    return len(files) - len({file.sha256 for file in files})


def known_inbox_hashes(connection: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, str]]:
    """The hashes registered for each inbox path with the (size, mtime) they belong to."""
    rows = connection.execute(
        warehouse.load_sql("statements/registry/inbox_file_hashes")
    ).fetchall()
    return {path: (size, mtime_ns, sha256) for path, size, mtime_ns, sha256 in rows}


def media_type_of(path: Path, suffix: str | None = None) -> str:
    """Media type from the first bytes (a PDF renamed to .txt is still a PDF), else the suffix
    (``suffix``: the inbox name's, when ``path`` is the content-addressed archive copy)."""
    suffix = (path.suffix if suffix is None else suffix).lower()
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04") and suffix in {".xlsx", ".xlsm", ""}:
        return _MEDIA_TYPES_BY_SUFFIX[".xlsx"]
    return _MEDIA_TYPES_BY_SUFFIX.get(suffix, "application/octet-stream")


def archive_relative_path(sha256: str) -> str:
    """Where the bytes of ``sha256`` live below the archive dir (content-addressed)."""
    return f"{sha256[:2]}/{sha256}"


def archive_copy(source: Path, archive_dir: Path, sha256: str, stamp: tuple[int, int]) -> str:
    """Copy ``source`` into the archive once, read-only; returns its relative archive path.

    The copy is hashed as it is written and must hash to ``sha256`` with the file's size and
    mtime still ``stamp`` (``ChangedWhileReading`` otherwise), so an archive name is always the
    hash of the bytes stored under it, also for a file that was still being written. Written to
    a temp name and renamed so a crash never leaves a partial file under the final name (a
    killed run's temp files are removed by ``remove_stale_temp_files``); an existing archive
    file is kept (same name means same content). Not fsynced one by one (that costs ~5 ms a
    file): ``register_documents`` syncs once before it commits.
    """
    relative = archive_relative_path(sha256)
    target = Path(archive_dir) / relative
    if target.exists():
        return relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{sha256}.{os.getpid()}{ARCHIVE_TEMP_SUFFIX}")
    try:
        with open(temporary, "wb") as writer:
            copied = copy_hashed(source, writer, stamp)
        if copied != sha256:
            raise ChangedWhileReading("its bytes changed between hashing and archiving")
        os.chmod(temporary, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return relative


def remove_stale_temp_files(archive_dir: Path) -> int:
    """Delete archive temp files a killed run left behind (``archive_copy`` names them
    ``.<sha>.<pid>.tmp``); returns how many. Run at the start of an ingest, which holds the
    warehouse's only write lock, so no other ingest is writing one at the time."""
    removed = 0
    for temporary in Path(archive_dir).glob(f"??/.*{ARCHIVE_TEMP_SUFFIX}"):
        temporary.unlink(missing_ok=True)
        removed += 1
    return removed


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
    skipped: Sequence[InboxEntry] = (),
    inbox: Path | None = None,
) -> RegistrationSummary:
    """Register inbox files: archive and record each new sha once, and bring the inbox's
    entries (``skipped`` ones included) and sightings up to date, writing only what changed.

    Bytes are archived before the rows commit, so a registered document always has its copy.
    A file that cannot be archived exactly (changed or vanished meanwhile) is not registered
    and becomes a skipped entry of this run.
    """
    already_known = known_sha256s(connection, [file.sha256 for file in files])
    seen_now = utc_now()
    new_rows: list[dict] = []
    new_shas: list[str] = []
    repeated_shas: list[str] = []
    registered: list[InboxFile] = []
    skipped = list(skipped)
    for file in files:
        if file.sha256 in already_known:
            repeated_shas.append(file.sha256)
            registered.append(file)
            continue
        try:
            relative = archive_copy(
                file.path, archive_dir, file.sha256, (file.size_bytes, file.mtime_ns)
            )
        except ChangedWhileReading as error:
            skipped.append(still_being_written(_entry_of(file, inbox), str(error)))
            continue
        except OSError as error:
            skipped.append(_unreadable(_entry_of(file, inbox), error))
            continue
        new_rows.append(
            {
                "sha256": file.sha256,
                "original_name": printable_path(file.path.name),
                "size_bytes": file.size_bytes,
                "media_type": media_type_of(Path(archive_dir) / relative, file.path.suffix),
                "first_seen_at": seen_now,
                "archive_path": relative,
                "is_sample": is_sample,
                "batch_order": len(new_rows) + 1,
            }
        )
        new_shas.append(file.sha256)
        registered.append(file)
        already_known.add(file.sha256)
    if new_rows:
        os.sync()  # archived bytes reach the disk before the registry says they exist
    documents = pa.Table.from_pylist(new_rows, schema=RAW_DOCUMENTS_SCHEMA)
    _write_registry(
        connection,
        documents,
        _sightings(registered, seen_now, run_id),
        _entry_rows(registered, skipped, inbox, seen_now, run_id),
        (str(inbox) if inbox is not None else "", seen_now, run_id, len(registered) + len(skipped)),
    )
    return RegistrationSummary(
        new_sha256s=tuple(new_shas),
        known_sha256s=tuple(repeated_shas),
        sightings=len(registered),
        skipped=tuple(skipped),
        duplicates=count_duplicates(registered),
    )


def _entry_of(file: InboxFile, inbox: Path | None) -> InboxEntry:
    """The inbox entry of a file that was listed as registrable."""
    return InboxEntry(
        relative_path=_relative(file.path, inbox),
        path=str(file.path),
        kind=KIND_FILE,
        size_bytes=file.size_bytes,
        mtime_ns=file.mtime_ns,
    )


def _relative(path: Path, inbox: Path | None) -> str:
    if inbox is not None:
        try:
            return path.relative_to(inbox).as_posix()
        except ValueError:
            pass
    return path.name


def _sightings(files: list[InboxFile], seen_at: datetime, run_id: str) -> pa.Table:
    return pa.table(
        {
            "sha256": pa.array([file.sha256 for file in files], pa.string()),
            "inbox_path": pa.array([printable_path(str(file.path)) for file in files], pa.string()),
            "seen_at": pa.array([seen_at] * len(files), pa.timestamp("us")),
            "run_id": pa.array([run_id] * len(files), pa.string()),
        }
    )


def _entry_rows(
    files: list[InboxFile],
    skipped: list[InboxEntry],
    inbox: Path | None,
    changed_at: datetime,
    run_id: str,
) -> pa.Table:
    """Rows of ``inbox_entries`` for this walk (written only where they differ)."""
    rows = [
        (
            str(file.path),
            _relative(file.path, inbox),
            KIND_FILE,
            file.size_bytes,
            file.mtime_ns,
            file.sha256,
            None,
            None,
        )
        for file in files
    ] + [
        (
            entry.path,
            entry.relative_path,
            entry.kind,
            entry.size_bytes,
            entry.mtime_ns,
            None,
            entry.skip,
            entry.detail,
        )
        for entry in skipped
    ]
    codes = [row[6] for row in rows]
    return pa.table(
        {
            "inbox_path": pa.array([printable_path(row[0]) for row in rows], pa.string()),
            "relative_path": pa.array([printable_path(row[1]) for row in rows], pa.string()),
            "kind": pa.array([row[2] for row in rows], pa.string()),
            "size_bytes": pa.array([row[3] for row in rows], pa.int64()),
            "mtime_ns": pa.array([row[4] for row in rows], pa.int64()),
            "sha256": pa.array([row[5] for row in rows], pa.string()),
            "skip_code": pa.array([code.value if code else None for code in codes], pa.string()),
            "skip_de": pa.array([code.de if code else None for code in codes], pa.string()),
            "skip_en": pa.array([code.en if code else None for code in codes], pa.string()),
            "skip_detail": pa.array([row[7] for row in rows], pa.string()),
            "changed_at": pa.array([changed_at] * len(rows), pa.timestamp("us")),
            "run_id": pa.array([run_id] * len(rows), pa.string()),
        }
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


def _write_registry(
    connection: duckdb.DuckDBPyConnection,
    documents: pa.Table,
    sightings: pa.Table,
    entries: pa.Table,
    walk: tuple[str, datetime, str, int],
) -> None:
    """Insert new documents (in inbox order, so registration_seq follows it) and bring
    sightings and inbox entries up to date, in one transaction: the hash cache (inbox_entries)
    never names a hash the registry lacks."""
    with (
        warehouse.registered(connection, "raw_documents_batch", documents),
        warehouse.registered(connection, "sightings_batch", sightings),
        warehouse.registered(connection, "inbox_entries_batch", entries),
        warehouse.transaction(connection),
    ):
        connection.execute(warehouse.load_sql("statements/registry/raw_documents"))
        connection.execute(warehouse.load_sql("statements/registry/sightings_update"))
        connection.execute(warehouse.load_sql("statements/registry/inbox_entries_update"))
        connection.execute(warehouse.load_sql("statements/registry/inbox_walk"), list(walk))
