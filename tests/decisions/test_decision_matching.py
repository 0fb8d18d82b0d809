"""Decision lines matched to the current agreement's projects on a real DuckDB file."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pipelines.matching.names import Candidate, best_match, normalise_name
from pipelines.matching.projects import match_decision_lines, match_decision_lines_by_year
from tests.support import decision_records as dec

AGREED = {
    1: ["Berufsorientierung an Schulen Heppenheim", "Jobdatings"],
    2: ["Ausbildungscoaching für Geflüchtete"],
    3: ["Sprachkursbegleitende Unterstützung Bensheim", "Teilzeitausbildung für junge Mütter"],
    4: ["BASS Studium"],
}
CANDIDATES = [
    Candidate(name, measure, position)
    for measure, names in AGREED.items()
    for position, name in enumerate(names, 1)
]


def test_normalise_name_folds_case_umlauts_and_punctuation():
    assert (
        normalise_name("  Sprachkurs-begleitende UNTERSTÜTZUNG, Bensheim ")
        == "sprachkurs begleitende unterstuetzung bensheim"
    )


@pytest.mark.parametrize(
    ("decision_name", "measure_type", "expected_project", "expected_status"),
    [
        (
            "Sprachkurs-begleitende Unterstuetzung Bensheim",
            3,
            "Sprachkursbegleitende Unterstützung Bensheim",
            "matched",
        ),
        (
            "Heppenheim: Berufsorientierung an Schulen",
            1,
            "Berufsorientierung an Schulen Heppenheim",
            "matched",
        ),
        (
            "Coaching für Geflüchtete (Ausbildung)",
            2,
            "Ausbildungscoaching für Geflüchtete",
            "matched",
        ),
        ("Teilzeit-Ausbildung junge Mütter", 3, "Teilzeitausbildung für junge Mütter", "matched"),
        ("BASS-Studium", 4, "BASS Studium", "matched"),
        ("JOBDATING", 1, "Jobdatings", "matched"),
        (
            "Qualif. Teilzeitausbildung f. junge Mütter",
            3,
            "Teilzeitausbildung für junge Mütter",
            "matched",
        ),
        ("Ausb.scoaching für Geflüchtete", 2, "Ausbildungscoaching für Geflüchtete", "matched"),
        ("BASS Studium", 3, "BASS Studium", "review"),  # agreed under another measure type
        ("Sprachkurs Viernheim", 3, "Sprachkursbegleitende Unterstützung Bensheim", "review"),
        ("Werkstattprojekt Holz und Metall", 3, None, "unmatched"),
    ],
)
def test_best_match_on_spelling_and_word_order_variants(
    decision_name, measure_type, expected_project, expected_status
):
    result = best_match(decision_name, measure_type, CANDIDATES)
    assert result.status == expected_status, result
    if expected_project is not None:
        assert result.candidate.project_name == expected_project


def test_equally_similar_candidates_go_to_review():
    result = best_match("Ausbildung", 2, CANDIDATES)
    assert result.status == "review"


def _load(connection):
    dec.insert_agreement(connection, "a" * 64, "06431", 2025, "1230450.00", AGREED)
    # an older version of the agreement with other project names must not be matched against
    dec.insert_agreement(
        connection,
        "b" * 64,
        "06431",
        2025,
        "1000000.00",
        {1: ["Werkstattprojekt Holz und Metall"]},
        signed_on=date(2025, 5, 1),
        seen_at=datetime(2025, 5, 2),
    )
    first = dec.decision(
        "RPKS-57-AQB-2025-06431-01",
        "first",
        date(2025, 3, 14),
        [
            (3, "Sprachkurs-begleitende Unterstuetzung Bensheim", None, "85000.00"),
            (1, "Heppenheim: Berufsorientierung an Schulen", None, "50000.00"),
            (3, "Werkstattprojekt Holz und Metall", None, "10000.00"),
        ],
    )
    no_agreement = dec.decision(
        "RPKS-57-AQB-2024-06438-01",
        "first",
        date(2024, 3, 14),
        [(2, "Coaching", None, "42000.00")],
        district=("06438", "Kreis Offenbach"),
        year=2024,
    )
    dec.insert_decision(connection, first, "c" * 64)
    dec.insert_decision(connection, no_agreement, "d" * 64)


def _matches(connection):
    return connection.execute(
        "SELECT decision_id, line_number, matched_project_name, status, score, agreement_sha256"
        " FROM decision_project_matches ORDER BY decision_id, line_number"
    ).fetchall()


def test_matching_writes_links_with_scores_and_is_idempotent(warehouse_connection):
    _load(warehouse_connection)

    summary = match_decision_lines(warehouse_connection)
    first_run = _matches(warehouse_connection)
    again = match_decision_lines(warehouse_connection)

    assert (summary.lines, summary.matched, summary.review, summary.unmatched) == (4, 2, 0, 2)
    assert again == summary
    assert _matches(warehouse_connection) == first_run
    by_line = {(row[0][-8:], row[1]): row for row in first_run}
    assert by_line[("06431-01", 1)][2:4] == (
        "Sprachkursbegleitende Unterstützung Bensheim",
        "matched",
    )
    assert by_line[("06431-01", 2)][2:4] == ("Berufsorientierung an Schulen Heppenheim", "matched")
    assert by_line[("06431-01", 3)][3] == "unmatched" and by_line[("06431-01", 3)][4] < 60
    assert by_line[("06431-01", 1)][5] == "a" * 64  # the current agreement, not the older version
    assert by_line[("06438-01", 1)][2:6] == (None, "unmatched", None, None)


def test_matching_one_year_leaves_other_years_alone(warehouse_connection):
    _load(warehouse_connection)
    match_decision_lines(warehouse_connection)

    summary = match_decision_lines(warehouse_connection, years=[2024])

    assert summary.years == (2024,) and summary.lines == 1
    assert len(_matches(warehouse_connection)) == 4


def test_review_list_mart_lists_what_did_not_match(warehouse_connection):
    _load(warehouse_connection)
    match_decision_lines(warehouse_connection)
    dec.build_decision_models(warehouse_connection, date(2026, 1, 1))

    review = warehouse_connection.execute(
        "SELECT district_ags, project_name, status, status_reason FROM mart_project_matches"
        " WHERE needs_review ORDER BY district_ags, line_number"
    ).fetchall()

    assert [row[:3] for row in review] == [
        ("06431", "Werkstattprojekt Holz und Metall", "unmatched"),
        ("06438", "Coaching", "unmatched"),
    ]
    assert review[1][3] == "Keine Zielvereinbarung für Kreis und Jahr"


def test_matching_an_empty_warehouse_does_nothing(warehouse_connection):
    summary = match_decision_lines(warehouse_connection, years=[2020])
    assert (summary.lines, summary.years) == (0, (2020,))
    assert _matches(warehouse_connection) == []


def test_matching_year_by_year_stores_what_matching_all_years_stores(warehouse_connection):
    _load(warehouse_connection)
    at_once = match_decision_lines(warehouse_connection)
    stored_at_once = _matches(warehouse_connection)
    warehouse_connection.execute("DELETE FROM decision_project_matches")

    by_year = match_decision_lines_by_year(warehouse_connection, [2025, 2024, 2025])

    assert by_year.years == (2024, 2025)
    assert (by_year.lines, by_year.matched, by_year.review, by_year.unmatched) == (
        at_once.lines,
        at_once.matched,
        at_once.review,
        at_once.unmatched,
    )
    assert _matches(warehouse_connection) == stored_at_once
