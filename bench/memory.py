"""Peak memory of a whole process tree, sampled from /proc.

``ru_maxrss`` gives the largest single process only; the ingest parses in a process pool, so
the figure that matters against "under 1 GB" is the sum over the job and all its descendants.
The sum of RSS counts shared pages more than once, so it errs on the high side.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _parent_map() -> dict[int, int]:
    """pid -> ppid for every process visible in /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name (field 2) may contain spaces and parentheses: split after the last ')'
        fields_after_name = stat.rsplit(")", 1)[1].split()
        parents[int(entry.name)] = int(fields_after_name[1])
    return parents


def descendants(root_pid: int) -> list[int]:
    """``root_pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for pid, ppid in _parent_map().items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def tree_rss_bytes(root_pid: int, include_root: bool = True) -> int:
    """Resident memory of ``root_pid`` and its descendants, summed (only the descendants, e.g.
    a parse pool's workers, with ``include_root=False``)."""
    total = 0
    for pid in descendants(root_pid):
        if pid == root_pid and not include_root:
            continue
        try:
            resident_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += resident_pages * PAGE_BYTES
    return total


class TreeMemorySampler:
    """Samples a process tree's summed RSS in a background thread until stopped."""

    def __init__(
        self, root_pid: int, interval_seconds: float = 0.05, include_root: bool = True
    ) -> None:
        self.root_pid = root_pid
        self.interval_seconds = interval_seconds
        self.include_root = include_root
        self.peak_bytes = 0
        self.samples = 0
        self.timeline: list[tuple[float, int]] = []  # (unix time, tree bytes): peaks per step
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-rss-sampler", daemon=True)

    def __enter__(self) -> TreeMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            sample = tree_rss_bytes(self.root_pid, self.include_root)
            self.peak_bytes = max(self.peak_bytes, sample)
            self.timeline.append((time.time(), sample))
            self.samples += 1
            self._stop.wait(self.interval_seconds)


def peak_between(timeline: list[tuple[float, int]], start: float, end: float) -> int | None:
    """Largest sample taken between ``start`` and ``end`` (unix times), None if none fell inside."""
    inside = [sample for moment, sample in timeline if start <= moment <= end]
    return max(inside) if inside else None
