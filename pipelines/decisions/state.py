"""The state of a district-year's grant as of any date, derived from its decision events.

Decisions are kept as events (first decision, amendments, final decision, revocation); the state
is never stored but derived, so a late-arriving amendment or a question about last March gives
the right answer. Every decision restates the grant in full (docs/formats.md §2), so applying
events in order means: the last event on or before the date decides the approved lines; a
revocation sets the approved amount to 0; used and reclaimed amounts come from the last final
decision. ``warehouse/models/staging/stg_decision_state.sql`` is the SQL twin of this module
(tests check both agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pipelines.parse.records import DecisionLine, DecisionRecord, DecisionType

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class DecisionState:
    """What is approved for one district-year after applying every decision up to ``as_of``."""

    district_ags: str
    year: int
    as_of: date
    decision_id: str  # the event that set this state
    decision_type: DecisionType
    decision_date: date
    approved_total_eur: Decimal  # 0 after a revocation
    lines: tuple[DecisionLine, ...]  # the approved lines (empty after a revocation)
    used_total_eur: Decimal | None  # from the last final decision, None before one
    reclaimed_total_eur: Decimal | None
    applied_decision_ids: tuple[str, ...]  # the events applied, in the order applied

    @property
    def is_revoked(self) -> bool:
        return self.decision_type == "revocation"

    def approved_by_measure_type(self) -> dict[int, Decimal]:
        """Approved euro per measure type 1..4 (0 where nothing is approved)."""
        totals = {measure_type: ZERO for measure_type in range(1, 5)}
        for line in self.lines:
            totals[line.measure_type] += line.amount_eur
        return totals


def event_order_key(event: DecisionRecord) -> tuple[date, str]:
    """Events apply by decision date, ties broken by file number (whose suffix counts up)."""
    return (event.decision_date, event.decision_id)


def distinct_events(events: Iterable[DecisionRecord]) -> list[DecisionRecord]:
    """One event per file number: the same decision may arrive as a letter and in an export."""
    seen: dict[str, DecisionRecord] = {}
    for event in events:
        seen.setdefault(event.decision_id, event)
    return sorted(seen.values(), key=event_order_key)


def state_as_of(events: Sequence[DecisionRecord], as_of: date) -> DecisionState | None:
    """The state of one district-year on ``as_of`` (inclusive); None before the first decision.

    Input order does not matter: events are sorted by decision date, then file number. All
    events must belong to the same district-year (ValueError otherwise), because mixing them
    would silently let one district's amendment overwrite another's grant.
    """
    district_years = {(event.district_ags, event.year) for event in events}
    if len(district_years) > 1:
        raise ValueError(f"events of several district-years given: {sorted(district_years)}")
    applied = [event for event in distinct_events(events) if event.decision_date <= as_of]
    if not applied:
        return None
    return _fold(applied, as_of)


def _fold(applied: list[DecisionRecord], as_of: date) -> DecisionState:
    """Apply events in order; each restates the grant, a revocation zeroes it."""
    lines: tuple[DecisionLine, ...] = ()
    approved = ZERO
    used: Decimal | None = None
    reclaimed: Decimal | None = None
    for event in applied:
        if event.decision_type == "revocation":
            lines, approved = (), ZERO
        else:
            lines, approved = event.lines, event.total_eur
        if event.decision_type == "final":
            used, reclaimed = event.used_total_eur, event.reclaimed_total_eur
    last = applied[-1]
    return DecisionState(
        district_ags=last.district_ags,
        year=last.year,
        as_of=as_of,
        decision_id=last.decision_id,
        decision_type=last.decision_type,
        decision_date=last.decision_date,
        approved_total_eur=approved,
        lines=lines,
        used_total_eur=used,
        reclaimed_total_eur=reclaimed,
        applied_decision_ids=tuple(event.decision_id for event in applied),
    )


def states_as_of(
    events: Iterable[DecisionRecord], as_of: date
) -> dict[tuple[str, int], DecisionState]:
    """``state_as_of`` for every district-year present in ``events`` (those with a state)."""
    grouped: dict[tuple[str, int], list[DecisionRecord]] = {}
    for event in events:
        grouped.setdefault((event.district_ags, event.year), []).append(event)
    states = {key: state_as_of(group, as_of) for key, group in grouped.items()}
    return {key: state for key, state in states.items() if state is not None}
