"""Run the real Dagster ingest job in-process, without the UI, and summarise what it did.

``aqb ingest``, ``aqb demo``, the tests and the bench all go through ``run_ingest`` so they
exercise exactly the definitions ``dagster dev`` and the daemon run. With ``DAGSTER_HOME`` set
the run is recorded in that instance, else in the project's ``data/dagster_home``
(``pipelines.operations.instance``): every run shows in the UI and gets an ``ingest_runs`` row.
"""

from __future__ import annotations

import fcntl
import logging
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import warehouse
from pipelines.config import Settings, load_limits
from pipelines.german import german_date
from pipelines.ingest.inbox import printable_path
from pipelines.timestamps import utc_now

if TYPE_CHECKING:  # the registry's scan type, imported with it when an ingest runs
    from pipelines.ingest.registry import InboxScan

if TYPE_CHECKING:  # imported when the job runs: a no-change ingest never loads Dagster
    import dagster as dg

# Dagster warns (plain logging) that a skipped blocking check "emitted no result" whenever a
# no-change run ends early; that is expected there, so the CLI does not show it.
_SKIPPED_CHECK_LOGGER = "dagster._core.execution.plan.active"
INGEST_STEP_EVENTS = {"STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED", "STEP_UP_FOR_RETRY"}


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest did; ``failures`` are sentences a data engineer can act on."""

    run_id: str
    docs_new: int
    docs_updated: int
    docs_unchanged: int
    docs_quarantined: int
    checks_passed: int
    checks_warned: int
    checks_failed: int
    published: bool  # a new snapshot was published by this run
    snapshot_id: str | None  # the snapshot the dashboard serves after this run (new or kept)
    snapshot_path: str | None
    failures: list[str] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (file, reason) of this run
    warnings: list[str] = field(default_factory=list)
    # failed warnings a reviewer's running waiver covers: shown, never a reason for exit 1
    waived: list[str] = field(default_factory=list)
    up_to_date: bool = False  # nothing changed: the current snapshot already shows this state
    run_success: bool = True
    data_docs_index: str | None = None
    # files whose bytes were already known under another name (they add nothing but a sighting)
    docs_duplicate: int = 0
    # inbox entries not read (links, FIFOs, hidden names, unreadable, still being written...)
    docs_skipped: int = 0
    files_seen: int = 0  # every inbox entry = new + updated + unchanged + duplicate
    #                      + quarantined + skipped
    # what needs a look whichever run caused it: quarantined files still in the inbox (whole
    # file or some rows)
    outstanding: list[tuple[str, str]] = field(default_factory=list)
    # entries this run's listing skipped, other than hidden names and corpus descriptions
    skipped_entries: list[tuple[str, str]] = field(default_factory=list)
    # (step key, started, finished) in unix seconds, from the run's event log: where time went
    step_intervals: list[tuple[str, float, float]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Exit 0 for a scheduler: data served is current and validated, no check warned (a
        warning a reviewer waived until a later date does not count) and nothing is outstanding
        (quarantined or skipped, in this run or an earlier one)."""
        return (
            (self.published or self.up_to_date)
            and self.run_success
            and self.checks_failed == 0
            and (self.checks_warned == 0 or not self.warnings)
            and self.docs_quarantined == 0
            and not self.outstanding
            and not self.skipped_entries
            and not self.failures
        )


_instances: dict[str, dg.DagsterInstance] = {}


def run_instance() -> dg.DagsterInstance:
    """The persistent instance (``pipelines.operations.instance``), opened once per process and
    kept, so a long-lived ``aqb watch`` pays for opening its storage once; every run shows in
    the Dagster UI with its materializations, checks and logs."""
    import dagster as dg

    from pipelines.operations.instance import ensure_dagster_home

    home = str(ensure_dagster_home())
    if home not in _instances:
        _instances[home] = dg.DagsterInstance.get()
    return _instances[home]


def step_intervals(instance: dg.DagsterInstance, run_id: str) -> list[tuple[str, float, float]]:
    """(step key, start, end) of every step that finished, read back from the run's event log,
    so the CLI, the tests and the bench see per-step durations."""
    import dagster as dg

    wanted = {
        dg.DagsterEventType.STEP_START,
        dg.DagsterEventType.STEP_SUCCESS,
        dg.DagsterEventType.STEP_FAILURE,
    }
    starts: dict[str, float] = {}
    intervals: list[tuple[str, float, float]] = []
    for entry in instance.all_logs(run_id, of_type=wanted):
        if entry.dagster_event_type == dg.DagsterEventType.STEP_START:
            starts[entry.step_key] = entry.timestamp
        elif entry.step_key in starts:
            intervals.append((entry.step_key, starts.pop(entry.step_key), entry.timestamp))
    return intervals


class _ProgressHandler(logging.Handler):
    """Advances a tqdm bar (on stderr) by one for every step that finishes or is skipped."""

    def __init__(self, bar: Any) -> None:
        super().__init__(level=logging.DEBUG)
        self.bar = bar

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = (
            meta.get("dagster_event")
            if isinstance(meta, dict)
            else getattr(meta, "dagster_event", None)
        )
        if event is not None and event.event_type_value in INGEST_STEP_EVENTS:
            self.bar.set_postfix_str(event.step_key or "", refresh=False)
            self.bar.update(1)


@contextmanager
def _progress_logger(enabled: bool, total_steps: int) -> Iterator[dg.LoggerDefinition | None]:
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=total_steps, desc="aqb ingest", unit="Schritt", file=sys.stderr, leave=True)
    handler = _ProgressHandler(bar)

    import dagster as dg

    @dg.logger(description="tqdm progress bar for aqb ingest")
    def progress_logger(_init_context: dg.InitLoggerContext) -> logging.Logger:
        logger = logging.getLogger("aqb.ingest.progress")
        logger.handlers = [handler]
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        return logger

    try:
        yield progress_logger
    finally:
        bar.close()


def _metadata_value(
    result: dg.ExecuteInProcessResult, node: str, key: str, default: Any = None
) -> Any:
    for materialization in result.asset_materializations_for_node(node):
        if key in materialization.metadata:
            return materialization.metadata[key].value
    return default


def _step_failures(result: dg.ExecuteInProcessResult) -> list[str]:
    sentences = []
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE" and event.step_key:
            error = event.step_failure_data.error if event.step_failure_data else None
            while (
                error is not None and error.cause is not None
            ):  # the user's error, not Dagster's wrapper
                error = error.cause
            message = error.message.strip().splitlines()[0] if error and error.message else "failed"
            sentences.append(f"step {event.step_key}: {message}")
    return sentences


def _document_counts(result: dg.ExecuteInProcessResult) -> dict[str, int]:
    """The run's document counts (``history.document_counts``) from its materializations."""
    from pipelines.operations.history import document_counts

    metadata = {
        node: {
            key: _metadata_value(result, node, key, 0)
            for key in ("new", "updated", "quarantined", "sightings", "duplicates", "skipped")
        }
        for node in ("parsed_documents", "raw_document_registry")
    }
    return document_counts(metadata)


def _check_counts(result: dg.ExecuteInProcessResult) -> tuple[int, int, int]:
    """Passed, warned and failed data checks; freshness checks are reported apart (Aktualität),
    since an overdue agreement says nothing about the data this run brought."""
    import dagster as dg

    from pipelines.operations.history import FRESHNESS_CHECKS

    passed = warned = failed = 0
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.check_name in FRESHNESS_CHECKS:
            continue
        if evaluation.passed:
            passed += 1
        elif evaluation.severity == dg.AssetCheckSeverity.WARN:
            warned += 1
        else:
            failed += 1
    return passed, warned, failed


def _check_sentences(connection, run_id: str) -> tuple[list[str], list[str], list[str]]:
    """Failed check rules of this run: (errors, warnings, waived), one sentence per rule and
    year. A warning under a running waiver is 'waived'; under an expired one it is an error
    sentence (the reviewer's "accepted until" has passed: someone must look again)."""
    rows = connection.sql(
        warehouse.load_sql("statements/runs/failed_checks_of_run"), params=[run_id]
    ).pl()
    errors, warnings, waived = [], [], []
    for row in rows.iter_rows(named=True):
        year = f" {row['year']}" if row["year"] is not None else ""
        detail = f": {row['detail']}" if row["detail"] else ""
        sentence = (
            f"Prüfung {row['suite']} / {row['rule']}{year}: "
            f"{row['unexpected_count'] or 0} Zeilen nicht erfüllt{detail}"
        )
        if row["severity"] == "error":
            errors.append(sentence)
        elif row["waiver_status"] == "waived":
            waived.append(f"{sentence} ({_waiver_text(row, 'ausgenommen bis')})")
        elif row["waiver_status"] == "expired":
            errors.append(f"{sentence} ({_waiver_text(row, 'Ausnahme abgelaufen am')})")
        else:
            warnings.append(sentence)
    return errors, warnings, waived


def _waiver_text(row: dict[str, Any], label: str) -> str:
    until = german_date(row["waiver_until"])
    return f"{label} {until} von {row['waived_by']}: {row['waiver_reason']}"


def outstanding_entries(connection) -> dict[str, list[tuple[str, str]]]:
    """(entry, German reason: detail) of everything in the current inbox that needs a look, as
    IngestSummary fields: ``outstanding`` (quarantined files and files with rejected rows,
    whichever run quarantined them) and ``skipped_entries`` (this listing's skipped entries
    other than hidden names and the corpus' own description files), kept apart so the report
    does not call an entry skipped just now "left by an earlier run"."""
    rows = connection.execute(warehouse.load_sql("statements/runs/outstanding_entries")).fetchall()
    entries: dict[str, list[tuple[str, str]]] = {"outstanding": [], "skipped_entries": []}
    for path, german, detail, skipped in rows:
        kind = "skipped_entries" if skipped else "outstanding"
        entries[kind].append((printable_path(path), f"{german}: {detail}"))
    return entries


def _quarantined_since(connection, started_at: datetime) -> list[tuple[str, str]]:
    from pipelines.ingest.loader import quarantined_since

    rows = quarantined_since(connection, started_at)
    return [
        (
            row["original_name"]
            + (f" ({row['rejected_rows']} Zeilen abgelehnt)" if row["rejected_rows"] else ""),
            f"{row['reason_de']}: {row['reason']}",
        )
        for row in rows.iter_rows(named=True)
    ]


def _unchanged_inbox(connection, settings: Settings) -> InboxScan | None:
    """The inbox files when nothing could change the served snapshot, else None.

    Nothing changed when every inbox file has the size and mtime of its last registration
    (so no file is read), every known document is parsed with the current parser, and the
    warehouse fingerprint is the one the current snapshot was published from.
    """
    from pipelines.ingest.loader import default_parser_version, pending_documents
    from pipelines.ingest.registry import known_inbox_hashes, scan_entries
    from pipelines.publish.snapshot import current_snapshot_id
    from pipelines.publish.state import read_published_state, warehouse_fingerprint

    state = read_published_state(settings.publish_dir)
    if state is None or state.get("snapshot_id") != current_snapshot_id(settings.publish_dir):
        return None
    known = known_inbox_hashes(connection)
    scan = scan_entries(settings.effective_inbox, known, hash_unknown=False)
    if scan is None or pending_documents(connection, default_parser_version()):
        return None
    fingerprint = warehouse_fingerprint(
        connection, default_parser_version(), settings.extra_districts_path, settings.review_log
    )
    return scan if state.get("fingerprint") == fingerprint else None


def _run_unchanged(settings: Settings, launched_by: str) -> IngestSummary | None:
    """The no-change fast path: record the sightings and an ``ingest_runs`` row without
    starting Dagster (its instance and steps cost more than the whole check), or None when
    something may have changed and the job must run."""
    from pipelines.ingest.registry import register_documents
    from pipelines.operations.history import IngestRunRow, export_history, record_run
    from pipelines.publish.snapshot import current_snapshot, current_snapshot_id

    if not settings.warehouse_path.is_file():
        return None
    started_at = utc_now()
    with warehouse.connect(settings.warehouse_path) as connection:
        scan = _unchanged_inbox(connection, settings)
        if scan is None:
            return None
        run_id = f"unchanged-{uuid.uuid4()}"
        registration = register_documents(
            connection,
            scan.files,
            settings.archive_dir,
            run_id,
            is_sample=False,
            skipped=scan.skipped,
            inbox=settings.effective_inbox,
        )
        duplicates = registration.duplicates
        current_path = current_snapshot(settings.publish_dir)
        data_docs_index = settings.data_docs_dir / "index.html"
        summary = IngestSummary(
            run_id=run_id,
            docs_new=0,
            docs_updated=0,
            docs_unchanged=registration.sightings - duplicates,
            docs_quarantined=0,
            docs_duplicate=duplicates,
            docs_skipped=len(registration.skipped),
            files_seen=registration.sightings + len(registration.skipped),
            checks_passed=0,
            checks_warned=0,
            checks_failed=0,
            published=False,
            snapshot_id=current_snapshot_id(settings.publish_dir),
            snapshot_path=str(current_path) if current_path else None,
            up_to_date=True,
            data_docs_index=str(data_docs_index) if data_docs_index.is_file() else None,
            **outstanding_entries(connection),
        )
        record_run(
            connection,
            IngestRunRow(
                run_id=run_id,
                started_at=started_at,
                finished_at=utc_now(),
                status="UNCHANGED",
                launched_by=launched_by,
                docs_unchanged=summary.docs_unchanged,
                docs_duplicate=duplicates,
                snapshot_id=summary.snapshot_id,
            ),
        )
        export_history(connection, settings.publish_dir)
    return summary


class WarehouseBusyError(RuntimeError):
    """Another ingest holds the warehouse for longer than the configured wait."""


@contextmanager
def ingest_lock(settings: Settings, wait_seconds: float) -> Iterator[None]:
    """Hold ``<warehouse>.lock`` (an advisory ``flock``) for one whole ingest, waiting up to
    ``wait_seconds`` for another ingest to finish first. A second ``aqb ingest`` or ``aqb watch``
    never opens the warehouse while the first one works (DuckDB allows one writer: opening it
    would fail one of the two mid-run), and says so with exit 3 once the wait is over."""
    lock_path = settings.warehouse_path.with_name(settings.warehouse_path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusyError(
                        f"another ingest still holds {settings.warehouse_path} after "
                        f"{wait_seconds:g} s (AQB_INGEST_LOCK_WAIT); it was left undisturbed"
                    ) from None
                time.sleep(min(0.2, max(deadline - time.monotonic(), 0.01)))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_ingest(
    settings: Settings, progress: bool = False, launched_by: str = "cli"
) -> IngestSummary:
    """Execute the definitions' ``ingest_job`` over every budget year in this process, in the
    persistent instance, and summarise it; writes the run's ``ingest_runs`` row (``launched_by``:
    cli, watch or demo). Never raises for data problems: they are in
    ``failures``, ``quarantined`` and the check counts. When the inbox provably holds nothing
    new (``_run_unchanged``) the job is not started at all. Raises ``WarehouseBusyError`` when
    another ingest holds the warehouse longer than ``AQB_INGEST_LOCK_WAIT``."""
    with ingest_lock(settings, load_limits().lock_wait_seconds):
        return _locked_ingest(settings, progress, launched_by)


def _locked_ingest(settings: Settings, progress: bool, launched_by: str) -> IngestSummary:
    from pipelines.ingest.registry import remove_stale_temp_files as remove_archive_temps
    from pipelines.publish.snapshot import remove_stale_temp_files as remove_publish_temps

    # what a killed run left behind; nobody else writes these while the lock is held
    remove_archive_temps(settings.archive_dir)
    remove_publish_temps(settings.publish_dir)
    unchanged = _run_unchanged(settings, launched_by)
    if unchanged is not None:
        return unchanged
    from pipelines.quality.gx_process import warm_up as warm_up_gx

    # something changed, so checks will run: GX imports in its own process meanwhile
    warm_up_gx(settings.data_docs_dir)
    from pipelines.definitions import build_definitions
    from pipelines.defs.jobs import INGEST_JOB, ingest_run_tags
    from pipelines.operations.history import (
        LAUNCHED_BY_TAG,
        export_history,
        record_run,
        run_row,
    )
    from pipelines.publish.snapshot import current_snapshot, current_snapshot_id
    from pipelines.resources import build_resources

    started_at = utc_now()
    definitions = build_definitions(build_resources(settings))
    job = definitions.resolve_job_def(INGEST_JOB)
    total_steps = len(definitions.resolve_all_asset_specs()) + len(
        definitions.resolve_asset_graph().asset_check_keys
    )
    with _progress_logger(progress, total_steps) as progress_logger:
        loggers = {"console": {"config": {"log_level": "ERROR"}}}
        if progress_logger is not None:
            job = job.with_logger_defs({**job.loggers, "aqb_progress": progress_logger})
            loggers["aqb_progress"] = {}
        plan_logger = logging.getLogger(_SKIPPED_CHECK_LOGGER)
        previous_level = plan_logger.level
        plan_logger.setLevel(logging.ERROR)
        try:
            instance = run_instance()
            result = job.execute_in_process(
                instance=instance,
                tags={**ingest_run_tags(), LAUNCHED_BY_TAG: launched_by},
                raise_on_error=False,
                run_config={"loggers": loggers},
            )
            intervals = step_intervals(instance, result.run_id)
        finally:
            plan_logger.setLevel(previous_level)
    run_id = result.run_id
    published = bool(result.asset_materializations_for_node("published_snapshot"))
    skipped_unchanged = result.success and not result.asset_materializations_for_node(
        "project_matches"
    )
    passed, warned, failed = _check_counts(result)
    with warehouse.connect(settings.warehouse_path) as connection:
        check_errors, check_warnings, check_waived = _check_sentences(connection, run_id)
        quarantined = _quarantined_since(connection, started_at)
        failures = [*check_errors]
        failures += [
            sentence
            for sentence in _step_failures(result)
            if "blocking asset check" not in sentence
        ]
        if not published and not skipped_unchanged:
            kept = current_snapshot_id(settings.publish_dir)
            failures.append(
                "nothing was published; the dashboard keeps serving "
                + (f"snapshot {kept}" if kept else "no snapshot (none was ever published)")
            )
        current_path = current_snapshot(settings.publish_dir)
        data_docs_index = settings.data_docs_dir / "index.html"
        counts = _document_counts(result)
        summary = IngestSummary(
            run_id=run_id,
            docs_new=counts["new"],
            docs_updated=counts["updated"],
            docs_unchanged=counts["unchanged"],
            docs_quarantined=counts["quarantined"],
            docs_duplicate=counts["duplicate"],
            docs_skipped=counts["skipped"],
            files_seen=counts["files_seen"],
            checks_passed=passed,
            checks_warned=warned,
            checks_failed=failed,
            published=published,
            snapshot_id=current_snapshot_id(settings.publish_dir),
            snapshot_path=str(current_path) if current_path else None,
            failures=failures,
            quarantined=quarantined,
            warnings=check_warnings,
            waived=check_waived,
            up_to_date=bool(skipped_unchanged),
            run_success=result.success,
            data_docs_index=str(data_docs_index) if data_docs_index.is_file() else None,
            step_intervals=intervals,
            **outstanding_entries(connection),
        )
        row = run_row(instance, run_id)
        if row is not None:
            record_run(connection, row)
            export_history(connection, settings.publish_dir)
    return summary
