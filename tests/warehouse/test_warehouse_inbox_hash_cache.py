"""The inbox hash cache: an unchanged file (same path, size, mtime) is not read again, and a
file rewritten in place is always detected, even with the same size."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import warehouse
from pipelines.ingest.registry import (
    known_inbox_hashes,
    register_documents,
    scan_entries,
    scan_inbox,
)

HOUR_NS = 3_600 * 1_000_000_000


def _write_aged(path: Path, data: bytes, age_ns: int = HOUR_NS) -> None:
    """Write ``data`` and date the file back, outside the scan's racy window."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = time.time_ns() - age_ns
    os.utime(path, ns=(stamp, stamp))


def _registered(tmp_path: Path, inbox: Path, run_id: str):
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    known = known_inbox_hashes(connection)
    files = scan_inbox(inbox, known)
    register_documents(connection, files, tmp_path / "archive", run_id=run_id, is_sample=False)
    return connection, files


def test_unchanged_file_keeps_its_known_hash_without_being_read(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    path = inbox / "zv_2025.txt"
    _write_aged(path, b"Zielvereinbarung A")
    connection, _ = _registered(tmp_path, inbox, "run-1")
    first_stat = path.stat()
    # Same size, other bytes, mtime put back exactly: only a scan that reads the file can see
    # the change. The cache trusts (path, size, mtime), so the old hash proves no read happened.
    path.write_bytes(b"Zielvereinbarung B")
    os.utime(path, ns=(first_stat.st_atime_ns, first_stat.st_mtime_ns))

    files = scan_inbox(inbox, known_inbox_hashes(connection))

    assert files[0].sha256 == hashlib.sha256(b"Zielvereinbarung A").hexdigest()
    assert scan_entries(inbox, known_inbox_hashes(connection), hash_unknown=False).files == files
    assert scan_inbox(inbox)[0].sha256 == hashlib.sha256(b"Zielvereinbarung B").hexdigest()


def test_file_rewritten_in_place_with_the_same_size_is_hashed_again(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    path = inbox / "zv_2025.txt"
    _write_aged(path, b"Zielvereinbarung A")
    connection, _ = _registered(tmp_path, inbox, "run-1")
    _write_aged(path, b"Zielvereinbarung B", age_ns=HOUR_NS // 2)  # same size, later mtime

    known = known_inbox_hashes(connection)
    assert scan_entries(inbox, known, hash_unknown=False) is None  # the fast path must not trust it
    files = scan_inbox(inbox, known)

    assert files[0].sha256 == hashlib.sha256(b"Zielvereinbarung B").hexdigest()
    register_documents(connection, files, tmp_path / "archive", run_id="run-2", is_sample=False)
    assert known_inbox_hashes(connection)[str(path)][2] == files[0].sha256
    assert warehouse.scalar(connection, "SELECT count(*) FROM raw_documents") == 2


def test_file_with_a_different_size_is_hashed_again(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    path = inbox / "zv_2025.txt"
    _write_aged(path, b"Zielvereinbarung A")
    connection, _ = _registered(tmp_path, inbox, "run-1")
    stamp = path.stat().st_mtime_ns
    path.write_bytes(b"Zielvereinbarung A, korrigiert")
    os.utime(path, ns=(stamp, stamp))  # even with the old mtime, the size gives it away

    files = scan_inbox(inbox, known_inbox_hashes(connection))

    assert files[0].sha256 == hashlib.sha256(b"Zielvereinbarung A, korrigiert").hexdigest()


def test_recently_modified_file_is_always_hashed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    path = inbox / "zv_2025.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"Zielvereinbarung A")  # mtime: now, inside the racy window
    connection, _ = _registered(tmp_path, inbox, "run-1")
    stamp = path.stat().st_mtime_ns
    path.write_bytes(b"Zielvereinbarung B")  # a rewrite within the same mtime tick
    os.utime(path, ns=(stamp, stamp))

    files = scan_inbox(inbox, known_inbox_hashes(connection))

    assert files[0].sha256 == hashlib.sha256(b"Zielvereinbarung B").hexdigest()
