"""The as-of-date state of a district-year: Python fold and its SQL twin stg_decision_state."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

import warehouse
from pipelines.decisions.state import state_as_of, states_as_of

PREFIX = "RPKS-57-AQB-2025-06431-"


def _events(dec):
    """First decision, two amendments (the second dated the same day as a third amendment),
    a final decision and a late revocation."""
    first = dec.decision(
        PREFIX + "01",
        "first",
        date(2025, 3, 14),
        [(1, "Jobdatings", None, "100000.00"), (3, "Sprachkurs", None, "50000.00")],
    )
    amendment = dec.decision(
        PREFIX + "02",
        "amendment",
        date(2025, 6, 1),
        [(1, "Jobdatings", None, "120000.00"), (3, "Sprachkurs", None, "40000.00")],
        refers_to=PREFIX + "01",
    )
    same_day_a = dec.decision(
        PREFIX + "03",
        "amendment",
        date(2025, 9, 1),
        [(1, "Jobdatings", None, "110000.00")],
        refers_to=PREFIX + "02",
    )
    same_day_b = dec.decision(
        PREFIX + "04",
        "amendment",
        date(2025, 9, 1),
        [(1, "Jobdatings", None, "115000.00"), (4, "BASS Studium", None, "5000.00")],
        refers_to=PREFIX + "03",
    )
    final = dec.decision(
        PREFIX + "05",
        "final",
        date(2026, 3, 1),
        [
            (1, "Jobdatings", None, "115000.00", "100000.00", "15000.00"),
            (4, "BASS Studium", None, "5000.00", "5000.00", "0.00"),
        ],
        refers_to=PREFIX + "04",
    )
    revocation = dec.decision(
        PREFIX + "06", "revocation", date(2026, 7, 1), [], refers_to=PREFIX + "05"
    )
    return [first, amendment, same_day_a, same_day_b, final, revocation]


EXPECTED = [
    # as_of, state-setting event, approved total, used total
    (date(2025, 3, 13), None, None, None),
    (date(2025, 3, 14), "01", "150000.00", None),
    (date(2025, 8, 31), "02", "160000.00", None),
    (date(2025, 9, 1), "04", "120000.00", None),
    (date(2026, 2, 28), "04", "120000.00", None),
    (date(2026, 3, 1), "05", "120000.00", "105000.00"),
    (date(2026, 7, 1), "06", "0.00", "105000.00"),
]


@pytest.mark.parametrize(("as_of", "decision", "approved", "used"), EXPECTED)
def test_state_as_of_applies_events_in_date_then_file_number_order_whatever_the_input_order(
    dec, as_of, decision, approved, used
):
    events = _events(dec)
    orders = [events, events[::-1], [events[i] for i in (3, 5, 1, 4, 0, 2)]]
    for order in orders:
        state = state_as_of(order, as_of)
        if decision is None:
            assert state is None
            continue
        assert state.decision_id == PREFIX + decision
        assert state.approved_total_eur == Decimal(approved)
        assert state.used_total_eur == (Decimal(used) if used else None)
        assert state.applied_decision_ids == tuple(
            sorted(state.applied_decision_ids, key=lambda i: i)
        )


def test_all_permutations_of_amendments_give_the_same_state(dec):
    events = _events(dec)[:5]
    states = {
        state_as_of(list(order), date(2025, 12, 31)) for order in itertools.permutations(events)
    }
    assert len(states) == 1
    (state,) = states
    assert state.approved_by_measure_type() == {
        1: Decimal("115000.00"),
        2: 0,
        3: 0,
        4: Decimal("5000.00"),
    }


def test_revocation_zeroes_the_grant_but_keeps_the_final_decisions_use(dec):
    state = state_as_of(_events(dec), date(2027, 1, 1))
    assert state.is_revoked and state.lines == () and state.approved_total_eur == 0
    assert state.reclaimed_total_eur == Decimal("15000.00")


def test_events_of_several_district_years_are_refused(dec):
    events = _events(dec)
    other = dec.decision(
        "RPKS-57-AQB-2025-06438-01",
        "first",
        date(2025, 3, 1),
        [(1, "X", None, "1.00")],
        district=("06438", "Kreis Offenbach"),
    )
    with pytest.raises(ValueError):
        state_as_of([*events, other], date(2026, 1, 1))
    assert set(states_as_of([*events, other], date(2026, 1, 1))) == {
        ("06431", 2025),
        ("06438", 2025),
    }


def _sql_states(connection) -> dict[tuple[str, int], dict]:
    rows = connection.execute(
        "SELECT district_ags, year, measure_type, approved_eur, used_eur, approved_total_eur,"
        " used_total_eur, reclaimed_total_eur, decision_id, is_revoked, n_events_applied FROM stg_decision_state"
    ).fetchall()
    states: dict[tuple[str, int], dict] = {}
    for (
        ags,
        year,
        measure_type,
        approved,
        _used,
        total,
        used_total,
        reclaimed_total,
        decision_id,
        revoked,
        n,
    ) in rows:
        state = states.setdefault((ags, year), {"measures": {}})
        state.update(
            total=total,
            used_total=used_total,
            reclaimed_total=reclaimed_total,
            decision_id=decision_id,
            revoked=revoked,
            n=n,
        )
        if measure_type is not None and approved:
            state["measures"][measure_type] = approved
    return states


@pytest.mark.parametrize("as_of", [row[0] for row in EXPECTED] + [date(2025, 12, 31)])
def test_sql_state_agrees_with_python_state(dec, warehouse_connection, as_of):
    events = _events(dec)
    other_district = [
        dec.decision(
            "RPKS-57-AQB-2025-06438-01",
            "first",
            date(2025, 4, 1),
            [(2, "Coaching", None, "42000.00")],
            district=("06438", "Kreis Offenbach"),
        ),
        dec.decision(
            "RPKS-57-AQB-2025-06438-02",
            "amendment",
            date(2025, 4, 1),
            [(2, "Coaching", None, "43000.00")],
            district=("06438", "Kreis Offenbach"),
        ),
    ]
    # stored in an order unlike the event order, one decision also present in a CSV export
    for number, record in enumerate(
        [events[4], events[1], *other_district[::-1], events[0], events[5], events[3], events[2]]
    ):
        dec.insert_decision(warehouse_connection, record, sha256=f"{number:064d}")
    dec.insert_decision(warehouse_connection, events[1], sha256="f" * 64, source_format="csv")
    warehouse.build_models(
        warehouse_connection,
        "staging",
        as_of_date=as_of,
        only=[
            "stg_review_decisions",
            "stg_decision_events",
            "stg_decision_lines",
            "stg_decision_state",
        ],
    )

    sql = _sql_states(warehouse_connection)
    python = states_as_of([*events, *other_district], as_of)

    assert set(sql) == set(python)
    for key, state in python.items():
        assert sql[key]["decision_id"] == state.decision_id
        assert sql[key]["total"] == state.approved_total_eur
        assert sql[key]["used_total"] == state.used_total_eur
        assert sql[key]["reclaimed_total"] == state.reclaimed_total_eur
        assert sql[key]["revoked"] == state.is_revoked
        assert sql[key]["n"] == len(state.applied_decision_ids)
        assert sql[key]["measures"] == {
            t: a for t, a in state.approved_by_measure_type().items() if a
        }
