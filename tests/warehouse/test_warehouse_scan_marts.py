"""Figures read by OCR from a scan are marked in mart_reconciliation (Soll/Ist) and
mart_project_matches (issue 16), on a real DuckDB file built by the real models and matcher.

Soll/Ist marks a district-year when a figure it shows came from a scan: the current agreement
(agreed), the decision that sets the approved state, or the final decision that gives used and
reclaimed. A scanned decision that a later one superseded, and a scanned agreement version that a
later one replaced, show no figure any more and mark nothing. Project matches mark a line read
from a scanned letter, or matched against the projects of a scanned agreement. The Soll/Ist and
Zuordnungen downloads carry the mark as "Aus Scan gelesen" (Ja/Nein).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from pipelines.exports import ExportFilters
from pipelines.exports.columns import column_spec
from pipelines.exports.tables import build_table
from pipelines.exports.writers import to_csv_bytes
from pipelines.matching.projects import match_decision_lines
from pipelines.reference import districts
from tests.support import decision_records as dec

AS_OF = date(2026, 6, 30)
YEAR = 2025
PROJECTS = {1: ["Jobdatings"], 3: ["Sprachkurs"]}
# district -> what was scanned (the others are text files)
AGREEMENT_SCANNED = "06431"
LATEST_DECISION_SCANNED = "06432"
ONLY_FINAL_SCANNED = "06433"  # a text revocation after the scanned final decision
SUPERSEDED_DECISION_SCANNED = "06434"  # a text amendment replaces the scanned first decision
OLD_VERSION_SCANNED = "06435"  # a text agreement replaces the scanned first version
NOTHING_SCANNED = "06436"
AGREEMENT_ONLY = "06437"  # a text agreement, no decision yet: nothing from the decisions side
DECISION_ONLY = "06438"  # a text decision, no agreement: its line matches no project
SCAN_HEADER = column_spec("from_scan").header_de


def _sha(ags: str, tag: str) -> str:
    return f"{tag}{ags}".ljust(64, "0")


def _scanned(connection: duckdb.DuckDBPyConnection, table: str, sha256: str) -> None:
    connection.execute(f"UPDATE {table} SET from_scan = true WHERE sha256 = ?", [sha256])


def _decide(
    connection, ags: str, number: int, kind: str, day: date, lines, refers_to=None, year=YEAR
):
    """One decision of ``ags`` for ``year``, stored from a letter; returns its file's sha256."""
    record = dec.decision(
        f"RPKS-57-AQB-{year}-{ags}-0{number}",
        kind,
        day,
        lines,
        district=(ags, districts()[ags].official_name),
        year=year,
        refers_to=refers_to,
    )
    sha256 = _sha(ags, f"d{number}")
    dec.insert_decision(connection, record, sha256=sha256)
    return sha256


@pytest.fixture
def scan_marts(connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Eight district-years of YEAR, each scanned in one place (or none; two lack an agreement
    or a decision, so the mark is false there, never NULL); the previous year of the
    agreement-scanned district is a text file, so the mark stays in its own year."""
    lines = [(1, "Jobdatings", None, "200000.00"), (3, "Sprachkurs", None, "100000.00")]
    final_lines = [
        (1, "Jobdatings", None, "200000.00", "190000.00", "10000.00"),
        (3, "Sprachkurs", None, "100000.00", "100000.00", "0.00"),
    ]
    for ags in (
        AGREEMENT_SCANNED,
        LATEST_DECISION_SCANNED,
        ONLY_FINAL_SCANNED,
        SUPERSEDED_DECISION_SCANNED,
        NOTHING_SCANNED,
    ):
        dec.insert_agreement(connection, _sha(ags, "a"), ags, YEAR, "500000.00", PROJECTS)
        _decide(connection, ags, 1, "first", date(YEAR, 3, 14), lines)
    dec.insert_agreement(
        connection, _sha(AGREEMENT_SCANNED, "p"), AGREEMENT_SCANNED, YEAR - 1, "480000.00", PROJECTS
    )
    _decide(
        connection,
        AGREEMENT_SCANNED,
        9,
        "first",
        date(YEAR - 1, 3, 14),
        [(1, "Jobdatings", None, "150000.00")],
        year=YEAR - 1,
    )
    _scanned(connection, "agreements", _sha(AGREEMENT_SCANNED, "a"))
    _scanned(connection, "decisions", _sha(LATEST_DECISION_SCANNED, "d1"))
    first = f"RPKS-57-AQB-{YEAR}-{ONLY_FINAL_SCANNED}-01"
    _scanned(
        connection,
        "decisions",
        _decide(
            connection, ONLY_FINAL_SCANNED, 2, "final", date(YEAR + 1, 2, 1), final_lines, first
        ),
    )
    _decide(connection, ONLY_FINAL_SCANNED, 3, "revocation", date(YEAR + 1, 5, 4), [], first)
    _scanned(connection, "decisions", _sha(SUPERSEDED_DECISION_SCANNED, "d1"))
    _decide(
        connection,
        SUPERSEDED_DECISION_SCANNED,
        2,
        "amendment",
        date(YEAR, 9, 1),
        lines,
        f"RPKS-57-AQB-{YEAR}-{SUPERSEDED_DECISION_SCANNED}-01",
    )
    # two versions: the scanned one signed first, the text one replacing it later
    dec.insert_agreement(
        connection,
        _sha(OLD_VERSION_SCANNED, "a"),
        OLD_VERSION_SCANNED,
        YEAR,
        "500000.00",
        PROJECTS,
        signed_on=date(YEAR, 2, 1),
    )
    dec.insert_agreement(
        connection,
        _sha(OLD_VERSION_SCANNED, "b"),
        OLD_VERSION_SCANNED,
        YEAR,
        "520000.00",
        PROJECTS,
        signed_on=date(YEAR, 8, 2),
    )
    _scanned(connection, "agreements", _sha(OLD_VERSION_SCANNED, "a"))
    _decide(connection, OLD_VERSION_SCANNED, 1, "first", date(YEAR, 3, 14), lines)
    dec.insert_agreement(
        connection, _sha(AGREEMENT_ONLY, "a"), AGREEMENT_ONLY, YEAR, "500000.00", PROJECTS
    )
    _decide(connection, DECISION_ONLY, 1, "first", date(YEAR, 3, 14), lines[:1])
    dec.build_decision_models(connection, AS_OF)
    match_decision_lines(connection)
    dec.build_decision_models(connection, AS_OF)
    return connection


def test_soll_ist_marks_a_district_year_whose_shown_figures_came_from_a_scan(scan_marts) -> None:
    rows = scan_marts.execute(
        "SELECT district_ags, year, count(*), bool_or(from_scan), bool_and(from_scan),"
        " count(from_scan) FROM mart_reconciliation GROUP BY ALL ORDER BY year, district_ags"
    ).fetchall()
    assert rows == [
        (AGREEMENT_SCANNED, YEAR - 1, 4, False, False, 4),
        (AGREEMENT_SCANNED, YEAR, 4, True, True, 4),
        (LATEST_DECISION_SCANNED, YEAR, 4, True, True, 4),
        (ONLY_FINAL_SCANNED, YEAR, 4, True, True, 4),
        (SUPERSEDED_DECISION_SCANNED, YEAR, 4, False, False, 4),
        (OLD_VERSION_SCANNED, YEAR, 4, False, False, 4),
        (NOTHING_SCANNED, YEAR, 4, False, False, 4),
        (AGREEMENT_ONLY, YEAR, 4, False, False, 4),
        (DECISION_ONLY, YEAR, 4, False, False, 4),
    ]
    # the final decision's figures are what the scan gives there: used and reclaimed, while
    # the text revocation after it sets the approved amount
    final_row = scan_marts.execute(
        "SELECT approved_eur, used_eur, current_decision_type FROM mart_reconciliation"
        " WHERE district_ags = ? AND measure_type = 1",
        [ONLY_FINAL_SCANNED],
    ).fetchone()
    assert (float(final_row[0]), float(final_row[1]), final_row[2]) == (
        0.0,
        190000.0,
        "revocation",
    )


def test_project_matches_mark_lines_from_a_scanned_letter_or_matched_to_a_scanned_agreement(
    scan_marts,
) -> None:
    rows = scan_marts.execute(
        "SELECT decision_id, line_number, status, agreement_sha256 IS NOT NULL, from_scan"
        " FROM mart_project_matches WHERE year = ? ORDER BY decision_id, line_number",
        [YEAR],
    ).fetchall()
    expected = {
        # the agreement the lines were matched against was scanned
        (AGREEMENT_SCANNED, 1): True,
        # the scanned letter itself
        (LATEST_DECISION_SCANNED, 1): True,
        # the text first decision, the scanned final one, the text revocation (no lines)
        (ONLY_FINAL_SCANNED, 1): False,
        (ONLY_FINAL_SCANNED, 2): True,
        # each line keeps its own letter: the scanned first, the text amendment
        (SUPERSEDED_DECISION_SCANNED, 1): True,
        (SUPERSEDED_DECISION_SCANNED, 2): False,
        # matched against the current (text) version, not the scanned one it replaced
        (OLD_VERSION_SCANNED, 1): False,
        (NOTHING_SCANNED, 1): False,
        # no agreement to match against: the text letter alone decides (false, not NULL)
        (DECISION_ONLY, 1): False,
    }
    got = {}
    for decision_id, line_number, status, has_agreement, from_scan in rows:
        key = (decision_id.split("-")[-2], int(decision_id.split("-")[-1]))
        matched = key[0] != DECISION_ONLY
        assert (status == "matched", has_agreement) == (matched, matched), key
        got.setdefault(key, set()).add(from_scan)
        assert line_number in (1, 2)
    assert got == {key: {value} for key, value in expected.items()}
    # the previous year's text decision, matched against that year's text agreement
    assert scan_marts.execute(
        "SELECT list(from_scan) FROM mart_project_matches WHERE year = ?", [YEAR - 1]
    ).fetchone()[0] == [False]
    # which agreement a scanned district's lines were matched against: this year's, scanned
    assert scan_marts.execute(
        "SELECT DISTINCT agreement_sha256 FROM mart_project_matches WHERE district_ags = ?"
        " AND year = ?",
        [AGREEMENT_SCANNED, YEAR],
    ).fetchall() == [(_sha(AGREEMENT_SCANNED, "a"),)]


def _csv_column(table, header: str) -> list[str]:
    lines = to_csv_bytes(table).decode("utf-8-sig").splitlines()
    column = lines[0].split(";").index(header)
    return [line.split(";")[column] for line in lines[1:]]


def test_soll_ist_and_zuordnungen_downloads_carry_the_scan_column(scan_marts) -> None:
    """Both downloads have "Aus Scan gelesen" as Ja/Nein, row for row as the marts say."""
    filters = ExportFilters(years=(YEAR,), districts=(AGREEMENT_SCANNED, NOTHING_SCANNED))
    reconciliation = build_table(scan_marts, "reconciliation", filters)
    assert reconciliation.select("district_ags", "from_scan").unique().sort(
        "district_ags"
    ).rows() == [
        (AGREEMENT_SCANNED, True),
        (NOTHING_SCANNED, False),
    ]
    assert _csv_column(reconciliation, SCAN_HEADER) == ["Ja"] * 4 + ["Nein"] * 4
    filters = ExportFilters(years=(YEAR,), districts=(SUPERSEDED_DECISION_SCANNED,))
    matches = build_table(scan_marts, "zuordnungen", filters)
    assert matches.select("decision_id", "from_scan").rows() == [
        (f"RPKS-57-AQB-{YEAR}-{SUPERSEDED_DECISION_SCANNED}-01", True),
        (f"RPKS-57-AQB-{YEAR}-{SUPERSEDED_DECISION_SCANNED}-01", True),
        (f"RPKS-57-AQB-{YEAR}-{SUPERSEDED_DECISION_SCANNED}-02", False),
        (f"RPKS-57-AQB-{YEAR}-{SUPERSEDED_DECISION_SCANNED}-02", False),
    ]
    assert _csv_column(matches, SCAN_HEADER) == ["Ja", "Ja", "Nein", "Nein"]
