"""Map Dagster step keys to the issue's stages (extract+parse, load, check, publish).

The asset names belong to the orchestration module and may change; matching on words in the
step key keeps the bench working without asking that module for anything. Unknown steps land in
"other" and are still listed one by one in the report, so nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# (stage, words) in priority order: the first stage whose word occurs in the step key wins.
STAGE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("check", ("check", "expect", "validat", "quality", "gx_", "data_docs")),
    ("publish", ("publish", "snapshot")),
    ("marts", ("mart",)),
    ("extract+parse", ("parse", "extract")),
    ("register", ("raw", "registry", "inbox", "archive", "sighting")),
    (
        "load",
        (
            "stag",
            "stg",
            "load",
            "warehouse",
            "reference",
            "ref_",
            "agreement",
            "decision",
            "quarantine",
        ),
    ),
)
STAGES: tuple[str, ...] = (
    "register",
    "extract+parse",
    "load",
    "marts",
    "check",
    "publish",
    "other",
)
# The part the floor comparison covers: reading documents to rows in DuckDB.
FLOOR_STAGES: tuple[str, ...] = ("register", "extract+parse", "load")


def stage_of(step_key: str) -> str:
    """The stage a Dagster step belongs to, judged by the words in its key."""
    key = step_key.lower()
    for stage, words in STAGE_RULES:
        if any(word in key for word in words):
            return stage
    return "other"


def stage_totals(step_seconds: Mapping[str, float]) -> dict[str, float]:
    """Seconds per stage from seconds per step (steps run one after another in-process)."""
    totals = dict.fromkeys(STAGES, 0.0)
    for step_key, seconds in step_seconds.items():
        totals[stage_of(step_key)] += seconds
    return totals


def floor_stage_seconds(totals: Mapping[str, float], stages: Iterable[str] = FLOOR_STAGES) -> float:
    """Seconds the pipeline spent in the stages the floor also does."""
    return sum(totals.get(stage, 0.0) for stage in stages)
