"""Media type sniffing: magic bytes first, then the file name.

Districts rename files freely ("ZV_2025.PDF.txt"), so the content decides where it can; the
extension only breaks ties for formats without magic bytes (plain text, CSV).
"""

from __future__ import annotations

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
TEXT = "text/plain"
UNKNOWN = "application/octet-stream"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"

_EXTENSIONS: dict[str, str] = {
    ".pdf": PDF,
    ".xlsx": XLSX,
    ".xlsm": XLSX,
    ".csv": CSV,
    ".txt": TEXT,
    ".text": TEXT,
}


def sniff_media_type(name: str, data: bytes) -> str:
    """The media type of ``data``: %PDF and PK-zip magic win over the name ``name`` suggests."""
    head = data[:1024]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF") or b"%PDF-" in head:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if _looks_like_html(head):
        return HTML
    extension = _extension(name)
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    if _looks_like_text(head):
        return CSV if _looks_like_semicolon_table(head) else TEXT
    return UNKNOWN


def _zip_kind(data: bytes) -> str:
    """DOCX when the ZIP holds Word parts, else XLSX (whose reader explains a broken ZIP)."""
    if b"word/" in data and b"xl/" not in data:
        return DOCX
    return XLSX


def _looks_like_html(head: bytes) -> bool:
    """A saved web page (the portal's HTML view of an agreement) is not a document we read."""
    opening = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return opening.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in opening


def _extension(name: str) -> str:
    """Lower-case last suffix of ``name`` including the dot ("" when there is none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _looks_like_text(head: bytes) -> bool:
    """Text files have no NUL bytes (UTF-16 aside, which starts with a BOM)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return bool(head) and b"\x00" not in head


def _looks_like_semicolon_table(head: bytes) -> bool:
    """A header row with several ';' separators is the funding system's CSV export."""
    first_line = head.split(b"\n", 1)[0]
    return first_line.count(b";") >= 3
