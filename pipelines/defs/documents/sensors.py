"""Inbox sensor: a run for each new or changed file, recognised by its content hash.

The cursor maps each inbox path to ``[size, mtime_ns, sha256]`` so unchanged files are not
re-hashed on every tick; the run key is the content hash, so one new file gives exactly one run
(and the same bytes arriving again under another name give none).
"""

import json
from pathlib import Path

import dagster as dg

from pipelines.defs.jobs import INGEST_JOB, ingest_run_tags
from pipelines.ingest.inbox import walk_inbox_entries
from pipelines.ingest.registry import ChangedWhileReading, hash_file
from pipelines.resources import AqbPathsResource

CursorEntry = list  # [size_bytes, mtime_ns, sha256]


def _load_cursor(raw: str | None) -> dict[str, CursorEntry]:
    if not raw:
        return {}
    try:
        loaded = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def scan_with_cursor(inbox: Path, previous: dict[str, CursorEntry]) -> dict[str, CursorEntry]:
    """Current ``path -> [size, mtime_ns, sha256]``; hashes only files whose size or mtime moved."""
    current: dict[str, CursorEntry] = {}
    if not inbox.is_dir():
        return current
    for entry in walk_inbox_entries(inbox):
        if entry.skip is not None:
            continue
        relative = entry.relative_path
        known = previous.get(relative)
        if known and known[0] == entry.size_bytes and known[1] == entry.mtime_ns:
            current[relative] = known
            continue
        try:
            sha256, size_bytes = hash_file(Path(entry.path))
        except (OSError, ChangedWhileReading):
            continue  # unreadable or still being written: the ingest records why
        current[relative] = [size_bytes, entry.mtime_ns, sha256]
    return current


def new_content(
    previous: dict[str, CursorEntry], current: dict[str, CursorEntry]
) -> dict[str, str]:
    """sha256 -> first path for contents not seen in the previous cursor (new or changed files)."""
    seen = {entry[2] for entry in previous.values()}
    fresh: dict[str, str] = {}
    for relative, entry in current.items():
        if entry[2] not in seen and entry[2] not in fresh:
            fresh[entry[2]] = relative
    return fresh


@dg.sensor(
    name="inbox_sensor",
    job_name=INGEST_JOB,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Starts an ingest for each new or changed file in the inbox (by content hash).",
)
def inbox_sensor(
    context: dg.SensorEvaluationContext, aqb_paths: AqbPathsResource
) -> dg.SensorResult:
    previous = _load_cursor(context.cursor)
    current = scan_with_cursor(aqb_paths.inbox, previous)
    fresh = new_content(previous, current)
    run_requests = [
        dg.RunRequest(
            run_key=f"inbox-{sha256}",
            tags={**ingest_run_tags(), "aqb/trigger_file": relative[:200]},
        )
        for sha256, relative in fresh.items()
    ]
    if run_requests:
        context.log.info(f"{len(run_requests)} new or changed files in {aqb_paths.inbox}")
    return dg.SensorResult(run_requests=run_requests, cursor=json.dumps(current, sort_keys=True))
