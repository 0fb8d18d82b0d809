"""Small helpers every domain's assets use: year partitions, run years, metadata previews."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import dagster as dg
import polars as pl

FIRST_BUDGET_YEAR = 2010
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"
PARTITION_TAG = "dagster/partition"
# Run tags of an ingest: whether a run that finds nothing new may end after matching, and
# whether it may rebuild only the budget years its new documents touch (``defs.incremental``).
SKIP_IF_UNCHANGED_TAG = "aqb/skip_if_unchanged"
INCREMENTAL_TAG = "aqb/incremental"


def budget_year_keys(today: date | None = None) -> list[str]:
    """Budget years from 2010 to next year (agreements for next year are signed in autumn)."""
    last_year = (today or date.today()).year + 1
    return [str(year) for year in range(FIRST_BUDGET_YEAR, last_year + 1)]


BUDGET_YEARS = dg.StaticPartitionsDefinition(budget_year_keys())


def full_range_tags() -> dict[str, str]:
    """Run tags that make one run cover every budget year (single-run backfill policy)."""
    keys = BUDGET_YEARS.get_partition_keys()
    return {RANGE_START_TAG: keys[0], RANGE_END_TAG: keys[-1]}


def years_of_run(tags: Mapping[str, str]) -> set[int] | None:
    """The budget years a run covers, from its partition tags; ``None`` means every year."""
    if RANGE_START_TAG in tags and RANGE_END_TAG in tags:
        keys = BUDGET_YEARS.get_partition_keys()
        start, end = keys.index(tags[RANGE_START_TAG]), keys.index(tags[RANGE_END_TAG])
        selected = {int(key) for key in keys[start : end + 1]}
        return None if len(selected) == len(keys) else selected
    if PARTITION_TAG in tags:
        return {int(tags[PARTITION_TAG])}
    return None


def markdown_preview(frame: pl.DataFrame, limit: int = 10) -> dg.MetadataValue:
    """A markdown table of the first rows, shown in the Dagster UI next to the asset."""
    if frame.is_empty():
        return dg.MetadataValue.md("_keine Zeilen_")
    head = frame.head(limit)
    header = "| " + " | ".join(head.columns) + " |"
    rule = "| " + " | ".join("---" for _ in head.columns) + " |"
    body = [
        "| "
        + " | ".join("" if value is None else str(value).replace("|", "/") for value in row)
        + " |"
        for row in head.iter_rows()
    ]
    return dg.MetadataValue.md("\n".join([header, rule, *body]))
