"""Checks a document must pass before a parser touches it: cheap, bounded, and each with its
reason, so a bomb (an XLSX whose shared strings unpack to a gigabyte, a CSV of millions of rows,
a text with one 200 MB line) is quarantined in milliseconds instead of holding a worker for
minutes. The time and memory limits are enforced around the parse itself
(``pipelines.ingest.pool``).
"""

from __future__ import annotations

import io
import re
import zipfile

from pipelines.config import Limits
from pipelines.extract import CSV, TEXT, XLSX, sniff_media_type
from pipelines.parse.records import QuarantineError
from pipelines.reasons import Reason

_MB = 1024 * 1024
# a worksheet row element, with or without a namespace prefix (<row ...>, <x:row ...>)
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_READ_CHUNK = 1 << 20


def check_size(size_bytes: int, limits: Limits) -> None:
    """Quarantine a file over ``AQB_MAX_FILE_MB`` before it is read."""
    if size_bytes > limits.max_file_bytes:
        raise QuarantineError(
            f"File too large: {size_bytes / _MB:.1f} MB, the limit is "
            f"{limits.max_file_bytes / _MB:g} MB (AQB_MAX_FILE_MB).",
            code=Reason.FILE_TOO_LARGE,
        )


def check_contents(name: str, data: bytes, limits: Limits) -> None:
    """Raise ``QuarantineError`` when ``data`` exceeds a limit for its kind of file."""
    check_size(len(data), limits)
    media_type = sniff_media_type(name, data)
    if media_type == XLSX:
        _check_xlsx(data, limits)
    elif media_type in (CSV, TEXT):
        _check_lines(data, limits, count_rows=media_type == CSV)


def _check_lines(data: bytes, limits: Limits, count_rows: bool) -> None:
    lines = data.split(b"\n")  # C speed; the file is already within AQB_MAX_FILE_MB
    longest = max(map(len, lines))
    # the empty piece after a final line break is no row
    rows = len(lines) - (len(lines) > 1 and not lines[-1])
    del lines
    if longest > limits.max_line_chars:
        raise QuarantineError(
            f"Line too long: a line holds {longest:,} bytes, the limit is "
            f"{limits.max_line_chars:,} (AQB_MAX_LINE_CHARS).",
            code=Reason.LINE_TOO_LONG,
        )
    if count_rows and rows > limits.max_table_rows:
        raise QuarantineError(
            f"Too many rows: the table holds {rows:,} rows, the limit is "
            f"{limits.max_table_rows:,} (AQB_MAX_TABLE_ROWS).",
            code=Reason.TOO_MANY_ROWS,
        )


def _check_xlsx(data: bytes, limits: Limits) -> None:
    """Member sizes from the zip directory (the reader never unpacks more than they declare),
    then the worksheets' rows counted while streaming them, before openpyxl opens anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return  # the table parser quarantines a damaged workbook with its own reason
    with archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        if unpacked > limits.max_xlsx_unpacked_bytes:
            raise QuarantineError(
                f"XLSX too large when unpacked: {unpacked / _MB:,.1f} MB, the limit is "
                f"{limits.max_xlsx_unpacked_bytes / _MB:g} MB (AQB_MAX_XLSX_UNPACKED_MB).",
                code=Reason.XLSX_TOO_LARGE,
            )
        for member in members:
            name = member.filename.lower()
            if name.endswith("sharedstrings.xml") and (
                member.file_size > limits.max_xlsx_shared_strings_bytes
            ):
                raise QuarantineError(
                    f"XLSX too large when unpacked: its shared strings take "
                    f"{member.file_size / _MB:,.1f} MB, the limit is "
                    f"{limits.max_xlsx_shared_strings_bytes / _MB:g} MB "
                    "(AQB_MAX_XLSX_SHARED_STRINGS_MB).",
                    code=Reason.XLSX_TOO_LARGE,
                )
        rows = sum(
            _count_rows(archive, member)
            for member in members
            if member.filename.lower().startswith("xl/worksheets/")
            and member.filename.lower().endswith(".xml")
        )
    if rows > limits.max_table_rows:
        raise QuarantineError(
            f"Too many rows: the workbook's sheets hold {rows:,} rows, the limit is "
            f"{limits.max_table_rows:,} (AQB_MAX_TABLE_ROWS).",
            code=Reason.TOO_MANY_ROWS,
        )


def _count_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    """Row elements of one worksheet, streamed (a tag cut by a chunk border is kept whole by
    carrying the chunk's tail over)."""
    rows = 0
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_READ_CHUNK):
                window = tail + chunk
                cut = max(0, len(window) - 64)
                rows += sum(1 for match in _ROW_TAG.finditer(window) if match.start() < cut)
                tail = window[cut:]
    except (zipfile.BadZipFile, OSError, EOFError):
        return rows  # a damaged member: the table parser gives the reason
    return rows + len(_ROW_TAG.findall(tail))
