"""Text extraction: bytes in, an ExtractedDocument out (no I/O, no parsing of meaning).

PDFs are read page by page with pypdfium2; text files are decoded (UTF-8 with or without BOM,
else Windows-1252). Page furniture is stripped and wrapped/hyphenated lines are rejoined so the
parsers see one logical line per paragraph, heading, bullet or signature line.
"""

from __future__ import annotations

from pipelines.extract.layout import join_lines, strip_furniture
from pipelines.extract.media import CSV, PDF, TEXT, UNKNOWN, XLSX, sniff_media_type
from pipelines.extract.pdf import read_pdf_lines
from pipelines.extract.textfile import decode_text, read_text_lines
from pipelines.parse.records import ExtractedDocument, QuarantineError
from pipelines.reasons import Reason

__all__ = ["CSV", "PDF", "TEXT", "UNKNOWN", "XLSX", "extract_document", "sniff_media_type"]


def extract_document(data: bytes, media_type: str) -> ExtractedDocument:
    """Cleaned logical lines of a PDF or text document; QuarantineError when there are none."""
    if not data or not data.strip():
        raise QuarantineError("Empty file: no content to parse.", code=Reason.EMPTY_FILE)
    if media_type == PDF:
        pages, geometry = read_pdf_lines(data)
        encoding = None
    elif media_type in (TEXT, CSV):
        text, encoding = decode_text(data)
        pages, geometry = read_text_lines(text)
    else:
        raise QuarantineError(
            f"Unsupported file type for text extraction: {media_type}.",
            code=Reason.UNSUPPORTED_FILE_TYPE,
        )
    lines = join_lines(strip_furniture(pages), geometry)
    if not lines:
        raise QuarantineError(
            "Empty document: no text remains after removing page headers and footers.",
            code=Reason.EMPTY_DOCUMENT,
        )
    return ExtractedDocument(
        lines=tuple(lines), page_count=len(pages), media_type=media_type, encoding=encoding
    )
