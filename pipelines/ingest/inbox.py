"""Walking the inbox: every entry found, whatever it is, and nothing outside the inbox.

The walk never follows a symbolic link (a link is recorded as skipped, "Verknüpfung"), never
opens anything but a regular file, and never raises for one entry: an unreadable folder, a FIFO,
a device, a hidden name or a file that vanishes mid-walk each become an ``InboxEntry`` with a
skip reason, so one odd entry cannot stop the good documents beside it and each entry can be
accounted for in the run's Eingangsprotokoll.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipelines.config import is_sample_corpus
from pipelines.reasons import Reason

# Files a generated corpus writes at its root to describe itself. They are skipped (as
# "corpus_description") only at the inbox root and only when the inbox is a generated corpus
# (its manifest declares ``sample_data``); anywhere else they are documents like any other file
# and go through the parsers (which quarantine them as unsupported).
CORPUS_DESCRIPTION_NAMES = frozenset({"manifest.json", "extra_districts.csv"})

KIND_FILE = "file"
KIND_FOLDER = "folder"
KIND_SYMLINK = "symlink"
KIND_SPECIAL = "special"


@dataclass(frozen=True)
class InboxEntry:
    """One name found under the inbox: a regular file to read, or something skipped."""

    relative_path: str  # POSIX, relative to the inbox, as the file system spells it
    path: str  # where it is (inside the inbox; never a link's target)
    kind: str  # file | folder | symlink | special
    size_bytes: int | None
    mtime_ns: int
    skip: Reason | None = None  # None: a regular file to register
    detail: str | None = None  # the English sentence for a skipped entry


def printable_path(text: str) -> str:
    """A path as one line of safe text: undecodable bytes as ``\\xNN``, control characters
    (a newline in a file name forging a summary line) as escapes."""
    raw = os.fsencode(text).decode("utf-8", errors="backslashreplace")
    return "".join(
        character
        if character.isprintable() or character == " "
        else character.encode("unicode_escape").decode("ascii")
        for character in raw
    )


def _kind_of_mode(mode: int) -> str:
    if stat.S_ISREG(mode):
        return KIND_FILE
    if stat.S_ISDIR(mode):
        return KIND_FOLDER
    if stat.S_ISLNK(mode):
        return KIND_SYMLINK
    return KIND_SPECIAL


def _special_name(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "no regular file"


def walk_inbox_entries(inbox: Path) -> list[InboxEntry]:
    """Every entry under ``inbox``, sorted by relative path: regular files to register and
    skipped entries with their reason. Raises ``OSError`` only when the inbox itself cannot be
    listed (the run cannot start).

    ``os.scandir`` rather than ``Path.rglob``: an inbox is listed on every ingest and on every
    poll of ``aqb watch``, and at 14,000 files pathlib's per-path objects cost 0.8 s a listing.
    """
    root = str(Path(inbox))
    describes_corpus = is_sample_corpus(Path(inbox))
    found: list[InboxEntry] = []
    pending = [(root, "")]
    first = True
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            if first:
                raise
            found.append(_skipped_folder(folder, prefix.rstrip("/"), error))
            continue
        first = False
        for entry in entries:
            item = _classify(entry, prefix, describes_corpus and not prefix)
            if item is None:
                pending.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                found.append(item)
    found.sort(key=lambda item: item.relative_path)
    return found


def _skipped_folder(folder: str, relative: str, error: OSError) -> InboxEntry:
    return InboxEntry(
        relative_path=relative,
        path=folder,
        kind=KIND_FOLDER,
        size_bytes=None,
        mtime_ns=0,
        skip=Reason.UNREADABLE,
        detail=f"The folder cannot be listed ({error.strerror or error}).",
    )


def _classify(entry: os.DirEntry, prefix: str, at_corpus_root: bool) -> InboxEntry | None:
    """The entry for one name, or None for a folder to descend into."""
    relative = prefix + entry.name
    try:
        status = entry.stat(follow_symlinks=False)
    except OSError as error:
        return InboxEntry(
            relative,
            entry.path,
            KIND_FILE,
            None,
            0,
            Reason.VANISHED,
            f"The entry disappeared or cannot be examined ({error.strerror or error}).",
        )
    kind = _kind_of_mode(status.st_mode)

    def skipped(reason: Reason, detail: str) -> InboxEntry:
        size = status.st_size if kind == KIND_FILE else None
        return InboxEntry(relative, entry.path, kind, size, status.st_mtime_ns, reason, detail)

    if entry.name.startswith("."):
        return skipped(Reason.HIDDEN_NAME, "Names starting with a dot are not read.")
    if kind == KIND_SYMLINK:
        return skipped(
            Reason.SYMLINK, "Symbolic links are not followed: only files inside the inbox count."
        )
    if kind == KIND_FOLDER:
        return None
    if kind == KIND_SPECIAL:
        return skipped(
            Reason.SPECIAL_FILE,
            f"This is {_special_name(status.st_mode)}, not a regular file; it is not opened.",
        )
    if at_corpus_root and entry.name in CORPUS_DESCRIPTION_NAMES:
        return skipped(
            Reason.CORPUS_DESCRIPTION,
            "The generated corpus describes itself in this file; it is no document.",
        )
    return InboxEntry(relative, entry.path, KIND_FILE, status.st_size, status.st_mtime_ns)
