"""The state of a district-year's grant as of a date, as production computes it: the staging
models stg_decision_events -> stg_decision_lines -> stg_decision_state, built by the warehouse's
own builder on a real DuckDB file, with the expected values written out by hand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

import warehouse
from tests.support import decision_records as dec

PREFIX = "RPKS-57-AQB-2025-06431-"
OTHER = "RPKS-57-AQB-2025-06438-"
EARLIER = "RPKS-57-AQB-2024-06431-"
STATE_MODELS = [
    "stg_review_decisions",
    "stg_decision_events",
    "stg_decision_lines",
    "stg_decision_state",
]


def _events():
    """Bergstraße 2025: first decision, an amendment, two amendments signed the same day (file
    number decides), a final decision and a late revocation."""
    return [
        dec.decision(
            PREFIX + "01",
            "first",
            date(2025, 3, 14),
            [(1, "Jobdatings", None, "100000.00"), (3, "Sprachkurs", None, "50000.00")],
        ),
        dec.decision(
            PREFIX + "02",
            "amendment",
            date(2025, 6, 1),
            [(1, "Jobdatings", None, "120000.00"), (3, "Sprachkurs", None, "40000.00")],
            refers_to=PREFIX + "01",
        ),
        dec.decision(
            PREFIX + "03",
            "amendment",
            date(2025, 9, 1),
            [(1, "Jobdatings", None, "110000.00")],
            refers_to=PREFIX + "02",
        ),
        dec.decision(
            PREFIX + "04",
            "amendment",
            date(2025, 9, 1),
            [(1, "Jobdatings", None, "115000.00"), (4, "BASS Studium", None, "5000.00")],
            refers_to=PREFIX + "03",
        ),
        dec.decision(
            PREFIX + "05",
            "final",
            date(2026, 3, 1),
            [
                (1, "Jobdatings", None, "115000.00", "100000.00", "15000.00"),
                (4, "BASS Studium", None, "5000.00", "5000.00", "0.00"),
            ],
            refers_to=PREFIX + "04",
        ),
        dec.decision(PREFIX + "06", "revocation", date(2026, 7, 1), [], refers_to=PREFIX + "05"),
    ]


def _other_district():
    """Kreis Offenbach 2025: a first decision and an amendment of the same day."""
    offenbach = ("06438", "Kreis Offenbach")
    return [
        dec.decision(
            OTHER + "01",
            "first",
            date(2025, 4, 1),
            [(2, "Coaching", None, "42000.00")],
            district=offenbach,
        ),
        dec.decision(
            OTHER + "02",
            "amendment",
            date(2025, 4, 1),
            [(2, "Coaching", None, "43000.00")],
            district=offenbach,
            refers_to=OTHER + "01",
        ),
    ]


def _earlier_year():
    """Bergstraße's 2024 grant, decided on New Year's Eve and amended on New Year's Day: the
    same district as the 2025 grant, so a state mixing grant years shows."""
    return [
        dec.decision(
            EARLIER + "01",
            "first",
            date(2024, 12, 31),
            [(2, "Mentoring", None, "30000.00")],
            year=2024,
        ),
        dec.decision(
            EARLIER + "02",
            "amendment",
            date(2025, 1, 1),
            [(2, "Mentoring", None, "35000.00")],
            year=2024,
            refers_to=EARLIER + "01",
        ),
    ]


def _d(value: str) -> Decimal:
    return Decimal(value)


# as_of -> {(district, year): (state-setting decision, approved total, used total, reclaimed
# total, events applied, revoked, approved per measure type, used per measure type)}
BERGSTRASSE, OFFENBACH, BERGSTRASSE_2024 = ("06431", 2025), ("06438", 2025), ("06431", 2024)
GRANT_2024_FIRST = (
    EARLIER + "01",
    _d("30000.00"),
    None,
    None,
    1,
    False,
    {2: _d("30000.00")},
    {2: None},
)
GRANT_2024_AMENDED = (
    EARLIER + "02",
    _d("35000.00"),
    None,
    None,
    2,
    False,
    {2: _d("35000.00")},
    {2: None},
)
OFFENBACH_STATE = (
    OTHER + "02",
    _d("43000.00"),
    None,
    None,
    2,
    False,
    {2: _d("43000.00")},
    {2: None},
)
AMENDED_0904 = (
    PREFIX + "04",
    _d("120000.00"),
    None,
    None,
    4,
    False,
    {1: _d("115000.00"), 3: _d("0.00"), 4: _d("5000.00")},
    {1: None, 3: None, 4: None},
)
FINAL = (
    PREFIX + "05",
    _d("120000.00"),
    _d("105000.00"),
    _d("15000.00"),
    5,
    False,
    {1: _d("115000.00"), 3: _d("0.00"), 4: _d("5000.00")},
    {1: _d("100000.00"), 3: _d("0.00"), 4: _d("5000.00")},
)
REVOKED = (
    PREFIX + "06",
    _d("0.00"),
    _d("105000.00"),
    _d("15000.00"),
    6,
    True,
    {1: _d("0.00"), 3: _d("0.00"), 4: _d("0.00")},
    {1: _d("100000.00"), 3: _d("0.00"), 4: _d("5000.00")},
)
EXPECTED = {
    date(2024, 12, 30): {},
    date(2024, 12, 31): {BERGSTRASSE_2024: GRANT_2024_FIRST},
    date(2025, 1, 1): {BERGSTRASSE_2024: GRANT_2024_AMENDED},
    date(2025, 3, 13): {BERGSTRASSE_2024: GRANT_2024_AMENDED},
    date(2025, 3, 14): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        BERGSTRASSE: (
            PREFIX + "01",
            _d("150000.00"),
            None,
            None,
            1,
            False,
            {1: _d("100000.00"), 3: _d("50000.00")},
            {1: None, 3: None},
        ),
    },
    date(2025, 3, 31): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        BERGSTRASSE: (
            PREFIX + "01",
            _d("150000.00"),
            None,
            None,
            1,
            False,
            {1: _d("100000.00"), 3: _d("50000.00")},
            {1: None, 3: None},
        ),
    },
    date(2025, 8, 31): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: (
            PREFIX + "02",
            _d("160000.00"),
            None,
            None,
            2,
            False,
            {1: _d("120000.00"), 3: _d("40000.00")},
            {1: None, 3: None},
        ),
    },
    date(2025, 9, 1): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: AMENDED_0904,
    },
    date(2025, 12, 31): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: AMENDED_0904,
    },
    date(2026, 2, 28): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: AMENDED_0904,
    },
    date(2026, 3, 1): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: FINAL,
    },
    date(2026, 6, 30): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: FINAL,
    },
    date(2026, 7, 1): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: REVOKED,
    },
    date(2026, 12, 31): {
        BERGSTRASSE_2024: GRANT_2024_AMENDED,
        OFFENBACH: OFFENBACH_STATE,
        BERGSTRASSE: REVOKED,
    },
}

# the order the decisions are stored in (indexes into _all_events): as received, reversed, and
# mixed; the state must not depend on it
INSERT_ORDERS = {
    "as received": list(range(10)),
    "reversed": list(range(10))[::-1],
    "mixed": [4, 1, 7, 6, 0, 9, 5, 3, 8, 2],
}


def _all_events():
    return [*_events(), *_other_district(), *_earlier_year()]


def _sql_states(connection) -> dict[tuple[str, int], tuple]:
    """stg_decision_state's rows folded into one tuple per district-year, shaped like EXPECTED."""
    rows = connection.execute(
        "SELECT district_ags, year, measure_type, approved_eur, used_eur, decision_id,"
        " approved_total_eur, used_total_eur, reclaimed_total_eur, n_events_applied, is_revoked"
        " FROM stg_decision_state ORDER BY district_ags, year, measure_type"
    ).fetchall()
    states: dict[tuple[str, int], tuple] = {}
    for ags, year, measure_type, approved, used, *fields in rows:
        decision_id, total, used_total, reclaimed_total, n_applied, revoked = fields
        key = (ags, year)
        if key not in states:
            states[key] = (
                decision_id,
                total,
                used_total,
                reclaimed_total,
                n_applied,
                revoked,
                {},
                {},
            )
        assert states[key][:6] == (
            decision_id,
            total,
            used_total,
            reclaimed_total,
            n_applied,
            revoked,
        ), f"the per-grant columns differ between the measure rows of {key}"
        states[key][6][measure_type] = approved
        states[key][7][measure_type] = used
    return states


def _build(connection, as_of: date) -> dict[tuple[str, int], tuple]:
    warehouse.build_models(connection, "staging", as_of_date=as_of, only=STATE_MODELS)
    return _sql_states(connection)


@pytest.mark.parametrize("order", list(INSERT_ORDERS), ids=list(INSERT_ORDERS))
def test_state_as_of_every_date_applies_events_by_date_then_file_number_whatever_the_storage_order(
    warehouse_connection, order
):
    events = _all_events()
    for number, index in enumerate(INSERT_ORDERS[order]):
        dec.insert_decision(warehouse_connection, events[index], sha256=f"{number:064d}")
    # the same amendment also arrives in the funding system's CSV export: still one event
    dec.insert_decision(warehouse_connection, events[1], sha256="f" * 64, source_format="csv")

    for as_of, expected in EXPECTED.items():
        assert _build(warehouse_connection, as_of) == expected, f"as of {as_of}"


def test_a_decision_counts_from_its_own_date_not_the_day_after(warehouse_connection):
    """The as-of date is inclusive at year ends: a decision of 31 Dec applies on 31 Dec, one of
    1 Jan only from 1 Jan, and a decision of 31 Dec of the grant's own year is not pushed into
    the next year."""
    for number, record in enumerate(_earlier_year()):
        dec.insert_decision(warehouse_connection, record, sha256=f"{number:064d}")
    dec.insert_decision(
        warehouse_connection,
        dec.decision(
            PREFIX + "01", "first", date(2025, 12, 31), [(1, "Jobdatings", None, "1000.00")]
        ),
        sha256="e" * 64,
    )
    state_2025_12_31 = _build(warehouse_connection, date(2025, 12, 31))
    assert state_2025_12_31[BERGSTRASSE][0] == PREFIX + "01"
    assert state_2025_12_31[BERGSTRASSE][1] == Decimal("1000.00")
    assert state_2025_12_31[BERGSTRASSE_2024] == GRANT_2024_AMENDED
    assert set(_build(warehouse_connection, date(2025, 12, 30))) == {BERGSTRASSE_2024}
    assert _build(warehouse_connection, date(2024, 12, 31)) == {BERGSTRASSE_2024: GRANT_2024_FIRST}


def test_a_revocation_before_any_final_decision_has_no_use(warehouse_connection):
    """Revoked before a final decision: approved 0, used and reclaimed unknown (NULL), not 0."""
    first, revocation = _events()[0], _events()[5]
    dec.insert_decision(warehouse_connection, first, sha256="a" * 64)
    dec.insert_decision(warehouse_connection, revocation, sha256="b" * 64)
    assert _build(warehouse_connection, date(2026, 7, 1)) == {
        BERGSTRASSE: (
            PREFIX + "06",
            Decimal("0.00"),
            None,
            None,
            2,
            True,
            {1: Decimal("0.00"), 3: Decimal("0.00")},
            {1: None, 3: None},
        )
    }


def test_used_and_reclaimed_come_from_the_last_final_decision(warehouse_connection):
    """A final decision corrected by a later one (and two of the same day: the file number
    decides): used and reclaimed are the latest final decision's, by date, then file number."""

    def final(suffix: str, day: date, used: str) -> object:
        reclaimed = str(Decimal("100000.00") - Decimal(used))
        return dec.decision(
            PREFIX + suffix, "final", day, [(1, "Jobdatings", None, "100000.00", used, reclaimed)]
        )

    records = [
        dec.decision(
            PREFIX + "01", "first", date(2025, 3, 14), [(1, "Jobdatings", None, "100000.00")]
        ),
        final("03", date(2026, 3, 1), "90000.00"),
        final("02", date(2026, 3, 1), "80000.00"),
        final("04", date(2026, 5, 4), "95000.00"),
    ]
    for number, record in enumerate(records):
        dec.insert_decision(warehouse_connection, record, sha256=f"{number:064d}")

    def used_and_reclaimed(as_of: date) -> tuple:
        state = _build(warehouse_connection, as_of)[BERGSTRASSE]
        return state[2], state[3], state[7]

    assert used_and_reclaimed(date(2026, 3, 1)) == (
        Decimal("90000.00"),
        Decimal("10000.00"),
        {1: Decimal("90000.00")},
    )
    assert used_and_reclaimed(date(2026, 5, 4)) == (
        Decimal("95000.00"),
        Decimal("5000.00"),
        {1: Decimal("95000.00")},
    )


def _review(connection, number: int, kind: str, sha256: str, decision_id: str, **fields) -> None:
    """A review decision in the log table as the loader flattens it (only what the models read)."""
    columns = ["review_id", "log_line", "kind", "target_key", "reviewer", "decided_at", "reason"]
    columns += ["target_json", "payload_json", "previous_json", "sha256", "decision_id"]
    values = [f"r{number}", number, kind, f"{kind}:{sha256}:{decision_id}", "anna"]
    values += [datetime(2026, 1, 5, 9, 0), "Prüfung", "{}", "{}", "{}", sha256, decision_id]
    columns += list(fields)
    values += list(fields.values())
    placeholders = ", ".join("?" for _ in columns)
    connection.execute(
        f"INSERT INTO review_log ({', '.join(columns)}) VALUES ({placeholders})", values
    )


def test_a_correction_applies_to_its_decision_only_and_a_settled_source_wins(warehouse_connection):
    """An export holds the decisions of several districts in one file: a corrected total of one
    decision must not change the others of the file. A reviewer's choice of source (settle)
    beats the letter rule."""
    bergstrasse = dec.decision(
        PREFIX + "01", "first", date(2025, 3, 14), [(1, "Jobdatings", None, "100000.00")]
    )
    offenbach = _other_district()[0]
    export = "e" * 64
    for record in (bergstrasse, offenbach):
        dec.insert_decision(warehouse_connection, record, sha256=export, source_format="csv")
    dec.insert_decision(warehouse_connection, bergstrasse, sha256="a" * 64)  # the letter
    _review(warehouse_connection, 1, "correct", export, OTHER + "01", field="total_eur",
            new_value="41000.00")  # fmt: skip
    _review(warehouse_connection, 2, "settle", "", PREFIX + "01", chosen_sha256=export)

    states = _build(warehouse_connection, date(2025, 12, 31))
    assert states[OFFENBACH][1] == Decimal("41000.00")
    assert states[BERGSTRASSE][1] == Decimal("100000.00")
    sources = dict(
        warehouse_connection.execute(
            "SELECT decision_id, source_sha256 FROM stg_decision_events"
        ).fetchall()
    )
    assert sources == {PREFIX + "01": export, OTHER + "01": export}
