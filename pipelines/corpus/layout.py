"""A tiny document model shared by the text and PDF writers: paragraphs of styled lines.

Text files print each paragraph's lines one per line with a blank line between paragraphs (the
published layout); PDFs wrap long lines at the margin and mark paragraphs by extra space.
"""

from __future__ import annotations

from dataclasses import dataclass

# line styles: title (large bold, centred), center (centred), heading (bold), text (wrapped
# prose), item (numbered heading, hanging indent), bullet (indented list entry), row (table row:
# one line, font shrinks to fit), plain (one line as is)


@dataclass(frozen=True)
class Line:
    text: str
    style: str = "text"


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    blank_lines_before: int = 1  # text files: blank lines before it; PDFs: > 1 adds more space


def para(*texts: str, style: str = "text", blank_lines_before: int = 1) -> Paragraph:
    """A paragraph whose lines all share one style."""
    return Paragraph(tuple(Line(text, style) for text in texts), blank_lines_before)


@dataclass(frozen=True)
class Document:
    paragraphs: tuple[Paragraph, ...]
    header: str  # PDF running header (text files have none)
    title: str  # PDF metadata title
    leading_blank_lines: int = 0  # text files only


def text_bytes(document: Document, encoding: str, newline: str) -> bytes:
    """The document as a text file in ``encoding`` with ``newline`` line endings."""
    out: list[str] = [""] * document.leading_blank_lines
    for index, paragraph in enumerate(document.paragraphs):
        if index:
            out.extend([""] * paragraph.blank_lines_before)
        out.extend(line.text for line in paragraph.lines)
    return (newline.join(out) + newline).encode(encoding)
