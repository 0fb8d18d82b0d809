"""The one clock of the pipeline: "now" in UTC.

The warehouse stores timestamps as UTC without zone (DuckDB ``TIMESTAMP``); screens and downloads
convert them to Europe/Berlin (``pipelines.exports.berlin``). Every "now" that is stored or
compared with stored times comes from here, so none is local time by accident.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now_aware() -> datetime:
    """Now, zone-aware in UTC (for APIs that want a zone: GX run ids, ISO strings in logs)."""
    return datetime.now(UTC)


def utc_now() -> datetime:
    """Now in UTC without zone, as the warehouse stores and compares timestamps."""
    return utc_now_aware().replace(tzinfo=None)
