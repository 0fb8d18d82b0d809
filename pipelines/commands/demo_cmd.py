"""``aqb demo``, the main job: sample corpus (if needed) -> ingest -> publish -> dashboard."""

from __future__ import annotations

import argparse
import sys

from pipelines.cli import EXIT_ATTENTION
from pipelines.commands.ingest_cmd import format_summary
from pipelines.commands.serve_cmd import add_serve_arguments, serve
from pipelines.config import Settings, load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_serve_arguments(parser)
    parser.add_argument(
        "--no-serve",
        action="store_true",
        help="ingest and publish only, do not start the dashboard",
    )


def ensure_sample_corpus(settings: Settings) -> None:
    """Without a configured inbox the demo runs on the synthetic corpus; write it once."""
    if settings.inbox_dir is not None or (
        settings.sample_dir.is_dir() and any(settings.sample_dir.iterdir())
    ):
        return
    from pipelines.corpus import generate_corpus

    print(
        f"Beispieldaten werden erzeugt / generating sample corpus in {settings.sample_dir} ...",
        file=sys.stderr,
    )
    generate_corpus(settings.sample_dir)


def run(args: argparse.Namespace) -> int:
    from pipelines.orchestration import run_ingest  # Dagster loads only when the job runs

    settings = load_settings()
    ensure_sample_corpus(settings)
    summary = run_ingest(settings, progress=True, launched_by="demo")
    from pipelines.ingest.pool import stop_fork_server

    stop_fork_server()  # the ingest is done: no parse worker waits while the dashboard serves
    print(format_summary(summary))
    if summary.snapshot_id is None:
        print("aqb demo: no snapshot was ever published; nothing to serve", file=sys.stderr)
        return EXIT_ATTENTION
    if args.no_serve:
        return 0 if summary.ok else EXIT_ATTENTION
    return serve(args.port, args.host)
