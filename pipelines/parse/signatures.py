"""Signature blocks: "<Ort>, den <Datum>", then name and role, then the signing body.

Blocks stand one below the other or side by side ("Wiesbaden, den 2.8.2025 <gap> Heppenheim, den
8.8.2025", then the two names on one line). The extraction step keeps a wide gap as a tab (PDF)
and text files keep their run of spaces, so columns are split at a tab or three or more blanks.
A date left blank for signing by hand ("Wiesbaden, den ______") gives a signature without date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.parse.dates import DATE_PATTERN, find_date
from pipelines.parse.records import Provenance, Signature, SourceLine

_PREFIX = r"^\s*(?:Für\s+.+?:\s*)?(?:Ort,?\s*(?:und\s+)?Datum:?\s*)?"
_PLACE = r"(?P<place>[A-ZÄÖÜ][\w .()/'-]{1,40}?)"
# "Marburg, den 19. August 2025", "…, am 19.8.2025" or "…, der 19. August 2025" (a dateline's
# nominative)
_DATED = re.compile(
    rf"{_PREFIX}{_PLACE},?\s+(?:den|der|am)?\s*(?P<date>{DATE_PATTERN.pattern})\s*$"
)
_UNDATED = re.compile(rf"{_PREFIX}{_PLACE},\s+den\s*(?:[_.…]{{2,}})?\s*$")
_COLUMN_GAP = re.compile(r"\t+| {3,}")
_SKIP = re.compile(r"^\s*(?:_{3,}|\.{3,}|gez\.?|\(Unterschrift\)|Unterschrift)\s*$", re.IGNORECASE)
_MINISTRY_WORDS = re.compile(r"Ministeri|Staatsminist|Staatssekret", re.IGNORECASE)
_DISTRICT_WORDS = re.compile(
    r"Kreis|Stadt|Landrat|Landrätin|bürgermeister|beigeordnet|Dezernent", re.IGNORECASE
)
_MAX_BODY_LINES = 6


@dataclass(frozen=True)
class _Cell:
    """One column of a physical line: its text and the character offset it starts at."""

    text: str
    start: int


@dataclass
class _Block:
    """One signature block while it is being read: head match plus the lines under it."""

    head: re.Match[str]
    line: SourceLine
    start: int  # character column of the block (0 unless side by side)
    body: list[str]


def _cells(text: str) -> list[_Cell]:
    """The columns of ``text``: split at tabs or runs of three or more blanks."""
    cells: list[_Cell] = []
    position = 0
    for part in _COLUMN_GAP.split(text):
        offset = text.index(part, position) if part else position
        if part.strip():
            cells.append(_Cell(part.strip(), offset + len(part) - len(part.lstrip())))
        position = offset + len(part)
    return cells


def _head(text: str) -> re.Match[str] | None:
    """The "<Ort>, den <Datum>" match of one cell (dated or left blank for signing)."""
    return _DATED.match(text) or _UNDATED.match(text)


def _heads(text: str) -> list[tuple[re.Match[str], int]]:
    """Signature heads on one line: one, or several side by side (with their columns)."""
    whole = _head(text.strip())
    if whole is not None and not _COLUMN_GAP.search(text.strip()):
        return [(whole, 0)]
    cells = _cells(text)
    heads = [(_head(cell.text), cell.start) for cell in cells]
    if heads and all(match is not None for match, _ in heads):
        return [(match, start) for match, start in heads if match is not None]
    return [(whole, 0)] if whole is not None else []


def is_signature_line(text: str) -> bool:
    """True for "Wiesbaden, den 2.8.2025" style lines (alone or side by side)."""
    return bool(_heads(text))


def parse_signatures(lines: tuple[SourceLine, ...], start: int) -> tuple[Signature, ...]:
    """Every signature block from ``start`` on; party from the block's wording, else its order."""
    blocks: list[_Block] = []
    current: list[_Block] = []  # the blocks of the latest head line (one, or side by side)
    for line in lines[start:]:
        heads = _heads(line.text)
        if heads:
            current = [_Block(match, line, column, []) for match, column in heads]
            blocks.extend(current)
        elif current:
            _distribute(line.text, current)
    return tuple(_signature(block, position) for position, block in enumerate(blocks))


def _distribute(text: str, columns: list[_Block]) -> None:
    """Give each cell of a body line to its column (one cell: the column it is indented to)."""
    if _SKIP.match(text):
        return
    cells = _cells(text) if len(columns) > 1 else [_Cell(text.strip(), 0)]
    if len(cells) == len(columns):
        for cell, block in zip(cells, columns, strict=True):
            block.body.append(cell.text)
        return
    for cell in cells:
        owner = columns[0]
        for block in columns:
            if block.start <= cell.start + 2:
                owner = block
        owner.body.append(cell.text)


def _signature(block: _Block, position: int) -> Signature:
    """One block: place and date from its head, then name, role and the signing body."""
    body = [_clean_name(text) for text in block.body if not _SKIP.match(text)]
    body = [text for text in body if text][:_MAX_BODY_LINES]
    party_text = " ".join(body)
    if _MINISTRY_WORDS.search(party_text):
        party = "ministry"
    elif _DISTRICT_WORDS.search(party_text):
        party = "district"
    else:
        party = "ministry" if position == 0 else "district"
    date_text = block.head.groupdict().get("date")
    return Signature(
        party=party,  # type: ignore[arg-type]
        place=block.head.group("place").strip(),
        date=find_date(date_text) if date_text else None,
        name=body[0] if body else None,
        role=body[1] if len(body) > 1 else None,
        provenance=Provenance(page=block.line.page, line=block.line.line, text=block.line.text),
    )


def _clean_name(text: str) -> str:
    """Strip "gez." and parentheses around a printed name."""
    text = re.sub(r"^\s*gez\.\s*", "", text.strip(), flags=re.IGNORECASE)
    return text.strip("() ").strip()
