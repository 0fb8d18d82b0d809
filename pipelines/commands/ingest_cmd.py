"""``aqb ingest``: the ingest job in-process, with a progress bar and a summary a scheduler can act on.

Exit 0: a validated snapshot is current, no check failed or warned and nothing in the inbox is
outstanding; 1: something needs a look (quarantined or skipped entries, from this run or an
earlier one, a failed or warned check, nothing published); 2: usage errors; 3: the run failed or
could not start (e.g. another ingest holds the warehouse longer than ``AQB_INGEST_LOCK_WAIT``).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from pipelines.cli import EXIT_ATTENTION, EXIT_FAILED, EXIT_OK
from pipelines.config import Settings, load_settings
from pipelines.german import german_eur
from pipelines.ingest.inbox import printable_path
from pipelines.timestamps import utc_now

# quarantined / outstanding entries named one by one at the end of a run
SUMMARY_ITEMS = 20

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
        f"Übersprungen / skipped: {summary.docs_skipped}",
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
    lines += _listed("Quarantäne / quarantined", summary.quarantined)
    lines += _listed("Offen aus früheren Läufen / outstanding from earlier runs", _earlier(summary))
    lines += _listed("Übersprungen / skipped", summary.skipped_entries)
    for sentence in summary.failures:
        lines.append(f"  Fehler / failure: {sentence}")
    for sentence in summary.warnings:
        lines.append(f"  Warnung / warning: {sentence}")
    for sentence in summary.waived:
        lines.append(f"  Ausgenommen / waived: {sentence}")
    lines.append(
        f"Run {summary.run_id}"
        + (f"; Data Docs: {summary.data_docs_index}" if summary.data_docs_index else "")
    )
    return "\n".join(lines)


# what ``_quarantined_since`` appends to a file name when only some of its rows were rejected
_REJECTED_SUFFIX = re.compile(r" \(\d+ Zeilen abgelehnt\)$")


def _earlier(summary: IngestSummary) -> list[tuple[str, str]]:
    """Outstanding entries this run did not quarantine itself: a file quarantined now is listed
    once (above), while what earlier runs left in the inbox still shows and still counts."""
    this_run = {
        (printable_path(_REJECTED_SUFFIX.sub("", name)), printable_path(reason))
        for name, reason in summary.quarantined
    }
    return [
        (path, reason)
        for path, reason in summary.outstanding
        if (PurePosixPath(path).name, printable_path(reason)) not in this_run
    ]


def _listed(label: str, items: list[tuple[str, str]]) -> list[str]:
    """One line per item, the first ``SUMMARY_ITEMS`` of them; names and reasons escaped so a
    file name cannot forge a line of the report (the Eingangsprotokoll lists every entry)."""
    lines = [
        f"  {label}: {printable_path(name)}: {printable_path(reason)}"
        for name, reason in items[:SUMMARY_ITEMS]
    ]
    if len(items) > SUMMARY_ITEMS:
        lines.append(
            f"  {label}: ... {len(items) - SUMMARY_ITEMS} weitere / more "
            "(aqb export eingangsprotokoll, aqb export quarantaene)"
        )
    return lines


def exit_code(summary: IngestSummary) -> int:
    if not summary.run_success:
        return EXIT_FAILED
    return EXIT_OK if summary.ok else EXIT_ATTENTION


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if not settings.effective_inbox.is_dir():
        print(
            f"aqb ingest: inbox {printable_path(str(settings.effective_inbox))} does not exist",
            file=sys.stderr,
        )
        return EXIT_FAILED
    from pipelines.orchestration import WarehouseBusyError, run_ingest

    started = utc_now()  # first_seen_at is naive UTC
    try:
        summary = run_ingest(settings, progress=not args.no_progress)
    except WarehouseBusyError as error:
        print(f"aqb ingest: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(format_summary(summary))
    for line in updated_agreement_lines(settings.warehouse_path, started):
        print(line)
    print(served_check_line(summary.snapshot_id, summary.snapshot_path))
    return exit_code(summary)


def _read(path: Path, statement: str, parameters: list) -> list[tuple]:
    """Rows of ``statement`` over a closed DuckDB file, opened read-only (empty when the file
    or its table is missing: an old warehouse, nothing published)."""
    import duckdb

    from warehouse import load_sql

    if not path.is_file():
        return []
    try:
        with duckdb.connect(str(path), read_only=True) as connection:
            return connection.execute(load_sql(statement), parameters).fetchall()
    except duckdb.CatalogException:
        return []


def _eur(value) -> str:
    return "–" if value is None else german_eur(float(value), 0)


def updated_agreement_lines(warehouse_path: Path, started: datetime) -> list[str]:
    """One line per agreement this run superseded: district, year, budget old -> new."""
    rows = _read(warehouse_path, "statements/runs/updated_agreements", [started])
    return [
        f"  Aktualisierte Zielvereinbarung / updated agreement: {name} ({ags}) {year}, "
        f"Fassung/version {version}: {_eur(old)} -> {_eur(new)} ({printable_path(source)})"
        for ags, name, year, version, old, new, source in rows
    ]


def served_check_line(snapshot_id: str | None, snapshot_path: str | None) -> str:
    """The check state of the snapshot the dashboard serves after this run (it may be an older
    one, with failures this run did not see)."""
    if not snapshot_id or not snapshot_path:
        return "Ausgelieferter Datenstand / served snapshot: keiner / none"
    rows = _read(Path(snapshot_path), "statements/runs/served_check_state", [])
    errors = [row for row in rows if row[0] == "error"]
    warnings = [row for row in rows if row[0] != "error"]
    named = "; ".join(
        f"{suite} {year if year is not None else 'alle Jahre'}" for _sev, suite, _rule, year in rows
    )
    return (
        f"Ausgelieferter Datenstand / served snapshot {snapshot_id}: Prüfungen nicht erfüllt / "
        f"failing checks: Fehler/errors {len(errors)}, Warnungen/warnings {len(warnings)}"
        + (f" ({named})" if named else "")
    )
