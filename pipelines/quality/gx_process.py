"""Great Expectations in a process of its own, started early so its import is paid in parallel.

Importing ``great_expectations`` pulls in scipy, altair, SQLAlchemy and pandas: 6 s of one core
on the bench machine, more than all suites of a run take to validate, and until now paid by the
first check step, after everything else of the run, on the critical path. An ingest that will
validate (``pipelines.orchestration.run_ingest`` once it knows something changed, ``aqb watch``
at start) calls ``warm_up``: a child process starts, imports GX and builds the runtime context
while this process registers, parses and matches documents. The check and publish steps then
send each validation (the suite's frame, a Polars frame pickled as Arrow) and each Data Docs
build to that process and wait only for the work itself.

Why a process and not a thread: importing GX in a background thread while the run's own thread
imported SQLAlchemy or pandas left a module half-initialised ("partially initialized module
'sqlalchemy.orm.exc'") once in several bench runs; a process shares no import state.

Calls are plain module-level functions (pickled by reference) with picklable arguments; the
child answers each request in order. When this process cannot start its interpreter again (an
ingest run by a user who may not enter the interpreter's folder) every call runs here instead.
If the child dies, the call raises with its exit code and the next call starts a new child.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.spawn
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

Result = TypeVar("Result")


class GxProcessError(RuntimeError):
    """The GX process failed a call or ended unexpectedly; the message says which and why."""


def _prepare(data_docs_dir: Path | None) -> None:
    """The child's first task: the import, then the context of this Data Docs folder."""
    import great_expectations  # noqa: F401 - the point of the warm-up

    if data_docs_dir is not None:
        from pipelines.quality.gx_context import runtime_context

        runtime_context(data_docs_dir)


def _serve(connection: Connection) -> None:
    """The child's loop: run each requested call, send back ("ok", value) or ("error", text)."""
    while True:
        try:
            function, args = connection.recv()
        except EOFError:  # the parent closed its end or ended
            return
        try:
            reply = ("ok", function(*args))
        except BaseException:  # noqa: BLE001 - every failure goes back to the caller as text
            reply = ("error", traceback.format_exc())
        try:
            connection.send(reply)
        except OSError:  # the parent ended meanwhile (BrokenPipeError): nobody to answer
            return


class GxProcess:
    """One child process running GX calls in order; restarted after it dies."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._pending_warm_up = False  # a warm-up reply is still to be read
        self._lock = threading.Lock()
        # before multiprocessing's own exit handler kills daemon children (handlers run last
        # registered first): a child that ends its loop itself releases what GX's import
        # allocated (a killed one left "leaked semaphore" warnings at every exit)
        atexit.register(self._end_at_exit)

    def _start(self) -> Connection:
        parent, child = multiprocessing.Pipe(duplex=True)
        process = multiprocessing.get_context("spawn").Process(
            target=_serve, args=(child,), name="aqb-gx", daemon=True
        )
        process.start()
        child.close()
        self._process, self._connection = process, parent
        return parent

    def _alive_connection(self) -> Connection:
        if self._process is None or not self._process.is_alive() or self._connection is None:
            self._discard()
            return self._start()
        return self._connection

    def _discard(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        if self._process is not None:
            self._process.join(timeout=5)
        self._process, self._connection, self._pending_warm_up = None, None, False

    def _receive(self, connection: Connection, what: str) -> Any:
        try:
            status, value = connection.recv()
        except (EOFError, OSError) as error:
            process = self._process
            if process is not None:
                process.join(timeout=5)  # the pipe closes a moment before the exit is known
            exit_code = process.exitcode if process is not None else None
            self._discard()
            raise GxProcessError(
                f"the Great Expectations process ended during {what} (exit code {exit_code})"
            ) from error
        if status == "error":
            raise GxProcessError(f"{what} failed in the Great Expectations process:\n{value}")
        return value

    def warm_up(self, data_docs_dir: Path | None = None) -> None:
        """Start the child and let it import GX (and build ``data_docs_dir``'s context); returns
        at once. A second warm-up of a running child does nothing."""
        with self._lock:
            if self._process is not None and self._process.is_alive():
                return
            connection = self._alive_connection()
            connection.send((_prepare, (data_docs_dir,)))
            self._pending_warm_up = True

    def call(self, function: Callable[..., Result], *args: Any) -> Result:
        """``function(*args)`` run in the child, after any warm-up still under way."""
        with self._lock:
            connection = self._alive_connection()
            if self._pending_warm_up:
                self._pending_warm_up = False
                self._receive(connection, "the warm-up (import of great_expectations)")
            try:
                connection.send((function, args))
            except (BrokenPipeError, OSError):  # died since the liveness check: once more
                self._discard()
                connection = self._start()
                connection.send((function, args))
            return self._receive(connection, getattr(function, "__name__", "a call"))

    def _end_at_exit(self) -> None:
        """Let the child end its loop: closing our end makes its ``recv()`` raise EOFError.
        One still importing GX (a run that failed early) is killed after a short wait."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(timeout=2)
        self._discard()

    def stop(self) -> None:
        """End the child as at exit (tests; the child ends with this process anyway)."""
        with self._lock:
            self._end_at_exit()


_SHARED = GxProcess()


def interpreter_executable() -> bool:
    """Whether a child interpreter can start (as ``pipelines.ingest.pool`` asks for its workers)."""
    return os.access(multiprocessing.spawn.get_executable(), os.X_OK)


def shared() -> GxProcess:
    """The process-wide GX process (one per Python process: checks and publishing share it)."""
    return _SHARED


def warm_up(data_docs_dir: Path | None = None) -> None:
    """Start importing GX in the shared child now (no-op where calls run in this process)."""
    if interpreter_executable():
        _SHARED.warm_up(data_docs_dir)


def run_in_gx_process(function: Callable[..., Result], *args: Any) -> Result:
    """``function(*args)`` in the shared GX process, or here when no child can be started."""
    if not interpreter_executable():
        return function(*args)
    return _SHARED.call(function, *args)
