"""Plain-text reader: UTF-8 (with or without BOM) or Windows-1252, any line endings."""

from __future__ import annotations

import re

from pipelines.extract.lines import PageGeometry, PhysicalLine
from pipelines.parse.records import QuarantineError
from pipelines.reasons import Reason

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# hard-wrapped text files use a measure of roughly 60-160 characters; longer lines are whole
# paragraphs (the published text files), so nothing in them wraps
_MIN_WRAP_WIDTH, _MAX_WRAP_WIDTH = 60, 160


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 when it decodes cleanly, else Windows-1252 (never fails)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise QuarantineError(
            "Not a text document: the file contains binary data (NUL bytes).",
            code=Reason.NOT_A_TEXT_DOCUMENT,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def text_pages(text: str) -> list[list[str]]:
    """Pages split at form feeds, each a list of physical lines (line endings normalised)."""
    return [_LINE_BREAK.split(page) for page in text.split("\f")]


def read_text_lines(text: str) -> tuple[list[list[PhysicalLine]], list[PageGeometry]]:
    """Physical lines per page with character-based geometry for the wrap test."""
    pages: list[list[PhysicalLine]] = []
    longest = 0
    for page_number, raw_lines in enumerate(text_pages(text), start=1):
        page: list[PhysicalLine] = []
        blank_seen = False
        for line_number, raw in enumerate(raw_lines, start=1):
            stripped = raw.rstrip()
            if not stripped:  # right-stripped, so only a blank line is empty
                blank_seen = True
                continue
            first_word = stripped.split(None, 1)[0]  # no need to split the whole line
            page.append(
                PhysicalLine(
                    page=page_number,
                    line=line_number,
                    text=stripped,
                    right=float(len(stripped)),
                    first_word_width=float(len(first_word)),
                    gap_before=blank_seen,
                )
            )
            blank_seen = False
            longest = max(longest, len(stripped))
        pages.append(page)
    wraps = _MIN_WRAP_WIDTH <= longest <= _MAX_WRAP_WIDTH
    geometry = PageGeometry(right_limit=float(longest) if wraps else None, space_width=1.0)
    return pages, [geometry] * len(pages)
