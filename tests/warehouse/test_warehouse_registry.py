"""Raw document registry on a real DuckDB file: idempotent, content-addressed, immutable copies."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import warehouse
from pipelines.ingest.registry import register_documents, scan_entries, scan_inbox


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _count(connection, table: str) -> int:
    return warehouse.scalar(connection, f"SELECT count(*) FROM {table}")


def test_scan_skips_hidden_and_corpus_files_with_reasons_in_stable_order(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _write(inbox / "b_agreement.txt", b"Zielvereinbarung B")
    _write(inbox / "a" / "decision.csv", b"Aktenzeichen;Betrag_EUR\n")
    _write(inbox / ".hidden.txt", b"secret")
    _write(inbox / ".cache" / "x.pdf", b"%PDF-1.4")
    _write(inbox / "manifest.json", b'{"sample_data": true}')
    _write(inbox / "extra_districts.csv", b"district_ags\n")

    scan = scan_entries(inbox)
    files = scan.files

    assert [file.path.relative_to(inbox).as_posix() for file in files] == [
        "a/decision.csv",
        "b_agreement.txt",
    ]
    assert files[1].sha256 == hashlib.sha256(b"Zielvereinbarung B").hexdigest()
    assert files[1].size_bytes == len(b"Zielvereinbarung B")
    assert scan_inbox(inbox) == files
    assert sorted((entry.relative_path, entry.skip.value) for entry in scan.skipped) == [
        (".cache", "hidden_name"),
        (".hidden.txt", "hidden_name"),
        ("extra_districts.csv", "corpus_description"),
        ("manifest.json", "corpus_description"),
    ]


def test_same_inbox_twice_adds_nothing(tmp_path: Path) -> None:
    inbox, archive, path = tmp_path / "inbox", tmp_path / "archive", tmp_path / "warehouse.duckdb"
    _write(inbox / "zv_2025_06431.txt", b"agreement Bergstrasse")
    _write(inbox / "zv_2025_06440.pdf", b"%PDF-1.4 agreement Wetterau")

    connection = warehouse.connect(path)
    first = register_documents(
        connection, scan_inbox(inbox), archive, run_id="run-1", is_sample=False
    )
    connection.close()
    connection = warehouse.connect(path)  # a later ingest opens the same file again
    second = register_documents(
        connection, scan_inbox(inbox), archive, run_id="run-2", is_sample=False
    )

    assert first.new_count == 2 and first.known_count == 0
    assert second.new_count == 0 and second.known_count == 2
    assert _count(connection, "raw_documents") == 2
    media_types = dict(
        connection.execute("SELECT original_name, media_type FROM raw_documents").fetchall()
    )
    assert media_types == {
        "zv_2025_06431.txt": "text/plain",
        "zv_2025_06440.pdf": "application/pdf",
    }
    archived = sorted(p for p in archive.rglob("*") if p.is_file())
    assert len(archived) == 2
    connection.close()


def test_same_bytes_under_new_name_add_only_a_sighting(tmp_path: Path) -> None:
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    data = b"Zielvereinbarung 2025 Landkreis Bergstrasse"
    _write(inbox / "original.txt", data)
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    register_documents(connection, scan_inbox(inbox), archive, run_id="run-1", is_sample=True)
    sightings_before = _count(connection, "raw_document_sightings")

    _write(inbox / "copy_of_original.txt", data)
    summary = register_documents(
        connection, scan_inbox(inbox), archive, run_id="run-2", is_sample=True
    )

    assert summary.new_count == 0
    assert _count(connection, "raw_documents") == 1
    assert connection.execute("SELECT original_name FROM raw_documents").fetchall() == [
        ("original.txt",)
    ]
    assert _count(connection, "raw_document_sightings") == sightings_before + 1
    inbox_paths = {
        row[0]
        for row in connection.execute("SELECT inbox_path FROM raw_document_sightings").fetchall()
    }
    assert str(inbox / "copy_of_original.txt") in inbox_paths
    connection.close()


def test_sightings_are_one_row_per_path_and_hash_with_first_and_last_seen(
    tmp_path: Path,
) -> None:
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    _write(inbox / "a.txt", b"first bytes")
    _write(inbox / "b.txt", b"other bytes")
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    for run in ("run-1", "run-2", "run-3"):  # unchanged runs write no sighting
        register_documents(connection, scan_inbox(inbox), archive, run_id=run, is_sample=False)
    assert _count(connection, "raw_document_sightings") == 2
    (inbox / "b.txt").unlink()
    _write(inbox / "a.txt", b"second bytes, same path")
    register_documents(connection, scan_inbox(inbox), archive, run_id="run-4", is_sample=False)
    rows = connection.execute(
        "SELECT right(inbox_path, 5), first_run_id, last_seen_at IS NULL "
        "FROM raw_document_sightings ORDER BY inbox_path, first_seen_at"
    ).fetchall()
    assert rows == [
        ("a.txt", "run-1", False),  # its bytes changed: that sighting ended
        ("a.txt", "run-4", True),
        ("b.txt", "run-1", False),  # removed
    ]
    connection.close()


def test_duplicate_within_one_inbox_is_registered_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _write(inbox / "one.txt", b"same")
    _write(inbox / "two.txt", b"same")
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    summary = register_documents(
        connection, scan_inbox(inbox), tmp_path / "archive", run_id="r", is_sample=False
    )
    assert summary.new_count == 1 and summary.known_count == 1 and summary.sightings == 2
    assert _count(connection, "raw_documents") == 1
    connection.close()


def test_archive_copy_is_exact_read_only_and_content_addressed(tmp_path: Path) -> None:
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    data = os.urandom(3 * 1024 * 1024 + 17)  # more than one hashing chunk
    _write(inbox / "big.pdf", b"%PDF" + data)
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    files = scan_inbox(inbox)
    register_documents(connection, files, archive, run_id="r", is_sample=False)

    sha256 = files[0].sha256
    assert sha256 == hashlib.sha256(b"%PDF" + data).hexdigest()
    relative = connection.execute("SELECT archive_path FROM raw_documents").fetchall()[0][0]
    assert relative == f"{sha256[:2]}/{sha256}"
    copy = archive / relative
    assert copy.read_bytes() == b"%PDF" + data
    assert not copy.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert not [p for p in copy.parent.iterdir() if p.name.endswith(".tmp")]
    connection.close()


def test_registration_order_follows_inbox_order(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    names = ["zv_c.txt", "zv_a.txt", "zv_b.txt"]
    for name in names:
        _write(inbox / name, name.encode())
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    register_documents(
        connection, scan_inbox(inbox), tmp_path / "archive", run_id="r", is_sample=False
    )
    _write(inbox / "zv_0_late.txt", b"late")
    register_documents(
        connection, scan_inbox(inbox), tmp_path / "archive", run_id="r2", is_sample=False
    )
    ordered = [
        row[0]
        for row in connection.execute(
            "SELECT original_name FROM raw_documents ORDER BY registration_seq"
        ).fetchall()
    ]
    assert ordered == ["zv_a.txt", "zv_b.txt", "zv_c.txt", "zv_0_late.txt"]
    connection.close()
