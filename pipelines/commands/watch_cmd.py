"""``aqb watch``: keep an ingest worker running and ingest whenever the inbox changes.

For on-demand ingests that must feel instant (a district sends a corrected PDF): start-up costs
are paid once, each change runs the same ingest as ``aqb ingest``. Runs until Ctrl+C. Use either
this worker or the Dagster inbox sensor for an inbox, not both: DuckDB has one writer.
"""

from __future__ import annotations

import argparse
import signal
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from pipelines.cli import EXIT_ATTENTION, EXIT_OK
from pipelines.commands.ingest_cmd import (
    add_location_arguments,
    format_summary,
    settings_from_args,
)
from pipelines.german import german_datetime
from pipelines.watch import DEFAULT_INTERVAL_SECONDS

if TYPE_CHECKING:
    from pipelines.orchestration import IngestSummary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_arguments(parser)
    parser.add_argument(
        "--interval",
        type=float,
        default=DEFAULT_INTERVAL_SECONDS,
        help=f"seconds between looks at the inbox (default {DEFAULT_INTERVAL_SECONDS})",
    )


def _now() -> str:
    return german_datetime(datetime.now(), seconds=True)


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
    from pipelines.watch import warm_up, watch

    print(f"{_now()} aqb watch: lade / loading ...", flush=True)
    warm_up(settings)
    print(
        f"{_now()} aqb watch: beobachte / watching {settings.effective_inbox} "
        f"(alle / every {args.interval:g} s; Strg+C beendet / Ctrl+C stops)",
        flush=True,
    )
    previous = signal.signal(signal.SIGTERM, _interrupt)  # systemd stops the unit with SIGTERM
    try:
        watch(settings, args.interval, on_ingest=report_ingest, on_error=report_error)
    except KeyboardInterrupt:
        print(f"{_now()} aqb watch: beendet / stopped", flush=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        from pipelines.ingest.pool import stop_fork_server

        stop_fork_server()
    return EXIT_OK


def _interrupt(_signum, _frame) -> None:
    """SIGTERM ends the worker like Ctrl+C: a running ingest is interrupted (Dagster marks the
    run as failed and the history sensor records it), the poll loop stops, the process exits."""
    raise KeyboardInterrupt
