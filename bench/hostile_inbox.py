"""A hostile inbox: every kind of entry that once stopped, blew up or escaped the ingest, for
the tests (tests/integration/test_integration_hostile_inbox.py) and the bench scenario.

``add_hostile_entries`` writes them beside the good documents of an inbox and returns what each
entry must end as (its relative path as the Eingangsprotokoll prints it -> expected outcome), so
a test can check that every entry is accounted for. The limits it trips are the ones in
``HOSTILE_LIMITS`` (set them in the ingest's environment): small, so the bombs stay small.
"""

from __future__ import annotations

import io
import os
import random
import socket
import zipfile
from pathlib import Path

# Limits the hostile files exceed (environment of the ingest under test).
HOSTILE_LIMITS = {
    "AQB_MAX_FILE_MB": "2",
    "AQB_MAX_TABLE_ROWS": "5000",
    "AQB_MAX_XLSX_UNPACKED_MB": "20",
    "AQB_MAX_XLSX_SHARED_STRINGS_MB": "1",
    "AQB_MAX_LINE_CHARS": "20000",
}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _xlsx(shared_strings: bytes, sheet: bytes) -> bytes:
    """A minimal workbook zip with the given shared strings and sheet XML (deflated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"/>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", shared_strings)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def add_hostile_entries(inbox: Path, good_files: list[Path], seed: int = 11) -> dict[str, str]:
    """Write the hostile entries under ``inbox`` (which holds ``good_files``); returns relative
    path -> expected outcome ('skipped', 'quarantined', 'duplicate'). Unreadable entries are
    made with mode 000, so they are unreadable only for a user other than root."""
    rng = random.Random(seed)
    expected: dict[str, str] = {}
    outside = inbox.parent / "outside_the_inbox"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("must never be archived", encoding="utf-8")
    hostile = inbox / "hostile"
    hostile.mkdir(parents=True, exist_ok=True)

    def expect(path: Path, outcome: str) -> None:
        expected[os.fsdecode(path.relative_to(inbox))] = outcome

    for index in range(12):  # links: out of the inbox, dangling, loops, to good files, to folders
        targets = [
            outside / "secret.txt",
            Path("/etc/passwd"),
            inbox / "missing" / f"{index}.pdf",
            hostile / f"loop_{index}",
            good_files[index % len(good_files)],
            outside,
        ]
        for kind, target in enumerate(targets):
            link = hostile / f"loop_{index}" if kind == 3 else hostile / f"link_{index}_{kind}.pdf"
            link.symlink_to(target)
            expect(link, "skipped")
    for index in range(20):
        fifo = hostile / f"pipe_{index}.csv"
        os.mkfifo(fifo)
        expect(fifo, "skipped")
    for index in range(3):
        path = hostile / f"socket_{index}"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
        expect(path, "skipped")
    for index in range(15):
        hidden = hostile / f".hidden_{index}.pdf"
        _write(hidden, good_files[index % len(good_files)].read_bytes())
        expect(hidden, "skipped")
    _write(hostile / ".git" / "objects" / "x", b"object")
    expect(hostile / ".git", "skipped")
    for index in range(15):
        locked = hostile / f"locked_{index}.txt"
        _write(locked, f"Zielvereinbarung {index}".encode())
        locked.chmod(0)
        expect(locked, "skipped")
    for index in range(3):
        folder = hostile / f"locked_folder_{index}"
        _write(folder / "inside.pdf", b"%PDF-1.4 hidden behind a locked folder")
        folder.chmod(0)
        expect(folder, "skipped")
    for index in range(25):
        junk = hostile / f"junk_{index}.pdf"
        _write(junk, rng.randbytes(rng.randint(1, 4096)))
        expect(junk, "quarantined")
    empty = hostile / "empty.txt"  # (every further empty file would be its duplicate)
    _write(empty, b"")
    expect(empty, "quarantined")
    pdfs = [path for path in good_files if path.suffix == ".pdf"] or good_files
    for index in range(10):
        source = pdfs[index % len(pdfs)].read_bytes()
        cut = hostile / f"truncated_{index}.pdf"
        _write(cut, source[: len(source) // 2] + bytes([index]))
        expect(cut, "quarantined")
    names = ["[x](https://example.org)", "![p](https://example.org/p.png)", "zeile\nQuarantäne: 0"]
    for index in range(12):
        odd = hostile / f"{names[index % len(names)]}_{index}.txt"
        _write(odd, f"Keine Zielvereinbarung {index}".encode())
        expect(odd, "quarantined")
    for index in range(8):
        raw = os.fsencode(hostile) + b"/bad_\xff\xfe_" + str(index).encode() + b".txt"
        with open(raw, "wb") as handle:
            handle.write(b"Kein Dokument " + str(index).encode())
        expected["hostile/bad_" + os.fsdecode(b"\xff\xfe") + f"_{index}.txt"] = "quarantined"
    for index in range(6):
        manifest = hostile / f"sub_{index}" / "manifest.json"
        _write(manifest, b'{"sample_data": true, "documents": [], "n": %d}' % index)
        expect(manifest, "quarantined")  # only the corpus root's manifest is skipped
    for index in range(4):  # limits
        big = hostile / f"big_{index}.txt"
        _write(big, b"%d\n" % index + b"Zielvereinbarung\n" * (3 * 1024 * 1024 // 17 + 1))
        expect(big, "quarantined")
        long_line = hostile / f"long_line_{index}.txt"
        _write(long_line, b"%d" % index + b"x" * 30_000 + b"\n")
        expect(long_line, "quarantined")
        many_rows = hostile / f"many_rows_{index}.csv"
        _write(many_rows, b"Aktenzeichen;Betrag_EUR\n" + b"A%d;1\n" % index * 6000)
        expect(many_rows, "quarantined")
        strings = hostile / f"shared_strings_bomb_{index}.xlsx"
        bomb = b"<sst>" + b"<si><t>AAAA</t></si>" * 120_000 + b"</sst>"
        _write(strings, _xlsx(bomb, b"<x n='%d'/>" % index))
        expect(strings, "quarantined")
        rows = hostile / f"row_bomb_{index}.xlsx"
        sheet = b"<sheetData n='%d'>" % index + b'<row r="1"/>' * 200_000 + b"</sheetData>"
        _write(rows, _xlsx(b"<sst/>", sheet))
        expect(rows, "quarantined")
    for index, source in enumerate(good_files[:10]):  # same bytes under another name
        copy = inbox / "zzz_copies" / f"copy_{index}{source.suffix}"  # sorts after the originals
        _write(copy, source.read_bytes())
        expect(copy, "duplicate")
    return expected
