"""``aqb watch``: a long-lived ingest worker that runs the ingest as soon as the inbox changes.

Why a worker: a cold ``aqb ingest`` spends most of a one-file run before the file is read:
interpreter start, imports (Dagster, Great Expectations, pandas, Polars, DuckDB), the Dagster
instance and the GX context. A worker pays them once at start-up (``warm_up``), so a corrected
PDF dropped into the inbox is validated and on the dashboard within seconds. Every ingest it
starts is the same ``run_ingest`` as ``aqb ingest``: the real Dagster job, GX checks, publishing.

Change detection is a poll of the inbox's file names, sizes and modification times, and of the
review decisions log's (cheap: no file is read). A change is ingested once the inbox looks the same on two polls in a row, so a
file still being copied is not picked up half-written. A file that arrives during an ingest makes
the next poll differ from what that ingest saw, so it is ingested next: nothing is skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.config import Settings

if TYPE_CHECKING:
    from pipelines.orchestration import IngestSummary

InboxSignature = frozenset[tuple[str, int | None, int, str | None]]
IngestFunction = Callable[[Settings], "IngestSummary"]

DEFAULT_INTERVAL_SECONDS = 0.5
# after a failed ingest (e.g. another process holds the warehouse), wait before trying again
RETRY_AFTER_SECONDS = 10.0


def inbox_signature(inbox: Path) -> InboxSignature:
    """(relative path, size, mtime in ns, skip reason) of every entry under ``inbox``, as the
    registry lists them, so a new link or FIFO is recorded as promptly as a new document.
    Raises ``FileNotFoundError`` if the inbox is gone."""
    from pipelines.ingest.inbox import walk_inbox_entries

    return frozenset(
        (entry.relative_path, entry.size_bytes, entry.mtime_ns, entry.skip)
        for entry in walk_inbox_entries(inbox)
    )


REVIEW_LOG_ENTRY = "\0review-log"  # not a path any inbox file can have


def watch_signature(settings: Settings) -> InboxSignature:
    """The inbox signature plus the review decisions log's size and mtime: a decision appended
    by ``aqb review`` or the Prüfaufgaben page is ingested at once, like a dropped file."""
    signature = inbox_signature(settings.effective_inbox)
    try:
        status = settings.review_log.stat()
    except OSError:
        return signature
    return signature | {(REVIEW_LOG_ENTRY, status.st_size, status.st_mtime_ns)}


def default_ingest(settings: Settings) -> IngestSummary:
    from pipelines.orchestration import run_ingest

    return run_ingest(settings, launched_by="watch")


def warm_up(settings: Settings) -> None:
    """Pay the one-off costs of an ingest now instead of when the first document arrives:
    Dagster and the definitions, the parse workers' fork server (it imports the parsers), the
    persistent Dagster instance (kept open for every later run) and the GX process."""
    import pipelines.definitions  # noqa: F401 - imports every asset, check and their libraries
    from pipelines.ingest.pool import start_fork_server
    from pipelines.orchestration import run_instance
    from pipelines.quality.gx_process import warm_up as warm_up_gx

    start_fork_server()
    warm_up_gx(settings.data_docs_dir)
    run_instance()


@dataclass
class InboxWatcher:
    """Decides, one poll at a time, whether the inbox changed and settled, and ingests it then.

    ``ingest`` and ``clock`` are parameters so a test can count ingests and step time; the
    default ingest is ``run_ingest``.
    """

    settings: Settings
    ingest: IngestFunction = default_ingest
    clock: Callable[[], float] = time.monotonic
    retry_after_seconds: float = RETRY_AFTER_SECONDS
    last_ingested: InboxSignature | None = None  # what the last successful ingest saw
    pending: InboxSignature | None = None  # a change seen once, waiting to look the same again
    retry_at: float = 0.0
    errors: list[str] = field(default_factory=list)

    def poll(self) -> IngestSummary | None:
        """Look at the inbox once; returns the summary if this poll ran an ingest."""
        if self.clock() < self.retry_at:
            return None
        current = watch_signature(self.settings)
        if current == self.last_ingested:
            self.pending = None
            return None
        if current != self.pending:
            self.pending = current  # changed since the last look: let it settle one poll
            return None
        try:
            summary = self.ingest(self.settings)
        except Exception as error:  # e.g. the warehouse is locked by another ingest: try later
            self.errors.append(f"{type(error).__name__}: {error}")
            self.retry_at = self.clock() + self.retry_after_seconds
            return None
        self.last_ingested = current
        self.pending = None
        return summary


def watch(
    settings: Settings,
    interval_seconds: float = DEFAULT_INTERVAL_SECONDS,
    on_ingest: Callable[[IngestSummary], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    max_ingests: int | None = None,
    watcher: InboxWatcher | None = None,
) -> int:
    """Poll every ``interval_seconds`` until interrupted (or ``max_ingests`` ingests ran);
    returns the number of ingests. The first poll after start-up ingests whatever the inbox
    holds (usually nothing new: a no-change run that only records the sightings)."""
    watcher = watcher or InboxWatcher(settings)
    ingests = 0
    reported_errors = 0
    while max_ingests is None or ingests < max_ingests:
        summary = watcher.poll()
        for message in watcher.errors[reported_errors:]:
            if on_error is not None:
                on_error(message)
        reported_errors = len(watcher.errors)
        if summary is not None:
            ingests += 1
            if on_ingest is not None:
                on_ingest(summary)
            continue  # look again at once: files may have arrived during the ingest
        time.sleep(interval_seconds)
    return ingests
