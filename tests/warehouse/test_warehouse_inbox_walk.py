"""The inbox walk: every entry found and classified, in relative-path order, nothing followed
out of the inbox (checked against a plain pathlib listing of the same rules)."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from pipelines.ingest.inbox import (
    CORPUS_DESCRIPTION_NAMES,
    KIND_FILE,
    KIND_SPECIAL,
    KIND_SYMLINK,
    printable_path,
    walk_inbox_entries,
)
from pipelines.reasons import Reason

LAYOUTS = {
    "flat": ["b.pdf", "a.txt", "C.csv"],
    "nested": ["agreements/2016/z.pdf", "agreements/2016/a.txt", "decisions/x.xlsx", "top.txt"],
    "hidden": [".partial.pdf", ".cache/a.pdf", "ok/.b.txt", "ok/c.txt", "deep/.git/objects/d"],
    "empty": [],
}


def pathlib_listing(inbox: Path) -> list[str]:
    """The same rules written with pathlib: regular files below no hidden folder."""
    listed = []
    for path in inbox.rglob("*"):
        relative = path.relative_to(inbox)
        if any(part.startswith(".") for part in relative.parts[:-1]):
            continue
        if path.is_file() or relative.name.startswith("."):
            listed.append(relative.as_posix())
    return sorted(listed)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_walk_lists_every_entry_in_relative_path_order(tmp_path: Path, layout: str) -> None:
    for relative in LAYOUTS[layout]:
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(relative.encode())
    listed = walk_inbox_entries(tmp_path)
    assert [entry.relative_path for entry in listed] == pathlib_listing(tmp_path)
    for entry in listed:
        assert Path(entry.path) == tmp_path / entry.relative_path
        hidden = Path(entry.relative_path).name.startswith(".")
        assert (entry.skip == Reason.HIDDEN_NAME) == hidden
        if not hidden:
            assert entry.kind == KIND_FILE and entry.size_bytes == len(entry.relative_path)


def test_links_fifos_and_sockets_are_skipped_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the archive")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text("document")
    (inbox / "to_secret.txt").symlink_to(outside / "secret.txt")
    (inbox / "to_folder").symlink_to(outside, target_is_directory=True)
    (inbox / "dangling.pdf").symlink_to(tmp_path / "missing.pdf")
    (inbox / "loop").symlink_to(inbox / "loop")
    os.mkfifo(inbox / "pipe.csv")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(inbox / "sock"))
        entries = {entry.relative_path: entry for entry in walk_inbox_entries(inbox)}
    assert set(entries) == {
        "ok.txt",
        "to_secret.txt",
        "to_folder",
        "dangling.pdf",
        "loop",
        "pipe.csv",
        "sock",
    }
    assert entries["ok.txt"].skip is None
    for name in ("to_secret.txt", "to_folder", "dangling.pdf", "loop"):
        assert entries[name].kind == KIND_SYMLINK and entries[name].skip == Reason.SYMLINK
        assert entries[name].skip.de == "Verknüpfung"
    for name in ("pipe.csv", "sock"):
        assert entries[name].kind == KIND_SPECIAL and entries[name].skip == Reason.SPECIAL_FILE
    assert all("outside" not in entry.path for entry in entries.values())


def test_corpus_description_files_are_skipped_only_at_a_corpus_root(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "manifest.json").write_text(json.dumps({"sample_data": True, "documents": []}))
    (corpus / "extra_districts.csv").write_text("ags;name\n")
    (corpus / "sub" / "manifest.json").write_text("{}")
    entries = {entry.relative_path: entry for entry in walk_inbox_entries(corpus)}
    for name in CORPUS_DESCRIPTION_NAMES:
        assert entries[name].skip == Reason.CORPUS_DESCRIPTION
    assert entries["sub/manifest.json"].skip is None  # a document like any other file
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "manifest.json").write_text(json.dumps({"sample_data": False}))
    assert walk_inbox_entries(plain)[0].skip is None


def test_names_are_printed_escaped() -> None:
    assert printable_path("a\nQuarantäne: forged.pdf") == "a\\nQuarantäne: forged.pdf"
    undecodable = os.fsdecode(b"bad\xff.pdf")
    assert printable_path(undecodable) == "bad\\xff.pdf"
    assert printable_path("tab\there") == "tab\\there"
