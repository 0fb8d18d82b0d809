"""``aqb watch``: keep an ingest worker running and ingest whenever the inbox changes.

For on-demand ingests that must feel instant (a district sends a corrected PDF): start-up costs
are paid once, each change runs the same ingest as ``aqb ingest``. Runs until Ctrl+C. Use either
this worker or the Dagster inbox sensor for an inbox, not both: DuckDB has one writer.
"""

from __future__ import annotations

import argparse
import signal
import socket
import sys
from typing import TYPE_CHECKING

from pipelines.cli import EXIT_ATTENTION, EXIT_OK
from pipelines.commands.ingest_cmd import (
    add_location_arguments,
    format_summary,
    settings_from_args,
)
from pipelines.exports.berlin import now_berlin, zone_name
from pipelines.german import german_datetime
from pipelines.watch import DEFAULT_INTERVAL_SECONDS

if TYPE_CHECKING:
    from pipelines.config import Settings
    from pipelines.orchestration import IngestSummary

STOP_SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_arguments(parser)
    parser.add_argument(
        "--interval",
        type=float,
        default=DEFAULT_INTERVAL_SECONDS,
        help=f"seconds between looks at the inbox (default {DEFAULT_INTERVAL_SECONDS})",
    )


def _now() -> str:
    """Berlin time with its zone, as every screen and download shows it (the server's own
    clock may run on UTC): ``05.12.2026 20:33:57 MEZ``."""
    local = now_berlin()
    return f"{german_datetime(local.replace(tzinfo=None), seconds=True)} {zone_name(local)}"


def report_ingest(summary: IngestSummary) -> None:
    """Up-to-date polls get one line; an ingest that changed something gets the full summary."""
    if summary.up_to_date:
        print(f"{_now()} unverändert / up to date (snapshot {summary.snapshot_id})", flush=True)
        return
    print(f"{_now()} Ingest / ingest:{format_summary(summary)}", flush=True)


def report_error(message: str) -> None:
    print(f"{_now()} Fehler / error (retrying): {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if not settings.effective_inbox.is_dir():
        print(f"aqb watch: inbox {settings.effective_inbox} does not exist", file=sys.stderr)
        return EXIT_ATTENTION
    if args.interval <= 0:
        print("aqb watch: --interval must be positive", file=sys.stderr)
        return EXIT_ATTENTION
    from pipelines.watch import InboxWatcher, warm_up, watch

    print(f"{_now()} aqb watch: lade / loading ...", flush=True)
    warm_up(settings)
    print(
        f"{_now()} aqb watch: beobachte / watching {settings.effective_inbox} "
        f"(alle / every {args.interval:g} s; Strg+C beendet / Ctrl+C stops)",
        flush=True,
    )
    try:
        with StopSignals() as stops:  # systemd stops the unit with SIGTERM
            watcher = InboxWatcher(settings, ingest=StopAwareIngest(stops))
            watch(settings, args.interval, report_ingest, report_error, watcher=watcher)
    except KeyboardInterrupt:
        print(f"{_now()} aqb watch: beendet / stopped", flush=True)
    finally:
        from pipelines.ingest.pool import stop_fork_server

        stop_fork_server()
    return EXIT_OK


def _interrupt(_signum, _frame) -> None:
    """SIGTERM between ingests ends the worker like Ctrl+C: the poll loop stops at once."""
    raise KeyboardInterrupt


class StopSignals:
    """SIGTERM handling that survives the Dagster runs of a long-lived worker.

    While a run executes, Dagster owns SIGINT and SIGTERM (it notes the signal and interrupts
    the run at the next step boundary, marking it failed), and when the run ends it gives
    SIGTERM whatever handler SIGINT has. For a worker started in the background SIGINT is
    ignored (the shell does that), so after its first ingest the worker ignored SIGTERM and
    never stopped. Two remedies, both needed: ``rearm`` puts this worker's handler back after
    every ingest, and a wakeup socket receives the number of every signal that arrives while
    any Python handler, Dagster's included, is installed, so a stop requested during an
    ingest is still seen when the ingest returns.
    """

    def __enter__(self) -> StopSignals:
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(
            self._writer.fileno(), warn_on_full_buffer=False
        )
        self._previous_term = signal.signal(signal.SIGTERM, _interrupt)
        return self

    def rearm(self) -> bool:
        """Put the SIGTERM handler back; whether SIGTERM or SIGINT arrived since the last call."""
        signal.signal(signal.SIGTERM, _interrupt)
        arrived = bytearray()
        while True:
            try:
                chunk = self._reader.recv(4096)
            except BlockingIOError:
                break
            if not chunk:
                break
            arrived += chunk
        return any(number in STOP_SIGNALS for number in arrived)

    def __exit__(self, *_exc_info: object) -> None:
        signal.set_wakeup_fd(self._previous_wakeup)
        signal.signal(signal.SIGTERM, self._previous_term)
        self._reader.close()
        self._writer.close()


class StopAwareIngest:
    """The worker's ingest: ``run_ingest``, then a stop if one was requested meanwhile.

    The interrupted run is reported (and recorded in the history as failed) before the worker
    stops; a stop during an ingest that raised ends the worker instead of scheduling a retry.
    """

    def __init__(self, stops: StopSignals) -> None:
        self._stops = stops

    def __call__(self, settings: Settings) -> IngestSummary:
        from pipelines.watch import default_ingest

        try:
            summary = default_ingest(settings)
        except Exception:
            if self._stops.rearm():
                raise KeyboardInterrupt from None
            raise
        if self._stops.rearm():
            report_ingest(summary)
            raise KeyboardInterrupt
        return summary
