"""Text extraction: bytes in, an ExtractedDocument out (no I/O, no parsing of meaning).

PDFs are read page by page with pypdfium2; text files are decoded (UTF-8 with or without BOM,
else Windows-1252). Page furniture is stripped and wrapped/hyphenated lines are rejoined so the
parsers see one logical line per paragraph, heading, bullet or signature line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from pipelines.extract.layout import join_lines, restore_lost_bullets, strip_furniture
from pipelines.extract.lines import PageGeometry, PhysicalLine
from pipelines.extract.media import CSV, PDF, TEXT, UNKNOWN, XLSX, sniff_media_type
from pipelines.extract.pdf import read_pdf
from pipelines.extract.textfile import decode_text, read_text_lines
from pipelines.parse.ocr_noise import (
    STAMP_TOP_LINES,
    free_stamped_title,
    renumber_wrapped_headings,
    repair_line,
    repair_page_top,
    repair_table_rows,
    restore_parties_word,
    restore_section_signs,
)
from pipelines.parse.records import ExtractedDocument, QuarantineError, SourceLine
from pipelines.reasons import Reason

__all__ = ["CSV", "PDF", "TEXT", "UNKNOWN", "XLSX", "extract_document", "sniff_media_type"]


def extract_document(
    data: bytes, media_type: str, ocr_model_dir: Path | None = None
) -> ExtractedDocument:
    """Cleaned logical lines of a PDF or text document; QuarantineError when there are none.
    A scanned page is read by the installed German OCR model, or by the one in
    ``ocr_model_dir`` (the second reading of a scan the first left unsure)."""
    if not data or not data.strip():
        raise QuarantineError("Empty file: no content to parse.", code=Reason.EMPTY_FILE)
    ocr_pages: tuple[int, ...] = ()
    confidence: dict[tuple[int, int], float] = {}
    text_confidence: dict[tuple[int, int], float] = {}
    agreed_confidence: dict[tuple[int, int], float] = {}
    umlaut_confidence: dict[tuple[int, int], float] = {}
    reread_confidence: dict[tuple[int, int], float] = {}
    confirmed_segments: dict[tuple[int, int], tuple[str, ...]] = {}
    word_confidences: dict[tuple[int, int], tuple[tuple[str, float], ...]] = {}
    if media_type == PDF:
        pdf_text = read_pdf(data, ocr_model_dir=ocr_model_dir)
        pages, geometry, encoding = pdf_text.pages, pdf_text.geometries, None
        ocr_pages = pdf_text.ocr_pages
        if ocr_pages:
            pages = [
                repair_page(page, page_geometry) if page_number in ocr_pages else page
                for page_number, (page, page_geometry) in enumerate(
                    zip(pages, geometry, strict=True), 1
                )
            ]
            confidence = pdf_text.confidence
            text_confidence = pdf_text.text_confidence
            agreed_confidence = pdf_text.agreed_confidence
            umlaut_confidence = pdf_text.umlaut_confidence
            reread_confidence = pdf_text.reread_confidence
            confirmed_segments = pdf_text.confirmed_segments
            word_confidences = pdf_text.word_confidences
    elif media_type in (TEXT, CSV):
        text, encoding = decode_text(data)
        pages, geometry = read_text_lines(text)
    else:
        raise QuarantineError(
            f"Unsupported file type for text extraction: {media_type}.",
            code=Reason.UNSUPPORTED_FILE_TYPE,
        )
    kept = strip_furniture(pages)
    lines = join_lines(kept, geometry)
    if ocr_pages:
        lines = _free_stamped_titles(lines, ocr_pages)
        confidence = logical_confidence(kept, lines, confidence)
        text_confidence = logical_confidence(kept, lines, text_confidence)
        agreed_confidence = logical_confidence(kept, lines, agreed_confidence)
        umlaut_confidence = logical_confidence(kept, lines, umlaut_confidence)
        reread_confidence = logical_confidence(kept, lines, reread_confidence)
        confirmed_segments = logical_segments(kept, lines, confirmed_segments)
        word_confidences = logical_words(kept, lines, word_confidences)
    if not lines and ocr_pages:
        raise QuarantineError(
            f"Scanned PDF, no text layer: OCR read no usable text from its {len(pages)} page(s).",
            code=Reason.SCANNED_PDF,
        )
    if not lines:
        raise QuarantineError(
            "Empty document: no text remains after removing page headers and footers.",
            code=Reason.EMPTY_DOCUMENT,
        )
    return ExtractedDocument(
        lines=tuple(lines),
        page_count=len(pages),
        media_type=media_type,
        encoding=encoding,
        ocr_pages=ocr_pages,
        confidence=confidence,
        text_confidence=text_confidence,
        agreed_confidence=agreed_confidence,
        umlaut_confidence=umlaut_confidence,
        reread_confidence=reread_confidence,
        confirmed_segments=confirmed_segments,
        word_confidences=word_confidences,
    )


def _free_stamped_titles(lines: list[SourceLine], ocr_pages: tuple[int, ...]) -> list[SourceLine]:
    """The first logical lines of each OCR'd page with a title freed of the stamp residue the
    join put before it (the stamp's lines stand beside the title's)."""
    firsts: dict[int, int] = {}
    result = []
    for line in lines:
        seen = firsts.get(line.page, 0)
        firsts[line.page] = seen + 1
        if line.page in ocr_pages and seen < STAMP_TOP_LINES:
            line = replace(line, text=free_stamped_title(line.text))
        result.append(line)
    return result


def repair_page(lines: list[PhysicalLine], geometry: PageGeometry) -> list[PhysicalLine]:
    """An OCR'd page's lines with the typical misreadings repaired (``ocr_noise``) and the
    bullets OCR lost restored (``restore_lost_bullets``)."""
    top = repair_page_top([line.text for line in lines])
    texts = [repair_line(text) if text is not None else "" for text in top]
    texts = restore_section_signs(renumber_wrapped_headings(repair_table_rows(texts)))
    texts = restore_parties_word(texts)
    for line, text in zip(lines, texts, strict=True):
        line.text = text
    return restore_lost_bullets([line for line in lines if line.text.strip()], geometry)


def logical_confidence(
    pages: list[list[PhysicalLine]],
    lines: list[SourceLine],
    physical: dict[tuple[int, int], float],
) -> dict[tuple[int, int], float]:
    """Confidence of each logical line: the lowest of the physical lines joined into it."""
    result: dict[tuple[int, int], float] = {}
    for logical, place in _joined(pages, lines):
        if place in physical:
            result[logical] = min(result.get(logical, 100.0), physical[place])
    return result


def logical_segments(
    pages: list[list[PhysicalLine]],
    lines: list[SourceLine],
    physical: dict[tuple[int, int], tuple[str, ...]],
) -> dict[tuple[int, int], tuple[str, ...]]:
    """Confirmed runs of each logical line (pipelines.extract.ocr.confirmed_segments_of): a
    run ending its physical line continues with the run starting the next one (a name wrapped
    or hyphenated over two lines); a line without runs breaks them."""
    result: dict[tuple[int, int], tuple[str, ...]] = {}
    for logical, place in _joined(pages, lines):
        segments = physical.get(place, ("",))
        joined = result.get(logical)
        result[logical] = (
            (*joined[:-1], joined[-1] + segments[0], *segments[1:]) if joined else segments
        )
    return result


def logical_words(
    pages: list[list[PhysicalLine]],
    lines: list[SourceLine],
    physical: dict[tuple[int, int], tuple[tuple[str, float], ...]],
) -> dict[tuple[int, int], tuple[tuple[str, float], ...]]:
    """The words (with confidence) of the physical lines joined into each logical line."""
    result: dict[tuple[int, int], tuple[tuple[str, float], ...]] = {}
    for logical, place in _joined(pages, lines):
        result[logical] = (*result.get(logical, ()), *physical.get(place, ()))
    return result


def _joined(
    pages: list[list[PhysicalLine]], lines: list[SourceLine]
) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """(logical line's place, physical line's place) for each physical line, in order: a
    logical line starts at its first physical line and holds those up to the next start."""
    starts = {(line.page, line.line) for line in lines}
    current: tuple[int, int] | None = None
    for page in pages:
        for line in page:
            place = (line.page, line.line)
            if place in starts:
                current = place
            if current is not None:
                yield current, place
