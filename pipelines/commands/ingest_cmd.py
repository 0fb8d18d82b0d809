"""``aqb ingest``: the ingest job in-process, with a progress bar and a summary a scheduler can act on.

Exit 0: a validated snapshot is current and nothing was quarantined or failed; 1: documents were
quarantined, a check failed or nothing could be published; 2: usage errors.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.cli import EXIT_ATTENTION, EXIT_OK
from pipelines.config import Settings, load_settings

if TYPE_CHECKING:  # Dagster is imported when an ingest runs, not when ``aqb`` builds its parser
    from pipelines.orchestration import IngestSummary


def add_location_arguments(parser: argparse.ArgumentParser) -> None:
    """Where an ingest reads and writes (``aqb ingest`` and ``aqb watch``)."""
    parser.add_argument(
        "--inbox",
        type=Path,
        help="folder of documents (default: AQB_INBOX_DIR, else the sample corpus)",
    )
    parser.add_argument(
        "--warehouse", type=Path, help="DuckDB warehouse file (default: AQB_WAREHOUSE_PATH)"
    )
    parser.add_argument(
        "--publish-dir", type=Path, help="folder of published snapshots (default: AQB_PUBLISH_DIR)"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_arguments(parser)
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar (for logs and cron)"
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Environment settings with the command line's overrides applied."""
    settings = load_settings()
    overrides: dict[str, Path] = {}
    if args.inbox is not None:
        overrides["inbox_dir"] = args.inbox.resolve()
    if args.warehouse is not None:
        overrides["warehouse_path"] = args.warehouse.resolve()
    if getattr(args, "publish_dir", None) is not None:
        overrides["publish_dir"] = args.publish_dir.resolve()
    return dataclasses.replace(settings, **overrides)


def format_summary(summary: IngestSummary) -> str:
    """The closing report, German first with the English term, one fact per line."""
    lines = [
        "",
        f"Dateien / files: {summary.files_seen}",
        f"Dokumente / documents: neu/new {summary.docs_new}, aktualisiert/updated {summary.docs_updated}, "
        f"unverändert/unchanged {summary.docs_unchanged}, in Quarantäne/quarantined {summary.docs_quarantined}",
        f"Duplikate (gleicher Inhalt, anderer Name) / duplicates: {summary.docs_duplicate}",
        f"Prüfungen / checks: bestanden/passed {summary.checks_passed}, Warnung/warned {summary.checks_warned}, "
        f"fehlgeschlagen/failed {summary.checks_failed}",
    ]
    if summary.published:
        lines.append(f"Veröffentlicht / published: ja/yes, snapshot {summary.snapshot_id}")
    elif summary.up_to_date:
        lines.append(
            f"Veröffentlicht / published: unverändert aktuell / up to date, snapshot {summary.snapshot_id}"
        )
    else:
        lines.append(
            f"Veröffentlicht / published: NEIN/NO (served: {summary.snapshot_id or 'nothing'})"
        )
    for name, reason in summary.quarantined:
        lines.append(f"  Quarantäne / quarantined: {name}: {reason}")
    for sentence in summary.failures:
        lines.append(f"  Fehler / failure: {sentence}")
    for sentence in summary.warnings:
        lines.append(f"  Warnung / warning: {sentence}")
    lines.append(
        f"Run {summary.run_id}"
        + (f"; Data Docs: {summary.data_docs_index}" if summary.data_docs_index else "")
    )
    return "\n".join(lines)


def exit_code(summary: IngestSummary) -> int:
    return EXIT_OK if summary.ok else EXIT_ATTENTION


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if not settings.effective_inbox.is_dir():
        print(f"aqb ingest: inbox {settings.effective_inbox} does not exist", file=sys.stderr)
        return EXIT_ATTENTION
    from pipelines.orchestration import run_ingest

    summary = run_ingest(settings, progress=not args.no_progress)
    print(format_summary(summary))
    return exit_code(summary)
