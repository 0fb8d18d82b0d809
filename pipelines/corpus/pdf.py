"""PDF writer for the corpus: fpdf2 with the core Helvetica font, laid out line by line.

Lines are wrapped here with Helvetica's own glyph widths (not fpdf2's multi_cell, which is about
a hundred times slower), so a PDF costs a millisecond or two and the bench can write ten
thousand of them. Layout choices serve the text extractor: symmetric margins (a wrapped line
reaches the right margin), extra space between paragraphs (a paragraph break is a visible gap),
a running header and "Seite N von M" footer on every page, and no paragraph of normal length
split across pages. The creation date is fixed per document, so the bytes are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.fonts import CORE_FONTS_CHARWIDTHS

from pipelines.corpus.formatting import pdf_safe
from pipelines.corpus.layout import Document, Line

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
MARGIN = 20.0
RIGHT = PAGE_WIDTH - MARGIN
BODY_TOP, BODY_BOTTOM = 30.0, 272.0
PARAGRAPH_GAP = 3.5
SIGNATURE_GAP = 12.0
PT_TO_MM = 25.4 / 72
KEEP_TOGETHER_LINES = 16
ROW_MAX_WIDTH = 0.84 * (RIGHT - MARGIN)  # table rows stay clear of the margin (never "wrapped")
_WIDTHS = {False: CORE_FONTS_CHARWIDTHS["helvetica"], True: CORE_FONTS_CHARWIDTHS["helveticaB"]}
_WORD_WIDTHS: dict[bool, dict[str, int]] = {False: {}, True: {}}  # text -> width in 1/1000 em

# style -> (bold, font size pt, line step mm, first-line x, continuation x, centred)
_STYLE = {
    "title": (True, 14.0, 7.0, MARGIN, MARGIN, True),
    "center": (False, 11.0, 5.5, MARGIN, MARGIN, True),
    "heading": (True, 11.0, 5.0, MARGIN, MARGIN, False),
    "text": (False, 10.0, 5.0, MARGIN, MARGIN, False),
    "item": (False, 10.0, 5.0, MARGIN, MARGIN + 6.0, False),
    "bullet": (False, 10.0, 5.0, MARGIN + 6.0, MARGIN + 9.0, False),
    "row": (False, 9.0, 5.0, MARGIN, MARGIN, False),
    "plain": (False, 10.0, 5.0, MARGIN, MARGIN, False),
}


@dataclass(frozen=True)
class Placed:
    """One physical line on a page: baseline position, font and text."""

    x: float
    y: float
    text: str
    bold: bool
    size: float
    width: float


def text_width(text: str, bold: bool, size: float) -> float:
    """Width in mm of ``text`` in Helvetica at ``size`` pt (per-word widths are cached)."""
    cache = _WORD_WIDTHS[bold]
    units = cache.get(text)
    if units is None:
        widths = _WIDTHS[bold]
        units = sum([widths.get(char, 556) for char in text])
        if len(cache) < 200_000:
            cache[text] = units
    return units * size / 1000 * PT_TO_MM


def wrap(
    text: str, bold: bool, size: float, first_x: float, next_x: float
) -> list[tuple[float, str]]:
    """Greedy word wrap at the right margin: (x, text) per physical line.

    Word widths are summed incrementally (one pass over the characters) because this runs for
    every line of every PDF in the corpus.
    """
    space = _WIDTHS[bold][" "] * size / 1000 * PT_TO_MM
    lines: list[tuple[float, str]] = []
    x = first_x
    current: list[str] = []
    current_width = 0.0
    for word in text.split(" "):
        word_width = text_width(word, bold, size)
        if current and x + current_width + space + word_width > RIGHT:
            lines.append((x, " ".join(current)))
            x, current, current_width = next_x, [word], word_width
        else:
            current_width += (space if current else 0.0) + word_width
            current.append(word)
    lines.append((x, " ".join(current)))
    return lines


def _layout_line(line: Line) -> list[Placed]:
    """Physical lines (y still 0) for one logical line in its style."""
    bold, size, _, first_x, next_x, centred = _STYLE[line.style]
    text = pdf_safe(line.text).strip()
    if line.style == "row":
        while size > 5.5 and text_width(text, bold, size) > ROW_MAX_WIDTH:
            size -= 0.5
        return [Placed(first_x, 0.0, text, bold, size, text_width(text, bold, size))]
    if line.style == "plain":
        return [Placed(first_x, 0.0, text, bold, size, text_width(text, bold, size))]
    placed = []
    for x, part in wrap(text, bold, size, first_x, next_x):
        width = text_width(part, bold, size)
        if centred:
            x = MARGIN + (RIGHT - MARGIN - width) / 2
        placed.append(Placed(x, 0.0, part, bold, size, width))
    return placed


def layout_pages(document: Document) -> list[list[Placed]]:
    """All physical lines placed on pages; a paragraph of normal length is never split."""
    pages: list[list[Placed]] = [[]]
    y = BODY_TOP
    first_on_page = True
    for paragraph in document.paragraphs:
        lines = [(line, placed) for line in paragraph.lines for placed in _layout_line(line)]
        steps = [_STYLE[line.style][2] for line, _ in lines]
        gap = (
            0.0
            if first_on_page
            else (SIGNATURE_GAP if paragraph.blank_lines_before > 1 else PARAGRAPH_GAP)
        )
        height = gap + sum(steps)
        if not first_on_page and y + height > BODY_BOTTOM and len(lines) <= KEEP_TOGETHER_LINES:
            pages.append([])
            y, gap, first_on_page = BODY_TOP, 0.0, True
        for index, ((_line, placed), step) in enumerate(zip(lines, steps, strict=True)):
            advance = (gap if index == 0 else 0.0) + (0.0 if first_on_page else step)
            if y + advance > BODY_BOTTOM:
                pages.append([])
                y, advance = BODY_TOP, 0.0
            y += advance
            pages[-1].append(
                Placed(placed.x, y, placed.text, placed.bold, placed.size, placed.width)
            )
            first_on_page = False
    return pages


def _new_pdf(document: Document, created: date) -> FPDF:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime(created.year, created.month, created.day, 9, 0, tzinfo=UTC))
    pdf.set_title(document.title)
    pdf.set_subject("BEISPIELDATEN - synthetisches Dokument (AQB Monitor)")
    pdf.set_author("AQB Monitor Beispieldaten-Generator")
    pdf.set_creator("aqb generate-corpus")
    return pdf


def pdf_bytes(document: Document, created: date) -> bytes:
    """The document as a PDF with a text layer, header and "Seite N von M" footer per page."""
    pages = layout_pages(document)
    pdf = _new_pdf(document, created)
    header = pdf_safe(document.header)
    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 8)
        pdf.text(MARGIN, 14.0, header)
        for placed in page:
            pdf.set_font("Helvetica", "B" if placed.bold else "", placed.size)
            pdf.text(placed.x, placed.y, placed.text)
        footer = f"Seite {number} von {len(pages)}"
        pdf.set_font("Helvetica", "", 8)
        pdf.text(MARGIN + (RIGHT - MARGIN - text_width(footer, False, 8)) / 2, 287.0, footer)
    return bytes(pdf.output())
