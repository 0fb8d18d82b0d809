"""The inbox listing: which files count as documents, in which order (an os.scandir walk,
checked against a plain pathlib listing of the same rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.registry import NON_DOCUMENT_NAMES, walk_inbox

LAYOUTS = {
    "flat": ["b.pdf", "a.txt", "C.csv"],
    "nested": ["agreements/2016/z.pdf", "agreements/2016/a.txt", "decisions/x.xlsx", "top.txt"],
    "hidden": [".partial.pdf", ".cache/a.pdf", "ok/.b.txt", "ok/c.txt", "deep/.git/objects/d"],
    "corpus files": [
        *sorted(NON_DOCUMENT_NAMES),
        "agreements/a.pdf",
        "sub/" + sorted(NON_DOCUMENT_NAMES)[0],
    ],
    "empty": [],
}


def pathlib_listing(inbox: Path) -> list[str]:
    """The same rules written with pathlib: no hidden part, no description file, files only."""
    listed = []
    for path in inbox.rglob("*"):
        relative = path.relative_to(inbox)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.name not in NON_DOCUMENT_NAMES:
            listed.append(relative.as_posix())
    return sorted(listed)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_walk_lists_exactly_the_documents_in_relative_path_order(
    tmp_path: Path, layout: str
) -> None:
    for relative in LAYOUTS[layout]:
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(relative.encode())
    listed = walk_inbox(tmp_path)
    assert [relative for relative, _, _ in listed] == pathlib_listing(tmp_path)
    for relative, path_text, status in listed:
        assert Path(path_text) == tmp_path / relative
        assert status.st_size == len(relative.encode())
