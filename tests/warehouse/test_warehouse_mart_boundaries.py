"""The marts that decide a number or a verdict, at their boundaries, with exact expected values.

Written against the SQL mutants of scripts/sql_mutants.py that the broader model tests let
through: ties and peer groups in the ranks, the same budget in two years (a change of exactly
0), a corrected (superseded) agreement, decisions in a year whose agreement names no amounts,
a waiver that ends exactly on the as-of date and one that ended the day before, a revoked
waiver, a published figure with an unconfirmed rival, quarantined rows of one district-year.
Every figure below is worked out by hand from the inputs of the ``small`` fixture.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import warehouse
from pipelines.ingest.loader import store_outcome
from pipelines.ingest.registry import register_documents, scan_inbox
from pipelines.matching.projects import match_decision_lines
from pipelines.parse.records import ParseOutcome
from pipelines.reasons import Reason
from tests.support import warehouse_records as builders

AS_OF = date(2026, 6, 30)
BERGSTRASSE, GROSS_GERAU, WETTERAU, KASSEL = "06431", "06433", "06440", "06611"


def _store(connection, tmp_path: Path, name: str, outcome) -> None:
    sha = builders.register(connection, tmp_path, name, name.encode())
    store_outcome(connection, outcome(sha), name, "v1")


def _review(
    connection, line: int, review_id: str, kind: str, ags: str | None, until: str | None, **more
) -> None:
    """One record of the review log as the ingest copies it into the warehouse."""
    connection.execute(
        "INSERT INTO review_log (review_id, log_line, kind, target_key, reviewer, decided_at,"
        " reason, target_json, payload_json, previous_json, district_ags, year, suite,"
        " valid_until, revokes) VALUES (?, ?, ?, ?, 'anna', TIMESTAMP '2026-01-05 09:00', ?,"
        " '{}', '{}', '{}', ?, 2024, 'decisions_within_agreement', ?, ?)",
        [
            review_id,
            line,
            kind,
            f"{kind}:{review_id}",
            more.get("reason", "geprüft"),
            ags,
            until,
            more.get("revokes"),
        ],
    )


@pytest.fixture
def small(connection, tmp_path: Path):
    """Four Landkreise/cities in 2024, Bergstraße again in 2025 with the same budget; Wetterau
    corrected; decisions for Bergstraße 2024 and Wetterau 2024 (first and final), none for 2025;
    waivers around the as-of date; staging and marts built as of 30.06.2026."""
    agreement, outcome = builders.agreement, builders.agreement_outcome
    inputs = [
        ("zv_2024_06431.txt", agreement(BERGSTRASSE, 2024, "1000000", {3: ["Jobdatings"]})),
        (
            "zv_2025_06431.txt",
            agreement(
                BERGSTRASSE,
                2025,
                "1000000",
                {3: ["Jobdatings", "Sprachkurs"]},
                measure_amounts={1: "400000", 3: "600000"},
            ),
        ),
        ("zv_2024_06433.txt", agreement(GROSS_GERAU, 2024, "1200000")),
        ("zv_2024_06440.txt", agreement(WETTERAU, 2024, "900000", signed_on=date(2024, 3, 1))),
        (
            "zv_2024_06440_korr.txt",
            agreement(WETTERAU, 2024, "1000000", signed_on=date(2024, 7, 1)),
        ),
        ("zv_2024_06611.txt", agreement(KASSEL, 2024, "1100000")),
    ]
    for name, record in inputs:
        _store(connection, tmp_path, name, lambda sha, r=record: outcome(sha, r))
    decision = builders.decision
    decisions = [
        (
            "bescheid_06431.txt",
            decision(
                "RPKS-57-AQB-2024-06431-01",
                BERGSTRASSE,
                2024,
                [("Vorbereitung TZ", 1, "250000"), ("Jobdatings", 3, "700000")],
                date(2024, 4, 1),
            ),
        ),
        (
            "bescheid_06440_01.txt",
            decision(
                "RPKS-57-AQB-2024-06440-01",
                WETTERAU,
                2024,
                [("Jobcoaching", 3, "500000")],
                date(2024, 6, 1),
            ),
        ),
        (
            "bescheid_06440_02.txt",
            decision(
                "RPKS-57-AQB-2024-06440-02",
                WETTERAU,
                2024,
                [("Jobcoaching", 3, "500000", "480000", "20000")],
                date(2025, 2, 1),
                decision_type="final",
                refers_to="RPKS-57-AQB-2024-06440-01",
            ),
        ),
    ]
    for name, record in decisions:
        _store(
            connection,
            tmp_path,
            name,
            lambda sha, r=record, n=name: builders.decision_outcome(sha, (r,), n),
        )
    _review(connection, 1, "w-today", "waive", BERGSTRASSE, "2026-06-30", reason="bis heute")
    _review(connection, 2, "w-yesterday", "waive", WETTERAU, "2026-06-29", reason="bis gestern")
    _review(connection, 3, "w-revoked", "waive", GROSS_GERAU, "2099-12-31", reason="irrtümlich")
    _review(connection, 4, "r-1", "revoke", None, None, revokes="w-revoked")
    connection.execute(
        "INSERT INTO quarantine (sha256, original_name, reason, quarantined_at,"
        " district_ags, year, rejected_rows) VALUES (?, 'export_06431_2024.csv',"
        " '2 rows unreadable', TIMESTAMP '2026-01-02 08:00', ?, 2024, 2)",
        ["f" * 64, BERGSTRASSE],
    )
    connection.execute(
        "INSERT INTO ref_published_figures VALUES"
        " ('state', NULL, 2024, 4000000, 'Statewide AQB 2024', 'Zeitungsbericht', false),"
        " ('state', NULL, 2024, 4300000, 'Statewide AQB 2024', 'Pressemitteilung', true)"
    )
    # an older population figure beside the reference data's 269.694 (31.12.2018)
    connection.execute(
        "INSERT INTO ref_district_population (district_ags, population, reference_date, source)"
        " VALUES (?, 250000, DATE '2011-05-09', 'Zensus 2011')",
        [BERGSTRASSE],
    )
    warehouse.build_models(connection, "staging", as_of_date=AS_OF)
    warehouse.build_models(connection, "marts", as_of_date=AS_OF)
    return connection


def _rows(connection, sql: str) -> list[tuple]:
    return connection.execute(sql).fetchall()


def test_ranks_break_ties_alike_and_count_the_peer_group_apart(small) -> None:
    ranks = _rows(
        small,
        "SELECT district_ags, budget_total_eur, rank_in_state, rank_in_peer_group, share_of_state"
        " FROM mart_district_year WHERE year = 2024 AND has_agreement ORDER BY district_ags",
    )
    assert ranks == [
        (BERGSTRASSE, Decimal("1000000.00"), 3, 2, round(1.0 / 4.3, 6)),
        (GROSS_GERAU, Decimal("1200000.00"), 1, 1, round(1.2 / 4.3, 6)),
        (WETTERAU, Decimal("1000000.00"), 3, 2, round(1.0 / 4.3, 6)),  # the corrected version
        (KASSEL, Decimal("1100000.00"), 2, 1, round(1.1 / 4.3, 6)),  # the only city
    ]


def test_the_same_budget_in_two_years_is_a_change_of_zero(small) -> None:
    row = _rows(
        small,
        "SELECT prev_year_budget_eur, change_eur, change_pct, rank_in_state, n_projects,"
        " agreement_version, agreement_versions, population, eur_per_inhabitant"
        f" FROM mart_district_year WHERE district_ags = '{BERGSTRASSE}' AND year = 2025",
    )
    # the latest population figure: 1.000.000 € / 269.694 inhabitants = 3,708 €
    assert row == [
        (Decimal("1000000.00"), Decimal("0.00"), 0.0, 1, 2, 1, 1, 269694, Decimal("3.71"))
    ]
    wetterau = _rows(
        small,
        "SELECT agreement_version, agreement_versions, source_name, approved_eur, used_eur"
        f" FROM mart_district_year WHERE district_ags = '{WETTERAU}' AND year = 2024",
    )
    assert wetterau == [
        (2, 2, "zv_2024_06440_korr.txt", Decimal("500000.00"), Decimal("480000.00"))
    ]


def test_state_year_like_for_like_and_the_confirmed_published_figure(small) -> None:
    years = _rows(
        small,
        "SELECT year, budget_total_eur, prev_year_budget_eur, change_eur, n_districts_comparable,"
        " lfl_budget_eur, lfl_prev_year_budget_eur, lfl_change_eur, lfl_change_pct,"
        " districts_not_comparable, n_districts_with_agreement, n_districts_with_decisions"
        " FROM mart_state_year ORDER BY year",
    )
    assert years == [
        (2024, Decimal("4300000.00"), None, None, 0, None, None, None, None, None, 4, 2),
        (
            2025,
            Decimal("1000000.00"),
            Decimal("4300000.00"),
            Decimal("-3300000.00"),
            1,
            Decimal("1000000.00"),
            Decimal("1000000.00"),
            Decimal("0.00"),
            0.0,
            "Kreis Groß-Gerau, Wetteraukreis, Stadt Kassel",
            1,
            0,
        ),
    ]
    published = _rows(
        small,
        "SELECT published_figure_eur, published_figure_source, deviation_from_published_pct"
        " FROM mart_state_year WHERE year = 2024",
    )
    assert published == [(Decimal("4300000.00"), "Pressemitteilung", 0.0)]


def test_measure_money_comes_from_the_agreement_or_that_years_decisions(small) -> None:
    money = _rows(
        small,
        "SELECT district_ags, year, measure_type, measure_amount_eur, amount_source,"
        " share_of_district_year FROM mart_measure_money ORDER BY year, district_ags, measure_type",
    )
    assert money == [
        (BERGSTRASSE, 2024, 1, Decimal("250000.00"), "decision", round(250 / 950, 6)),
        (BERGSTRASSE, 2024, 3, Decimal("700000.00"), "decision", round(700 / 950, 6)),
        (WETTERAU, 2024, 3, Decimal("500000.00"), "decision", 1.0),
        (BERGSTRASSE, 2025, 1, Decimal("400000.00"), "agreement", 0.4),
        (BERGSTRASSE, 2025, 3, Decimal("600000.00"), "agreement", 0.6),
    ]


def test_measure_mix_takes_approved_amounts_of_its_own_year_only(small) -> None:
    mix = _rows(
        small,
        "SELECT year, measure_type, agreed_amount_eur, approved_eur, n_projects FROM mart_measure_mix"
        f" WHERE district_ags = '{BERGSTRASSE}' ORDER BY year, measure_type",
    )
    assert mix == [
        (2024, 1, None, Decimal("250000.00"), 0),
        (2024, 2, None, None, 0),
        (2024, 3, None, Decimal("700000.00"), 1),
        (2024, 4, None, None, 0),
        (2025, 1, Decimal("400000.00"), None, 0),
        (2025, 2, None, None, 0),
        (2025, 3, Decimal("600000.00"), None, 2),
        (2025, 4, None, None, 0),
    ]


def test_completeness_counts_each_district_year_apart(small) -> None:
    completeness = _rows(
        small,
        "SELECT district_ags, year, agreement_received, decisions_received, n_quarantined"
        " FROM mart_completeness WHERE district_ags IN ('06431', '06433', '06440')"
        " ORDER BY district_ags, year",
    )
    assert completeness == [
        (BERGSTRASSE, 2024, True, True, 2),
        (BERGSTRASSE, 2025, True, False, 0),
        (GROSS_GERAU, 2024, True, False, 0),
        (GROSS_GERAU, 2025, False, False, 0),
        (WETTERAU, 2024, True, True, 0),
        (WETTERAU, 2025, False, False, 0),
    ]


def test_only_the_final_decision_is_current(small) -> None:
    decisions = _rows(
        small, "SELECT decision_id, is_current FROM mart_decisions ORDER BY decision_id"
    )
    assert decisions == [
        ("RPKS-57-AQB-2024-06431-01", True),
        ("RPKS-57-AQB-2024-06440-01", False),
        ("RPKS-57-AQB-2024-06440-02", True),
    ]


def test_a_waiver_runs_through_its_last_day_and_a_revoke_hits_its_target_only(small) -> None:
    notes = _rows(
        small,
        "SELECT district_ags, year, review_note FROM mart_district_year"
        " WHERE district_ags IN ('06431', '06433', '06440') ORDER BY district_ags, year",
    )
    assert notes == [
        (BERGSTRASSE, 2024, "Warnung ausgenommen bis 30.06.2026 von anna: bis heute"),
        (BERGSTRASSE, 2025, None),  # the waiver names its year
        (GROSS_GERAU, 2024, None),
        (GROSS_GERAU, 2025, None),
        (WETTERAU, 2024, None),
        (WETTERAU, 2025, None),
    ]
    states = _rows(
        small, "SELECT review_id, state, revoked_by FROM mart_review_decisions ORDER BY log_line"
    )
    assert states == [
        ("w-today", "in Kraft", None),
        ("w-yesterday", "abgelaufen", None),
        ("w-revoked", "widerrufen", "r-1"),
        ("r-1", "Widerruf", None),
    ]


def test_project_matches_keep_each_line_its_own_review_and_decision(small, tmp_path: Path) -> None:
    # Bergstraße's decision read from a second file too (the matcher matches every source);
    # a reviewer links its line 1 to "Jobdatings"; line 2 matched by itself
    second = builders.decision(
        "RPKS-57-AQB-2024-06431-01",
        BERGSTRASSE,
        2024,
        [("Vorbereitung TZ", 1, "250000"), ("Jobdatings", 3, "700000")],
        date(2024, 4, 1),
    )
    name = "bescheid_06431_kopie.txt"
    _store(small, tmp_path, name, lambda sha: builders.decision_outcome(sha, (second,), name))
    small.execute(
        "INSERT INTO review_log (review_id, log_line, kind, target_key, reviewer, decided_at,"
        " reason, target_json, payload_json, previous_json, decision_id, line_number,"
        " project_name) VALUES ('a-1', 5, 'accept', 'line:06431-01:1', 'anna',"
        " TIMESTAMP '2026-01-06 09:00', 'gleiches Projekt', '{}', '{}', '{}',"
        " 'RPKS-57-AQB-2024-06431-01', 1, 'Jobdatings')"
    )
    warehouse.build_models(small, "staging", as_of_date=AS_OF)
    match_decision_lines(small)
    warehouse.build_models(small, "marts", as_of_date=AS_OF)
    lines = _rows(
        small,
        "SELECT decision_id, line_number, project_name, is_current_decision, matched_project_name,"
        " status, review_status, suggested_status FROM mart_project_matches"
        " ORDER BY decision_id, line_number",
    )
    # line 1: the matcher's best candidate (below its threshold) is the reviewer's project
    assert lines == [
        ("RPKS-57-AQB-2024-06431-01", 1, "Vorbereitung TZ", True, "Jobdatings", "matched",
         "manuell bestätigt", "unmatched"),
        ("RPKS-57-AQB-2024-06431-01", 2, "Jobdatings", True, "Jobdatings", "matched", None,
         "matched"),
        ("RPKS-57-AQB-2024-06440-01", 1, "Jobcoaching", False, None, "unmatched", None,
         "unmatched"),
        ("RPKS-57-AQB-2024-06440-02", 1, "Jobcoaching", True, None, "unmatched", None,
         "unmatched"),
    ]  # fmt: skip


def test_the_second_copy_of_a_file_is_a_duplicate_and_the_first_keeps_its_outcome(
    connection, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a_pressemitteilung.txt", "b_kopie.txt"):
        (inbox / name).write_bytes(b"kein AQB-Dokument")
    files = scan_inbox(inbox)
    register_documents(connection, files, tmp_path / "archive", run_id="test", is_sample=True)
    outcome = ParseOutcome(
        source="a_pressemitteilung.txt",
        sha256=files[0].sha256,
        status="quarantined",
        reason="Not an agreement (press release).",
        document_type=None,
        reason_code=Reason.NOT_AN_AGREEMENT.value,
    )
    store_outcome(connection, outcome, "a_pressemitteilung.txt", "v1")
    warehouse.build_models(
        connection, "staging", only=["stg_review_decisions", "stg_quarantine", "stg_inbox_entries"]
    )
    entries = _rows(
        connection,
        "SELECT relative_path, outcome, reason_code, reason_de, reason_en, reason"
        " FROM stg_inbox_entries ORDER BY relative_path",
    )
    assert entries == [
        ("a_pressemitteilung.txt", "quarantined", Reason.NOT_AN_AGREEMENT.value,
         Reason.NOT_AN_AGREEMENT.de, Reason.NOT_AN_AGREEMENT.en,
         "Not an agreement (press release)."),
        ("b_kopie.txt", "duplicate", None, "Gleicher Inhalt wie a_pressemitteilung.txt",
         "Same bytes as a_pressemitteilung.txt", None),
    ]  # fmt: skip


def test_a_withdrawn_and_dismissed_file_names_the_withdrawal_first_and_newest_quarantine_leads(
    connection, tmp_path: Path
) -> None:
    shas = []
    for name, at in (("alt.txt", "2026-01-02 08:00"), ("neu.txt", "2026-01-03 08:00")):
        sha = builders.register(connection, tmp_path, name, name.encode())
        outcome = ParseOutcome(name, sha, "quarantined", "Not an agreement.", None)
        store_outcome(connection, outcome, name, "v1")
        connection.execute("UPDATE quarantine SET quarantined_at = ? WHERE sha256 = ?", [at, sha])
        shas.append(sha)
    for line, kind, reason in ((1, "dismiss", "Werbung"), (2, "withdraw", "falsch eingelegt")):
        connection.execute(
            "INSERT INTO review_log (review_id, log_line, kind, target_key, reviewer, decided_at,"
            " reason, target_json, payload_json, previous_json, sha256) VALUES (?, ?, ?, ?,"
            " 'anna', TIMESTAMP '2026-01-05 09:00', ?, '{}', '{}', '{}', ?)",
            [f"r-{line}", line, kind, f"{kind}:{shas[0]}", reason, shas[0]],
        )
    warehouse.build_models(connection, "staging", as_of_date=AS_OF)
    warehouse.build_models(connection, "marts", as_of_date=AS_OF)
    documents = _rows(
        connection,
        f"SELECT review_status, review_note FROM stg_documents WHERE sha256 = '{shas[0]}'",
    )
    assert documents == [
        (
            "zurückgezogen, nicht relevant",
            "zurückgezogen von anna am 05.01.2026: falsch eingelegt;"
            " nicht relevant von anna am 05.01.2026: Werbung",
        )
    ]
    assert _rows(connection, "SELECT original_name, is_dismissed FROM mart_quarantine") == [
        ("neu.txt", False),
        ("alt.txt", True),
    ]


def test_agreement_versions_compare_each_version_with_the_one_before_in_its_year(
    connection, tmp_path: Path
) -> None:
    # Groß-Gerau 2024 in three versions, 2025 in one whose projects overlap 2024's: added and
    # removed compare within the year, version to version; no two share a signature date
    agreement = builders.agreement
    versions = [
        ("gg_2024_v1.txt", 2024, "800000", ["Jobcoaching", "Sprachkurs"], date(2024, 2, 1)),
        ("gg_2024_v2.txt", 2024, "850000", ["Jobcoaching", "Werkstatt"], date(2024, 5, 1)),
        (
            "gg_2024_v3.txt",
            2024,
            "850000",
            ["Jobcoaching", "Werkstatt", "Lotsen"],
            date(2024, 6, 1),
        ),
        ("gg_2025_v1.txt", 2025, "900000", ["Werkstatt", "Bewerbungstraining"], date(2025, 2, 1)),
    ]
    for name, year, budget, projects, signed in versions:
        record = agreement(GROSS_GERAU, year, budget, {3: projects}, signed_on=signed)
        _store(
            connection,
            tmp_path,
            name,
            lambda sha, r=record: builders.agreement_outcome(sha, r),
        )
    warehouse.build_models(connection, "staging", as_of_date=AS_OF)
    warehouse.build_models(connection, "marts", as_of_date=AS_OF)
    rows = _rows(
        connection,
        "SELECT year, version, versions, is_current, prev_version_budget_eur, budget_total_eur,"
        " version_change_eur, n_projects_added, projects_added, n_projects_removed,"
        " projects_removed, same_signature_date, source_name FROM mart_agreement_versions"
        " ORDER BY year, version",
    )
    assert rows == [
        (2024, 1, 3, False, None, Decimal("800000.00"), None, 0, None, 0, None, False,
         "gg_2024_v1.txt"),
        (2024, 2, 3, False, Decimal("800000.00"), Decimal("850000.00"), Decimal("50000.00"),
         1, "Werkstatt", 1, "Sprachkurs", False, "gg_2024_v2.txt"),
        (2024, 3, 3, True, Decimal("850000.00"), Decimal("850000.00"), Decimal("0.00"),
         1, "Lotsen", 0, None, False, "gg_2024_v3.txt"),
        (2025, 1, 1, True, None, Decimal("900000.00"), None, 0, None, 0, None, False,
         "gg_2025_v1.txt"),
    ]  # fmt: skip


def _decide(connection, line: int, kind: str, target: str, **fields) -> None:
    """One review_log record with its flattened target and payload fields (settle, correct)."""
    columns = ", ".join(fields)
    marks = ", ".join("?" for _ in fields)
    connection.execute(
        "INSERT INTO review_log (review_id, log_line, kind, target_key, reviewer, decided_at,"
        f" reason, target_json, payload_json, previous_json, {columns}) VALUES (?, ?, ?, ?,"
        f" 'anna', TIMESTAMP '2026-01-05 09:00', 'geprüft', '{{}}', '{{}}', '{{}}', {marks})",
        [f"r-{line}", line, kind, f"{kind}:{target}", *fields.values()],
    )


def _store_agreements(connection, tmp_path: Path, files) -> dict:
    """Store (name, record) agreements; returns each name's sha256."""
    shas = {}
    for name, record in files:
        shas[name] = builders.register(connection, tmp_path, name, name.encode())
        outcome = builders.agreement_outcome(shas[name], record)
        store_outcome(connection, outcome, name, "v1")
    return shas


def test_a_settle_decides_its_own_year_only_and_a_tie_needs_the_same_year_and_presence(
    connection, tmp_path: Path
) -> None:
    agreement = builders.agreement
    shas = _store_agreements(
        connection,
        tmp_path,
        [
            # Groß-Gerau 2024 settled on its older version; 2025 two versions signed the same day
            ("gg_2024_a.txt", agreement(GROSS_GERAU, 2024, "800000", signed_on=date(2024, 2, 1))),
            ("gg_2024_b.txt", agreement(GROSS_GERAU, 2024, "850000", signed_on=date(2024, 5, 1))),
            ("gg_2025_a.txt", agreement(GROSS_GERAU, 2025, "900000", signed_on=date(2025, 2, 1))),
            ("gg_2025_b.txt", agreement(GROSS_GERAU, 2025, "950000", signed_on=date(2025, 2, 1))),
            # Kassel: the 2025 agreement signed the same day as 2024's (not a tie across years)
            ("ks_2024.txt", agreement(KASSEL, 2024, "700000", signed_on=date(2024, 12, 15))),
            ("ks_2025.txt", agreement(KASSEL, 2025, "750000", signed_on=date(2024, 12, 15))),
            # Wetterau 2024: two versions the same day, one file no longer in the inbox
            ("wt_2024_gone.txt", agreement(WETTERAU, 2024, "600000", signed_on=date(2024, 4, 1))),
            ("wt_2024_here.txt", agreement(WETTERAU, 2024, "650000", signed_on=date(2024, 4, 1))),
        ],
    )
    connection.execute(
        "UPDATE raw_document_sightings SET last_seen_at = TIMESTAMP '2026-01-03 08:00'"
        " WHERE sha256 = ?",
        [shas["wt_2024_gone.txt"]],
    )
    _decide(
        connection,
        1,
        "settle",
        f"{GROSS_GERAU}:2024",
        district_ags=GROSS_GERAU,
        year=2024,
        chosen_sha256=shas["gg_2024_a.txt"],
    )
    warehouse.build_models(connection, "staging", as_of_date=AS_OF)
    rows = _rows(
        connection,
        "SELECT source_name, version, versions, is_current, has_version_conflict,"
        " settled_sha256 IS NOT NULL FROM stg_agreements ORDER BY district_ags, year, version",
    )
    # the 2025 tie is decided by the fingerprint rule: which of the two is current is not fixed
    # here, only that exactly one is and that 2025 is flagged
    gg_2025 = sorted(
        ("gg_2025_a.txt", "gg_2025_b.txt"),
        key=lambda name: _rows(
            connection,
            f"SELECT content_fingerprint FROM stg_agreements WHERE sha256 = '{shas[name]}'",
        )[0][0],
    )
    assert rows == [
        ("gg_2024_b.txt", 1, 2, False, False, True),
        ("gg_2024_a.txt", 2, 2, True, False, True),
        (gg_2025[0], 1, 2, False, True, False),
        (gg_2025[1], 2, 2, True, True, False),
        ("wt_2024_gone.txt", 1, 2, False, False, False),
        ("wt_2024_here.txt", 2, 2, True, False, False),
        ("ks_2024.txt", 1, 1, True, False, False),
        ("ks_2025.txt", 1, 1, True, False, False),
    ]  # fmt: skip


def test_of_files_with_the_same_content_the_settled_then_the_corrected_one_represents_it(
    connection, tmp_path: Path
) -> None:
    agreement = builders.agreement
    gg = agreement(GROSS_GERAU, 2024, "800000", signed_on=date(2024, 2, 1))
    ks = agreement(KASSEL, 2024, "700000", signed_on=date(2024, 2, 1))
    wt_2024 = agreement(WETTERAU, 2024, "600000", signed_on=date(2024, 2, 1))
    wt_2025 = agreement(WETTERAU, 2025, "650000", signed_on=date(2025, 2, 1))
    names = {
        GROSS_GERAU: ("gg_1.txt", "gg_2.txt"),
        KASSEL: ("ks_1.txt", "ks_2.txt"),
        WETTERAU: ("wt_2025_1.txt", "wt_2025_2.txt"),
    }
    shas = _store_agreements(
        connection,
        tmp_path,
        [
            *((name, gg) for name in names[GROSS_GERAU]),
            *((name, ks) for name in names[KASSEL]),
            ("wt_2024.txt", wt_2024),
            *((name, wt_2025) for name in names[WETTERAU]),
        ],
    )
    # in each pair the file with the larger sha256: never the representative by the default rule
    larger = {ags: max(pair, key=lambda name: shas[name]) for ags, pair in names.items()}
    smaller = {ags: min(pair, key=lambda name: shas[name]) for ags, pair in names.items()}
    _decide(
        connection,
        1,
        "settle",
        f"{GROSS_GERAU}:2024",
        district_ags=GROSS_GERAU,
        year=2024,
        chosen_sha256=shas[larger[GROSS_GERAU]],
    )
    _decide(
        connection,
        2,
        "correct",
        f"{shas[larger[KASSEL]]}:budget_total_eur",
        sha256=shas[larger[KASSEL]],
        field="budget_total_eur",
        new_value="710000",
    )
    # a settle recorded for Wetterau 2024 that names a file now read as 2025: it decides 2024
    # only, so the 2025 copies keep the default rule (the smaller sha256)
    _decide(
        connection,
        3,
        "settle",
        f"{WETTERAU}:2024",
        district_ags=WETTERAU,
        year=2024,
        chosen_sha256=shas[larger[WETTERAU]],
    )
    warehouse.build_models(connection, "staging", as_of_date=AS_OF)
    rows = _rows(
        connection,
        "SELECT district_ags, year, source_name, budget_total_eur, versions"
        " FROM stg_agreements ORDER BY district_ags, year",
    )
    assert rows == [
        (GROSS_GERAU, 2024, larger[GROSS_GERAU], Decimal("800000.00"), 1),
        (WETTERAU, 2024, "wt_2024.txt", Decimal("600000.00"), 1),
        (WETTERAU, 2025, smaller[WETTERAU], Decimal("650000.00"), 1),
        (KASSEL, 2024, larger[KASSEL], Decimal("710000.00"), 1),
    ]
