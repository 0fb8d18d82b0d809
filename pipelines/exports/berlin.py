"""Pipeline timestamps in the time users read: Europe/Berlin.

The warehouse stores naive UTC timestamps (``pipelines.timestamps.utc_now``: UTC without zone); every screen,
download and briefing shows them in German local time with the zone named (MEZ/MESZ), so the
dashboard, the XLSX Info sheet and a CSV never disagree by an hour.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pipelines.german import german_date

BERLIN = ZoneInfo("Europe/Berlin")
ZONE_NAMES_DE = {"CET": "MEZ", "CEST": "MESZ"}


def to_berlin(value: datetime) -> datetime:
    """A naive UTC (or zone-aware) timestamp as an aware Europe/Berlin timestamp."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BERLIN)


def berlin_naive(value: datetime) -> datetime:
    """Berlin wall-clock time without zone (for cells: Excel has no time zones)."""
    return to_berlin(value).replace(tzinfo=None)


def zone_name(value: datetime) -> str:
    """'MEZ' or 'MESZ' for a Berlin timestamp."""
    name = to_berlin(value).tzname() or ""
    return ZONE_NAMES_DE.get(name, name)


def format_berlin(value: datetime) -> str:
    """'02.08.2025, 16:30 Uhr MESZ'."""
    local = to_berlin(value)
    return f"{german_date(local)}, {local:%H:%M} Uhr {zone_name(local)}"


def now_berlin() -> datetime:
    return datetime.now(BERLIN)
