"""The per-document limits (pipelines/ingest/limits.py): each one at exactly its boundary passes
and one over is quarantined with its own reason; the environment variables behind them, with
malformed values falling back to the documented defaults."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest

from pipelines.config import Limits, load_limits
from pipelines.ingest.limits import check_contents, check_size
from pipelines.parse.records import QuarantineError
from pipelines.reasons import Reason

MB = 1024 * 1024
LIMITS = Limits(
    max_file_bytes=4096,
    max_table_rows=10,
    max_xlsx_unpacked_bytes=2000,
    max_xlsx_shared_strings_bytes=500,
    max_line_chars=100,
    parse_seconds=60,
    parse_memory_bytes=1024 * MB,
    lock_wait_seconds=30,
)
ENVIRONMENT = {
    "AQB_MAX_FILE_MB": ("max_file_bytes", 50 * MB),
    "AQB_MAX_TABLE_ROWS": ("max_table_rows", 200_000),
    "AQB_MAX_XLSX_UNPACKED_MB": ("max_xlsx_unpacked_bytes", 200 * MB),
    "AQB_MAX_XLSX_SHARED_STRINGS_MB": ("max_xlsx_shared_strings_bytes", 50 * MB),
    "AQB_MAX_LINE_CHARS": ("max_line_chars", 100_000),
    "AQB_PARSE_TIMEOUT_SECONDS": ("parse_seconds", 60),
    "AQB_PARSE_MEMORY_MB": ("parse_memory_bytes", 1024 * MB),
    "AQB_INGEST_LOCK_WAIT": ("lock_wait_seconds", 30),
}


def _reason(name: str, data: bytes, limits: Limits = LIMITS) -> Reason | None:
    try:
        check_contents(name, data, limits)
    except QuarantineError as error:
        return Reason(error.code)
    return None


def _xlsx(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _sheet(rows: int) -> bytes:
    return b"<worksheet><sheetData>" + b'<row r="1"/>' * rows + b"</sheetData></worksheet>"


def _workbook(sheet_rows: int = 1, shared: bytes = b"<sst/>", padding: int = 0) -> bytes:
    members = {
        "[Content_Types].xml": b"<Types/>",
        "xl/workbook.xml": b"<workbook/>",
        "xl/sharedStrings.xml": shared,
        "xl/worksheets/sheet1.xml": _sheet(sheet_rows),
    }
    if padding:
        members["xl/padding.bin"] = b"p" * padding
    return _xlsx(members)


def _unpacked(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


# --- file size -----------------------------------------------------------------------------------


def test_file_size_at_the_limit_passes_and_one_byte_more_is_too_large() -> None:
    check_size(LIMITS.max_file_bytes, LIMITS)
    with pytest.raises(QuarantineError) as raised:
        check_size(LIMITS.max_file_bytes + 1, LIMITS)
    assert raised.value.code == Reason.FILE_TOO_LARGE
    assert "AQB_MAX_FILE_MB" in raised.value.reason
    # the contents check applies the same limit to the bytes it was given
    assert _reason("a.txt", b"x\n" * (LIMITS.max_file_bytes // 2)) is None
    assert _reason("a.txt", b"x\n" * (LIMITS.max_file_bytes // 2) + b"x") == Reason.FILE_TOO_LARGE


# --- lines and rows ------------------------------------------------------------------------------


def test_a_line_of_exactly_the_limit_passes_and_one_more_character_is_too_long() -> None:
    width = LIMITS.max_line_chars
    assert _reason("a.txt", b"a\n" + b"x" * width + b"\nb\n") is None
    assert _reason("a.txt", b"a\n" + b"x" * (width + 1) + b"\nb\n") == Reason.LINE_TOO_LONG
    # a CSV has the same line limit
    assert _reason("a.csv", b"A;B\n" + b"1;" + b"2" * (width - 2) + b"\n") is None
    assert _reason("a.csv", b"A;B\n" + b"1;" + b"2" * (width - 1) + b"\n") == Reason.LINE_TOO_LONG


@pytest.mark.parametrize("final_break", [b"\n", b""])
def test_a_csv_of_exactly_the_row_limit_passes_and_one_row_more_is_too_many(
    final_break: bytes,
) -> None:
    rows = LIMITS.max_table_rows

    def csv(lines: int) -> bytes:
        return b"\n".join([b"Aktenzeichen;Betrag_EUR"] + [b"A;1"] * (lines - 1)) + final_break

    assert _reason("t.csv", csv(rows)) is None
    assert _reason("t.csv", csv(rows + 1)) == Reason.TOO_MANY_ROWS


def test_rows_are_not_counted_in_a_text_document() -> None:
    """The row limit is for tables: a long letter is not a table."""
    text = b"Zielvereinbarung\n" * (LIMITS.max_table_rows * 3)
    assert _reason("brief.txt", text, replace(LIMITS, max_file_bytes=10 * MB)) is None


# --- XLSX ----------------------------------------------------------------------------------------


def test_an_xlsx_unpacking_to_exactly_the_limit_passes_and_one_byte_more_is_too_large() -> None:
    base = _unpacked(_workbook())
    room = LIMITS.max_xlsx_unpacked_bytes - base
    assert room > 0
    at_limit = _workbook(padding=room)
    assert _unpacked(at_limit) == LIMITS.max_xlsx_unpacked_bytes
    assert _reason("w.xlsx", at_limit) is None
    assert _reason("w.xlsx", _workbook(padding=room + 1)) == Reason.XLSX_TOO_LARGE


def test_shared_strings_of_exactly_the_limit_pass_and_one_byte_more_is_too_large() -> None:
    size = LIMITS.max_xlsx_shared_strings_bytes
    shell = b"<sst></sst>"
    at_limit = shell[:5] + b"A" * (size - len(shell)) + shell[5:]
    assert len(at_limit) == size
    assert _reason("w.xlsx", _workbook(shared=at_limit)) is None
    over = shell[:5] + b"A" * (size - len(shell) + 1) + shell[5:]
    assert _reason("w.xlsx", _workbook(shared=over)) == Reason.XLSX_TOO_LARGE


def test_a_workbook_of_exactly_the_row_limit_passes_and_one_row_more_is_too_many() -> None:
    rows = LIMITS.max_table_rows
    assert _reason("w.xlsx", _workbook(sheet_rows=rows)) is None
    assert _reason("w.xlsx", _workbook(sheet_rows=rows + 1)) == Reason.TOO_MANY_ROWS


def test_rows_of_every_sheet_count_and_prefixed_row_tags_too() -> None:
    half = LIMITS.max_table_rows // 2 + 1
    two_sheets = _xlsx(
        {
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": _sheet(half),
            "xl/worksheets/sheet2.xml": b"<x:sheetData>"
            + b"<x:row r='1'></x:row>" * half
            + b"</x:sheetData>",
        }
    )
    assert _reason("w.xlsx", two_sheets) == Reason.TOO_MANY_ROWS


def test_a_damaged_zip_is_left_to_the_table_parser() -> None:
    assert _reason("w.xlsx", b"PK\x03\x04 not really a zip") is None


# --- environment variables -----------------------------------------------------------------------


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for variable in ENVIRONMENT:
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_unset_variables_give_the_documented_defaults(clean_environment) -> None:
    limits = load_limits()
    for field, default in ENVIRONMENT.values():
        assert getattr(limits, field) == default, field


@pytest.mark.parametrize(
    ("raw", "megabytes"),
    [("2", 2), (" 3 ", 3), ("0.5", 0.5), ("1e1", 10), ("0", 0)],
)
def test_megabyte_variables_become_bytes(clean_environment, raw: str, megabytes: float) -> None:
    clean_environment.setenv("AQB_MAX_FILE_MB", raw)
    clean_environment.setenv("AQB_PARSE_MEMORY_MB", raw)
    limits = load_limits()
    assert limits.max_file_bytes == int(megabytes * MB)
    assert limits.parse_memory_bytes == int(megabytes * MB)


@pytest.mark.parametrize("raw", ["", "   ", "abc", "12 MB", "-1", "1,5", "inf", "-inf", "nan"])
def test_malformed_values_fall_back_to_the_default(clean_environment, raw: str) -> None:
    for variable in ENVIRONMENT:
        clean_environment.setenv(variable, raw)
    limits = load_limits()
    for field, default in ENVIRONMENT.values():
        assert getattr(limits, field) == default, (raw, field)


def test_counts_and_seconds_are_read_as_given(clean_environment) -> None:
    clean_environment.setenv("AQB_MAX_TABLE_ROWS", "5000")
    clean_environment.setenv("AQB_MAX_LINE_CHARS", "20000")
    clean_environment.setenv("AQB_PARSE_TIMEOUT_SECONDS", "2.5")
    clean_environment.setenv("AQB_INGEST_LOCK_WAIT", "0")
    limits = load_limits()
    assert (limits.max_table_rows, limits.max_line_chars) == (5000, 20000)
    assert (limits.parse_seconds, limits.lock_wait_seconds) == (2.5, 0)
