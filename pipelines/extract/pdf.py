"""PDF reader (pypdfium2), page by page, with the geometry the layout step needs.

pdfium gives text with CRLF line breaks but no blank lines, so paragraph breaks are recovered
from vertical spacing and wraps from how far a line reaches to the right.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
import statistics
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipelines.extract.lines import PageGeometry, PhysicalLine
from pipelines.parse.records import QuarantineError
from pipelines.reasons import Reason

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_GAP_FACTOR = 1.45  # baseline distance above this multiple of the usual one = paragraph break
_SPACE_EM = 0.25  # width of a space relative to the loose glyph box height (ascent to descent)
_COLUMN_GAP_EM = 2.0  # a blank this wide (in glyph heights) separates columns, not words
# a space with a visible character on both sides: the only blanks that can be a column gap
_SINGLE_SPACE = re.compile(r"(?<=[^ ]) (?=[^ ])")


def check_pdf_bytes(data: bytes) -> None:
    """Reject empty and truncated PDFs with a clear sentence before pdfium sees them."""
    if not data.strip():
        raise QuarantineError(
            "Empty file: 0 bytes of content, nothing to parse.", code=Reason.EMPTY_FILE
        )
    if b"%%EOF" not in data[-2048:]:
        raise QuarantineError(
            "Truncated or corrupt PDF: the end-of-file marker (%%EOF) is missing, "
            "so the file was probably cut off during upload.",
            code=Reason.CORRUPT_PDF,
        )


# a page with fewer visible characters than this has no usable text layer: it is OCR'd
MIN_TEXT_CHARS = 20


@dataclass(frozen=True)
class PdfText:
    """The lines of every page; pages read by OCR are listed with each line's confidence."""

    pages: list[list[PhysicalLine]]
    geometries: list[PageGeometry]
    ocr_pages: tuple[int, ...] = ()  # 1-based numbers of the pages read by OCR
    confidence: dict[tuple[int, int], float] = field(default_factory=dict)  # (page, line) -> 0-100
    # the lowest confidence of any word of the line (a name's letters, not only its digits)
    text_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the confidence once a second reading of a low line agreed, 0 without (pipelines.extract.ocr)
    agreed_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the lowest confidence of the line's words with an umlaut (pipelines.extract.ocr)
    umlaut_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # a second reading's own confidence in the line's figures where it spelled the line alike,
    # 0 without (pipelines.extract.ocr)
    reread_confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    # the letters and digits of the line's runs of words read alike twice (pipelines.extract.ocr)
    confirmed_segments: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    # the line's words as first read, each with its confidence (pipelines.extract.ocr)
    word_confidences: dict[tuple[int, int], tuple[tuple[str, float], ...]] = field(
        default_factory=dict
    )


# each per-line value of an OCR'd page (pipelines.extract.ocr.OcrPage, one per line) and the
# PdfText field that keeps it by (page, line)
_PER_LINE = (
    ("confidence", "confidences"),
    ("text_confidence", "text_confidences"),
    ("agreed_confidence", "agreed_confidences"),
    ("umlaut_confidence", "umlaut_confidences"),
    ("reread_confidence", "reread_confidences"),
    ("confirmed_segments", "confirmed_segments"),
    ("word_confidences", "word_confidences"),
)


def read_pdf_lines(data: bytes) -> tuple[list[list[PhysicalLine]], list[PageGeometry]]:
    """Physical lines per page plus each page's geometry; raises QuarantineError when unreadable."""
    text = read_pdf(data)
    return text.pages, text.geometries


def read_pdf(data: bytes, ocr: bool = True, ocr_model_dir: Path | None = None) -> PdfText:
    """Every page's lines: from the text layer, or by OCR where a page has (almost) none (read
    by the installed German model, or the one in ``ocr_model_dir``)."""
    check_pdf_bytes(data)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise QuarantineError(
            f"Corrupt PDF: pdfium could not open it ({error}).", code=Reason.CORRUPT_PDF
        ) from None
    try:
        pages: list[list[PhysicalLine]] = []
        geometries: list[PageGeometry] = []
        sparse: list[int] = []  # pages without a usable text layer but with an image: OCR them
        for index in range(len(document)):
            page = document[index]
            try:
                lines, geometry = _read_page(page, index + 1)
                if _visible_chars(lines) < MIN_TEXT_CHARS and _has_image(page):
                    sparse.append(index + 1)
            finally:
                page.close()
            pages.append(lines)
            geometries.append(geometry)
        if not pages:
            raise QuarantineError("Empty PDF: the document has no pages.", code=Reason.EMPTY_PDF)
        result = PdfText(pages, geometries)
        if sparse and ocr:
            result = _ocr_pages(document, data, result, sparse, ocr_model_dir)
    finally:
        document.close()
    if not any(result.pages):
        raise QuarantineError(
            f"Scanned PDF, no text layer: none of its {len(pages)} page(s) holds extractable "
            "text, and OCR read none from its images (if any; OCR runs only with AQB_OCR=1).",
            code=Reason.SCANNED_PDF,
        )
    return result


def _has_image(page: pdfium.PdfPage) -> bool:
    """Whether the page holds an image: a page of vector shapes only has no scan to read."""
    images = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
    return next(images, None) is not None


def _visible_chars(lines: list[PhysicalLine]) -> int:
    return sum(len("".join(line.text.split())) for line in lines)


def _ocr_pages(
    document: pdfium.PdfDocument,
    data: bytes,
    text: PdfText,
    sparse: list[int],
    model_dir: Path | None,
) -> PdfText:
    """``text`` with the ``sparse`` pages replaced by their OCR (see pipelines.extract.ocr)."""
    from pipelines.extract import ocr

    settings = ocr.current_settings()
    if not settings.enabled:  # the text-layer pages only; a scan without any is quarantined
        return text
    if len(sparse) > settings.max_pages:
        raise QuarantineError(
            f"Scanned PDF, no text layer: {len(sparse)} page(s) would need OCR, more than "
            f"{settings.max_pages} (AQB_OCR_MAX_PAGES).",
            code=Reason.SCANNED_PDF,
        )
    ocr.announce_pages(len(sparse))
    sha256 = hashlib.sha256(data).hexdigest()
    pages, geometries = list(text.pages), list(text.geometries)
    per_line: dict[str, dict[tuple[int, int], object]] = {name: {} for name, _ in _PER_LINE}
    for number in sparse:

        def render(dpi: int, number: int = number) -> object:
            page = document[number - 1]
            try:
                # in colour: OCR drops coloured ink (a stamp, a signature) before reading
                return page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()

        read = ocr.ocr_page(render, sha256, number, settings, model_dir)
        pages[number - 1] = [replace(line) for line in read.lines]
        geometries[number - 1] = read.geometry
        for name, values in _PER_LINE:
            for line, value in zip(read.lines, getattr(read, values), strict=True):
                per_line[name][(number, line.line)] = value
    return PdfText(pages, geometries, tuple(sparse), **per_line)  # type: ignore[arg-type]


def _read_page(page: pdfium.PdfPage, page_number: int) -> tuple[list[PhysicalLine], PageGeometry]:
    """Lines of one page with their right edge, first-word width and paragraph gaps."""
    page_width = page.get_width()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        geometric = textpage.count_chars() == len(text)
        raw_lines = _split_with_offsets(text)
        boxes = _CharBoxes(textpage)
        lines: list[PhysicalLine] = []
        bottoms: list[float | None] = []
        heights: list[float] = []
        lefts: list[float] = []
        for line_number, (offset, raw) in enumerate(raw_lines, start=1):
            clean = raw.replace("\x00", "").rstrip()
            if not clean.strip():
                continue
            line = PhysicalLine(page=page_number, line=line_number, text=clean)
            bottom = None
            if geometric:
                bottom, height, left = _measure(boxes, offset, clean, line)
                line.text = _mark_column_gaps(boxes, offset, clean, height)
                heights.append(height)
                lefts.append(left)
            lines.append(line)
            bottoms.append(bottom)
    finally:
        textpage.close()
    _mark_gaps(lines, bottoms)
    if not lefts:
        return lines, PageGeometry(right_limit=None, space_width=1.0)
    font_height = statistics.median(heights) if heights else 10.0
    # symmetric margins: the text block ends as far from the right edge as it starts from the
    # left; a narrower column (lines all end well before that) sets its own limit
    right_limit = page_width - min(lefts)
    widest = max(line.right for line in lines)
    if widest < right_limit * 0.9:
        right_limit = widest
    return lines, PageGeometry(right_limit=right_limit, space_width=_SPACE_EM * font_height)


def _split_with_offsets(text: str) -> list[tuple[int, str]]:
    """Lines of ``text`` split at CRLF/CR/LF with the char index each line starts at."""
    result: list[tuple[int, str]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        result.append((start, text[start : match.start()]))
        start = match.end()
    result.append((start, text[start:]))
    return result


class _CharBoxes:
    """Tight and loose glyph boxes of one text page, read through pdfium's raw calls.

    A page costs two to four box reads per word (line edges, first word, every word gap), and
    the helper ``PdfTextPage.get_charbox`` allocates four ctypes doubles per read, which made it
    the largest single cost of PDF extraction. This reader reuses one set of out-parameters per
    page and returns the same doubles, raising the same error when pdfium fails.
    """

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._handle = textpage.raw
        self._left, self._right = ctypes.c_double(), ctypes.c_double()
        self._bottom, self._top = ctypes.c_double(), ctypes.c_double()
        self._loose = pdfium_c.FS_RECTF()

    def left(self, index: int) -> float:
        """Left edge of the tight box of character ``index``."""
        self._read(index)
        return self._left.value

    def right(self, index: int) -> float:
        """Right edge of the tight box of character ``index``."""
        self._read(index)
        return self._right.value

    def loose_bottom_top(self, index: int) -> tuple[float, float]:
        """Bottom and top of the loose box (font ascent to descent) of character ``index``."""
        if not pdfium_c.FPDFText_GetLooseCharBox(self._handle, index, self._loose):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return self._loose.bottom, self._loose.top

    def wide_single_spaces(self, offset: int, clean: str, widest_gap: float) -> list[int]:
        """Positions in ``clean`` (starting at char ``offset``) of single spaces whose neighbours
        stand more than ``widest_gap`` apart.

        The hottest loop of PDF extraction (two box reads per word), so the raw call and its
        out-parameters are bound to locals instead of going through ``left``/``right``.
        """
        read_box, handle = pdfium_c.FPDFText_GetCharBox, self._handle
        left, right, bottom, top = self._left, self._right, self._bottom, self._top
        positions: list[int] = []
        for match in _SINGLE_SPACE.finditer(clean):
            space = offset + match.start()
            if not read_box(handle, space - 1, left, right, bottom, top):
                raise pdfium.PdfiumError("Failed to get charbox.")
            previous_right = right.value
            if not read_box(handle, space + 1, left, right, bottom, top):
                raise pdfium.PdfiumError("Failed to get charbox.")
            if left.value - previous_right > widest_gap:
                positions.append(match.start())
        return positions

    def _read(self, index: int) -> None:
        ok = pdfium_c.FPDFText_GetCharBox(
            self._handle, index, self._left, self._right, self._bottom, self._top
        )
        if not ok:
            raise pdfium.PdfiumError("Failed to get charbox.")


def _measure(
    boxes: _CharBoxes, offset: int, clean: str, line: PhysicalLine
) -> tuple[float, float, float]:
    """Fill in right edge and first-word width; return (baseline, glyph height, left edge)."""
    first = offset + (len(clean) - len(clean.lstrip()))
    last = offset + len(clean) - 1
    left = boxes.left(first)
    bottom, top = boxes.loose_bottom_top(first)
    right = boxes.right(last)
    word = clean.lstrip().split()[0]
    word_right = boxes.right(first + len(word) - 1)
    line.right = right
    line.first_word_width = max(0.0, word_right - left)
    return bottom, max(1.0, top - bottom), left


def _mark_column_gaps(boxes: _CharBoxes, offset: int, clean: str, height: float) -> str:
    """The line with a tab for every wide blank: side-by-side signature blocks, table cells.

    pdfium writes one space between two cells on the same baseline, so "Wiesbaden, den 2.8.2025"
    and "Heppenheim, den 8.8.2025" would read as one place; the tab keeps the columns apart.
    Only single spaces between two visible characters are measured (a run of spaces is the
    layout's own gap and stays as it is).
    """
    tab_positions = boxes.wide_single_spaces(offset, clean, _COLUMN_GAP_EM * height)
    if not tab_positions:
        return clean
    chars = list(clean)
    for index in tab_positions:
        chars[index] = "\t"
    return "".join(chars)


def _mark_gaps(lines: list[PhysicalLine], bottoms: list[float | None]) -> None:
    """Set gap_before where the distance to the previous line is clearly above the usual one."""
    deltas = [
        previous - current
        for previous, current in zip(bottoms, bottoms[1:], strict=False)
        if previous is not None and current is not None and previous - current > 0
    ]
    if not deltas:
        return
    usual = statistics.median(deltas)
    for index in range(1, len(lines)):
        previous, current = bottoms[index - 1], bottoms[index]
        if previous is None or current is None:
            continue
        delta = previous - current
        if delta > usual * _GAP_FACTOR or delta < 0:
            lines[index].gap_before = True
