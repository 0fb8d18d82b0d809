"""The parse pool's watchdog with real worker processes: a document whose parse hangs, kills its
worker or asks for too much memory is quarantined with its own reason, and only that document;
the other documents of the same run land. (The parse function is a closure, so the workers are
forked from this process and inherit it.)"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from pipelines.config import load_limits
from pipelines.ingest.loader import parse_pending, pending_documents
from pipelines.ingest.parse_worker import PendingDocument
from pipelines.ingest.pool import ALONE_BYTES, WorkerStartError, chunked
from pipelines.parse.records import ParseOutcome
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex
from tests.support import warehouse_records as builders

GOOD = {
    b"zv-06431-2025": ("06431", 2025, "1230450"),
    b"zv-06440-2025": ("06440", 2025, "1140300"),
    b"zv-06411-2025": ("06411", 2025, "980000"),
    b"zv-06412-2025": ("06412", 2025, "3900000"),
}


def _parser(bad: bytes, misbehave):
    """Known bytes -> a known agreement; the ``bad`` document makes the worker ``misbehave``."""

    def parse(source_name: str, data: bytes, districts: DistrictIndex | None = None):
        if data == bad:
            misbehave()
        return builders.agreement_outcome(
            __import__("hashlib").sha256(data).hexdigest(),
            builders.agreement(*GOOD[data]),
            source_name,
        )

    return parse


def _hang() -> None:
    time.sleep(3600)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _allocate_too_much() -> ParseOutcome:
    bytearray(8 * 1024**3)  # far over the limit below
    raise AssertionError("the memory limit did not hold")


def _run(connection, tmp_path: Path, bad: bytes, misbehave, **limits):
    for index, data in enumerate([*GOOD, bad]):
        builders.register(connection, tmp_path, f"doc_{index}.txt", data)
    return parse_pending(
        connection,
        tmp_path / "archive",
        DistrictIndex.shipped(),
        "v1",
        parse=_parser(bad, misbehave),
        workers=2,
        limits=load_limits().__class__(**{**load_limits().as_dict(), **limits}),
    )


def _outcomes(connection) -> dict[str, tuple[str, str | None]]:
    rows = connection.execute(
        "SELECT r.original_name, p.status, q.reason_code FROM parse_results AS p "
        "JOIN raw_documents AS r USING (sha256) LEFT JOIN quarantine AS q USING (sha256)"
    ).fetchall()
    return {name: (status, code) for name, status, code in rows}


def _assert_only_the_bad_document_quarantined(connection, summary, reason: Reason) -> None:
    outcomes = _outcomes(connection)
    bad = f"doc_{len(GOOD)}.txt"
    assert outcomes[bad] == ("quarantined", reason.value)
    assert {name: outcome for name, outcome in outcomes.items() if name != bad} == {
        f"doc_{index}.txt": ("ok", None) for index in range(len(GOOD))
    }
    assert (summary.parsed, summary.new, summary.quarantined) == (len(GOOD) + 1, len(GOOD), 1)
    assert connection.execute("SELECT count(*) FROM agreements").fetchone() == (len(GOOD),)


def test_a_hanging_parse_is_stopped_at_the_time_limit(connection, tmp_path: Path) -> None:
    summary = _run(connection, tmp_path, b"zv-hangs", _hang, parse_seconds=3)
    _assert_only_the_bad_document_quarantined(connection, summary, Reason.TIME_LIMIT)
    reason = connection.execute(
        "SELECT reason FROM quarantine WHERE reason_code = 'time_limit'"
    ).fetchone()[0]
    assert "AQB_PARSE_TIMEOUT_SECONDS" in reason


def test_a_worker_killed_while_parsing_loses_only_its_document(connection, tmp_path: Path) -> None:
    summary = _run(connection, tmp_path, b"zv-kills-its-worker", _die)
    _assert_only_the_bad_document_quarantined(connection, summary, Reason.WORKER_DIED)
    reason = connection.execute(
        "SELECT reason FROM quarantine WHERE reason_code = 'worker_died'"
    ).fetchone()[0]
    assert f"exit code -{int(signal.SIGKILL)}" in reason


def test_a_parse_over_the_memory_limit_is_quarantined_for_it(connection, tmp_path: Path) -> None:
    summary = _run(
        connection,
        tmp_path,
        b"zv-needs-8-gb",
        _allocate_too_much,
        parse_memory_bytes=256 * 1024**2,
    )
    _assert_only_the_bad_document_quarantined(connection, summary, Reason.MEMORY_LIMIT)


@pytest.mark.parametrize("misbehave", [_hang, _die])
def test_every_good_document_lands_whichever_worker_misbehaves(
    connection, tmp_path: Path, misbehave
) -> None:
    """Two misbehaving documents in one run: each is quarantined, the rest still land."""
    for index, data in enumerate([b"zv-bad-1", *GOOD, b"zv-bad-2"]):
        builders.register(connection, tmp_path, f"doc_{index}.txt", data)
    parse = _parser(b"", misbehave)

    def either(source_name: str, data: bytes, districts: DistrictIndex | None = None):
        if data.startswith(b"zv-bad"):
            misbehave()
        return parse(source_name, data, districts)

    summary = parse_pending(
        connection,
        tmp_path / "archive",
        DistrictIndex.shipped(),
        "v1",
        parse=either,
        workers=2,
        limits=load_limits().__class__(**{**load_limits().as_dict(), "parse_seconds": 3}),
    )
    outcomes = _outcomes(connection)
    assert (
        sorted(status for status, _code in outcomes.values())
        == ["ok"] * len(GOOD) + ["quarantined"] * 2
    )
    assert outcomes["doc_0.txt"][0] == outcomes[f"doc_{len(GOOD) + 1}.txt"][0] == "quarantined"
    assert summary.new == len(GOOD)


def test_workers_that_cannot_start_blame_no_document(connection, tmp_path: Path) -> None:
    """Workers that die before their first document (here: a memory limit no process can set)
    are a fault of the machine: the run fails and every document stays pending, none is
    quarantined for it."""
    for index, data in enumerate(GOOD):
        builders.register(connection, tmp_path, f"doc_{index}.txt", data)
    with pytest.raises(WorkerStartError, match="before parsing a document"):
        parse_pending(
            connection,
            tmp_path / "archive",
            DistrictIndex.shipped(),
            "v1",
            parse=_parser(b"", _die),
            workers=2,
            limits=load_limits().__class__(
                **{**load_limits().as_dict(), "parse_memory_bytes": 2**70}
            ),
        )
    assert connection.execute("SELECT count(*) FROM parse_results").fetchone() == (0,)
    assert connection.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
    assert len(pending_documents(connection, "v1")) == len(GOOD)


def _scan_parser(seconds: float):
    """A parser that OCRs two pages of ``b"zv-scan"`` (announced as the real reader does) and
    takes ``seconds`` for them; other bytes parse at once."""
    from pipelines.extract import ocr

    def parse(source_name: str, data: bytes, districts: DistrictIndex | None = None):
        fields = GOOD.get(data, ("06533", 2025, "500000"))
        if data == b"zv-scan":
            ocr.announce_pages(2)
            time.sleep(seconds)
        return builders.agreement_outcome(
            __import__("hashlib").sha256(data).hexdigest(), builders.agreement(*fields), source_name
        )

    return parse


def _run_scan(connection, tmp_path: Path, seconds: float, parse_seconds: float):
    for index, data in enumerate([*GOOD, b"zv-scan"]):
        builders.register(connection, tmp_path, f"doc_{index}.txt", data)
    return parse_pending(
        connection,
        tmp_path / "archive",
        DistrictIndex.shipped(),
        "v1",
        parse=_scan_parser(seconds),
        workers=2,
        limits=load_limits().__class__(
            **{**load_limits().as_dict(), "parse_seconds": parse_seconds}
        ),
    )


def test_a_scan_gets_time_for_each_page_it_ocrs(
    connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2 s to parse plus 5 s per OCR'd page: two pages taking 4 s are within the limit."""
    monkeypatch.setenv("AQB_OCR_SECONDS_PER_PAGE", "5")
    summary = _run_scan(connection, tmp_path, seconds=4, parse_seconds=2)
    assert (summary.new, summary.quarantined) == (len(GOOD) + 1, 0)


def test_a_scan_over_its_page_allowance_is_stopped_naming_it(
    connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AQB_OCR_SECONDS_PER_PAGE", "1")
    summary = _run_scan(connection, tmp_path, seconds=3600, parse_seconds=2)
    assert (summary.new, summary.quarantined) == (len(GOOD), 1)
    reason = connection.execute(
        "SELECT reason FROM quarantine WHERE reason_code = 'time_limit'"
    ).fetchone()[0]
    assert "plus 2 OCR page(s) x AQB_OCR_SECONDS_PER_PAGE" in reason


def test_big_documents_go_out_first_each_alone_the_rest_in_chunks() -> None:
    """A scan's pages are images: the big documents are handed out first, biggest first and one
    at a time, so the workers share them; the rest keep their order in chunks."""
    documents = [
        PendingDocument(f"{index:064x}", f"d{index}", f"d{index}", "x") for index in range(40)
    ]
    sizes = [1000] * 40
    sizes[7], sizes[30], sizes[31] = ALONE_BYTES, ALONE_BYTES + 1, ALONE_BYTES - 1
    chunks = chunked(documents, sizes, workers=2)
    assert chunks[:2] == [[documents[30]], [documents[7]]]
    rest = [doc for index, doc in enumerate(documents) if index not in (7, 30)]
    assert [doc for chunk in chunks[2:] for doc in chunk] == rest
    assert {len(chunk) for chunk in chunks[2:]} == {4, 2}  # 38 // (2 workers x 4), a last of 2
    assert chunked([], [], workers=2) == []


def test_the_biggest_document_is_parsed_first(connection, tmp_path: Path) -> None:
    """Through the real pool: the order one worker starts the documents in."""
    started = tmp_path / "started.txt"

    def parse(source_name: str, data: bytes, districts: DistrictIndex | None = None):
        with open(started, "a", encoding="utf-8") as log:
            log.write(f"{source_name}\n")
        key = data.rstrip(b"\n")
        return builders.agreement_outcome(
            __import__("hashlib").sha256(data).hexdigest(),
            builders.agreement(*GOOD[key]),
            source_name,
        )

    padding = {b"zv-06440-2025": ALONE_BYTES, b"zv-06412-2025": ALONE_BYTES + 10}  # blank lines
    for index, data in enumerate(GOOD):
        padded = data + b"\n" * (padding.get(data, 0) - len(data))
        builders.register(connection, tmp_path, f"doc_{index}.txt", padded)
    parse_pending(
        connection, tmp_path / "archive", DistrictIndex.shipped(), "v1", parse=parse, workers=1
    )
    order = started.read_text(encoding="utf-8").split()
    assert order[:2] == ["doc_3.txt", "doc_1.txt"]
    assert sorted(order[2:]) == ["doc_0.txt", "doc_2.txt"]
