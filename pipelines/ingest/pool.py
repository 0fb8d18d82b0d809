"""Parse worker processes with a watchdog: every document is parsed in a worker, never in the
storing process, within a time and a memory limit.

Each worker gets chunks of documents over its own pipe and reports as it starts each document,
so when a document takes longer than ``AQB_PARSE_TIMEOUT_SECONDS`` or its worker dies (killed,
out of memory, a crash in a native library), exactly that document is quarantined ("Zeitlimit
überschritten", "Verarbeitung abgebrochen"), the worker is replaced and the rest of its chunk is
parsed by the next free worker. Results are handed on as each chunk completes, whichever worker
finishes first, so one slow document never idles the others. Memory is capped per worker with
``RLIMIT_AS`` (``AQB_PARSE_MEMORY_MB``): a parser that asks for more gets a ``MemoryError``, and
the document is quarantined for it.

``forkserver`` rather than ``fork`` for the production parser: the storing process holds DuckDB
(and maybe Polars) thread pools, which must not be forked mid-flight; the fork server imports the
parsers once and every worker forks from it with them loaded. A caller's own parse function
(``parse_pending(parse=...)``) is run in workers forked from the caller, which inherit it. So are
the production workers when this process may not execute its own interpreter again (started
into another user, e.g. with ``setpriv``, whose Python lives where that user cannot enter): the
fork server and ``spawn`` both need to, and their children would die before parsing anything.

A worker that dies (or hangs) before it announced any document never got to parse one: its
chunks go back to the queue and no document is blamed. When workers keep failing that way, the
pool gives up with ``WorkerStartError`` (the run fails, exit 3) instead of quarantining every
document for a fault of the machine.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.spawn
import os
import resource
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipelines.config import Limits, OcrSettings, load_ocr_settings
from pipelines.parse.confirm import KnownNames
from pipelines.parse.held import Release
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex
from pipelines.timestamps import utc_now

from .parse_worker import (
    ParsedColumns,
    ParseFunction,
    PendingDocument,
    default_parse_function,
    outcome_columns,
    parse_chunk_columns,
    quarantined_outcome,
)

# Documents a worker parses per task (fewer when there are few, so every worker gets some).
CHUNK_SIZE = 32
# chunks queued on a worker besides the one it is parsing, so it never waits for the storer
QUEUED_PER_WORKER = 1
_PRELOAD = ["pipelines.parse.dispatch", "pipelines.ingest.parse_worker"]
# workers in a row that died or hung before announcing a document, after which the pool gives up
MAX_START_FAILURES = 4


# a document at least this big (a scan: its pages are images) is a chunk of its own, handed out
# before the rest, the biggest first: the workers share the slow documents, and none is left
# reading a scan alone at the end while the others have run dry
ALONE_BYTES = 128 * 1024


def chunked(
    documents: list[PendingDocument], sizes: list[int], workers: int
) -> list[list[PendingDocument]]:
    """The order documents are handed out in: each big one (``ALONE_BYTES``) alone, biggest
    first, then the others in chunks of ``CHUNK_SIZE`` (fewer when there are few, so every
    worker gets some), in the order given."""
    big = sorted(
        (index for index, size in enumerate(sizes) if size >= ALONE_BYTES),
        key=lambda index: -sizes[index],
    )
    alone = set(big)
    rest = [doc for index, doc in enumerate(documents) if index not in alone]
    size = max(1, min(CHUNK_SIZE, len(rest) // (max(1, workers) * 4) or 1))
    return [[documents[index]] for index in big] + [
        rest[start : start + size] for start in range(0, len(rest), size)
    ]


def _stored_size(path: Path) -> int:
    """The archived file's size (0 when it is gone: its worker reports that)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


class WorkerStartError(RuntimeError):
    """Parse workers keep dying before they parse anything: a fault of the machine (no
    interpreter to start, no processes left), not of a document."""


@dataclass(frozen=True)
class WorkerConfig:
    archive_dir: Path
    districts: DistrictIndex
    parse: ParseFunction | None
    parser_version: str
    limits: Limits
    ocr: OcrSettings | None = None  # the run's (None: each worker reads its environment)
    # held scan readings a reviewer released, by sha256 (``pipelines.parse.held``)
    releases: Mapping[str, Release] = field(default_factory=dict)
    # names the district-years' text-layer documents hold (``pipelines.parse.confirm``)
    known_names: KnownNames = field(default_factory=dict)


def interpreter_executable() -> bool:
    """Whether this process may start its interpreter again (the fork server and ``spawn``
    do): not so when it was started into a user that cannot enter the interpreter's folder."""
    return os.access(multiprocessing.spawn.get_executable(), os.X_OK)


def address_space_bytes() -> int:
    """This process's mapped address space now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def worker_main(connection: Connection, config: WorkerConfig, forked: bool = False) -> None:
    """A worker's life: cap its memory, then parse each chunk it receives until told to stop
    (``None``), announcing ``("begin", chunk_id, index, monotonic time)`` before each document
    and sending ``("done", chunk_id, columns)`` after each chunk. A worker ``forked`` from the
    storing process inherits its mappings (DuckDB, Dagster: over a gigabyte of address space):
    the limit counts on top of them, or the first allocation would fail."""
    memory = config.limits.parse_memory_bytes
    if forked:
        memory += address_space_bytes()
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    parse = config.parse or default_parse_function()
    from pipelines.extract import ocr

    # a scan's pages are announced before they are OCR'd: the watchdog adds their allowance
    ocr.set_page_hook(lambda pages: connection.send(("ocr", pages, time.monotonic())))
    ocr.configure(config.ocr)
    while (message := connection.recv()) is not None:
        chunk_id, chunk = message

        def announce(index: int, chunk_id: int = chunk_id) -> None:
            connection.send(("begin", chunk_id, index, time.monotonic()))

        columns = parse_chunk_columns(
            chunk,
            config.archive_dir,
            config.districts,
            parse,
            config.parser_version,
            config.limits,
            before_each=announce,
            releases=config.releases,
            known_names=config.known_names,
        )
        connection.send(("done", chunk_id, columns))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    chunks: deque = field(default_factory=deque)  # (chunk_id, documents), the first is parsing
    index: int = 0  # document of the first chunk being parsed
    started: float = 0.0  # monotonic time it started
    begun: bool = False  # it announced a document of its first chunk (else it is not parsing)
    ocr_pages: int = 0  # pages the current document OCRs (each extends its time limit)

    def assign(self, chunk_id: int, documents: list[PendingDocument]) -> None:
        if not self.chunks:
            self.index, self.started = 0, time.monotonic()
        self.chunks.append((chunk_id, documents))
        self.connection.send((chunk_id, documents))

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class ParsePool:
    """Up to ``workers`` parse processes fed from a queue of chunks (see the module doc)."""

    def __init__(self, config: WorkerConfig, workers: int) -> None:
        self.config = config
        self.size = max(1, workers)
        if config.parse is None and interpreter_executable():
            # the fork server first; when it refuses a new child (seen once after killing
            # workers under heavy load) the worker starts from scratch rather than lose the run
            self.start_methods: tuple[str, ...] = ("forkserver", "spawn")
            multiprocessing.get_context("forkserver").set_forkserver_preload(_PRELOAD)
        else:  # any callable (a test's closure too) is inherited, not pickled
            self.start_methods = ("fork",)
        self.workers: list[_Worker] = []
        self.ocr_seconds_per_page = (config.ocr or load_ocr_settings()).seconds_per_page
        self.start_failures = 0  # workers in a row lost before announcing a document

    def _spawn(self) -> _Worker:
        parent, child = multiprocessing.Pipe(duplex=True)
        try:
            for method in self.start_methods:
                try:
                    process = self._start(method, child)
                    break
                except OSError:
                    if method == self.start_methods[-1]:
                        parent.close()
                        raise
        finally:
            child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def _start(self, method: str, child: Connection) -> multiprocessing.process.BaseProcess:
        process = multiprocessing.get_context(method).Process(
            target=worker_main,
            args=(child, self.config, method == "fork"),
            name="aqb-parse-worker",
            daemon=True,
        )
        process.start()
        return process

    def parse(self, documents: list[PendingDocument]) -> Iterator[ParsedColumns]:
        """The rows of every document, a chunk at a time, in the order chunks complete."""
        sizes = [_stored_size(self.config.archive_dir / doc.archive_path) for doc in documents]
        waiting = deque(chunked(documents, sizes, self.size))
        next_id = 0
        try:
            while waiting or any(worker.chunks for worker in self.workers):
                next_id = self._feed(waiting, next_id)
                yield from self._collect(waiting)
        finally:
            self.close()

    def _feed(self, waiting: deque, next_id: int) -> int:
        """Hand waiting chunks to workers with room, starting workers up to the pool size."""
        while waiting:
            free = [
                w
                for w in self.workers
                if len(w.chunks) <= QUEUED_PER_WORKER and w.process.is_alive()
            ]
            idle = [w for w in free if not w.chunks]
            if idle:
                worker = idle[0]
            elif len(self.workers) < self.size:
                worker = self._spawn()
            elif free:
                worker = free[0]
            else:
                break
            chunk = waiting.popleft()
            try:
                worker.assign(next_id, chunk)
            except OSError:  # the worker died since it last reported: give the chunk back
                worker.chunks.pop()
                waiting.appendleft(chunk)
                if not worker.chunks:  # nothing of it to quarantine: just retire it
                    self.workers.remove(worker)
                    worker.stop(kill=True)
                    continue
                break  # its current document is failed when its death is collected
            next_id += 1
        return next_id

    def _collect(self, waiting: deque) -> Iterator[ParsedColumns]:
        """Wait for the next messages (or the first deadline) and act on them."""
        busy = [worker for worker in self.workers if worker.chunks]
        deadline = min(self._deadline(worker) for worker in busy)
        ready = wait(
            [worker.connection for worker in busy] + [worker.process.sentinel for worker in busy],
            timeout=max(0.0, deadline - time.monotonic()),
        )
        for worker in busy:
            if worker.connection in ready or worker.process.sentinel in ready:
                yield from self._drain(worker, waiting)
        now = time.monotonic()
        for worker in [w for w in self.workers if w.chunks]:
            if now > self._deadline(worker):
                allowed = self._deadline(worker) - worker.started
                yield from self._fail(
                    worker,
                    waiting,
                    Reason.TIME_LIMIT,
                    f"Time limit exceeded: parsing took longer than {allowed:g} s "
                    f"(AQB_PARSE_TIMEOUT_SECONDS"
                    + (
                        f" plus {worker.ocr_pages} OCR page(s) x AQB_OCR_SECONDS_PER_PAGE)."
                        if worker.ocr_pages
                        else ")."
                    ),
                )

    def _deadline(self, worker: _Worker) -> float:
        """When the worker's current document runs out of time: the parse limit plus, for a
        scan, ``AQB_OCR_SECONDS_PER_PAGE`` for each page it OCRs (at most AQB_OCR_MAX_PAGES)."""
        allowance = worker.ocr_pages * self.ocr_seconds_per_page
        return worker.started + self.config.limits.parse_seconds + allowance

    def _drain(self, worker: _Worker, waiting: deque) -> Iterator[ParsedColumns]:
        """Every message the worker has sent; a worker that died fails its document."""
        try:
            while worker.connection.poll():
                message = worker.connection.recv()
                if message[0] == "begin":
                    _, _chunk_id, worker.index, worker.started = message
                    worker.begun = True
                    worker.ocr_pages = 0
                    self.start_failures = 0
                elif message[0] == "ocr":
                    worker.ocr_pages += message[1]
                else:
                    worker.chunks.popleft()
                    worker.index, worker.started = 0, time.monotonic()
                    worker.begun = False
                    worker.ocr_pages = 0
                    yield message[2]
        except (EOFError, OSError):
            pass
        if not worker.process.is_alive() and worker in self.workers:
            code = worker.process.exitcode
            yield from self._fail(
                worker,
                waiting,
                Reason.WORKER_DIED,
                f"Parse worker died while parsing this file (exit code {code}); "
                "the other documents were parsed by a new worker.",
            )

    def _fail(
        self, worker: _Worker, waiting: deque, code: Reason, reason: str
    ) -> Iterator[ParsedColumns]:
        """Quarantine the worker's current document, requeue the rest of its chunks first in
        line, and retire the worker (a new one starts when there is work). A worker that had
        not begun a document blames none: all its chunks go back (see the module doc)."""
        if not worker.begun:
            yield from self._lost_before_parsing(worker, waiting)
            return
        _chunk_id, documents = worker.chunks.popleft()
        index = min(worker.index, len(documents) - 1)
        failed = documents[index]
        rest = documents[:index] + documents[index + 1 :]
        requeued = [chunk for _id, chunk in worker.chunks]
        for chunk in reversed([rest, *requeued]):
            if chunk:
                waiting.appendleft(chunk)
        worker.chunks.clear()
        self.workers.remove(worker)
        worker.stop(kill=True)
        outcome = quarantined_outcome(failed.original_name, failed.sha256, reason, code)
        yield outcome_columns(
            [(outcome, failed.original_name)], self.config.parser_version, utc_now()
        )

    def _lost_before_parsing(self, worker: _Worker, waiting: deque) -> Iterator[ParsedColumns]:
        """Requeue every chunk of a worker that died or hung before its first document; give up
        when that keeps happening (``WorkerStartError``)."""
        for _chunk_id, chunk in reversed(worker.chunks):
            waiting.appendleft(chunk)
        worker.chunks.clear()
        self.workers.remove(worker)
        exit_code = worker.process.exitcode
        worker.stop(kill=True)
        self.start_failures += 1
        if self.start_failures >= MAX_START_FAILURES:
            raise WorkerStartError(
                f"{self.start_failures} parse workers in a row ended before parsing a document "
                f"(last exit code {exit_code}, start methods {', '.join(self.start_methods)}); "
                "nothing was quarantined for it, the documents stay pending for the next run"
            )
        yield from ()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=bool(worker.chunks))
        self.workers.clear()


def start_fork_server() -> None:
    """Start the fork server (it imports the parsers) ahead of the first parse: ``aqb watch``
    calls this while warming up, so a dropped file is not kept waiting for it."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    from multiprocessing import forkserver

    forkserver.ensure_running()


def stop_fork_server() -> None:
    """Stop the fork server (and with it any idle worker) once no more parsing is due: ``aqb
    demo`` serves the dashboard for hours after its one ingest and should not keep the parsers'
    process around. A later parse starts a new one."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # the stdlib's own shutdown (also run at interpreter exit)
