"""Staging and marts: every mart as its contract declares it, numbers equal to staging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

import warehouse
from pipelines.contracts.tables import MARTS
from pipelines.ingest.loader import store_outcome
from tests.support import warehouse_records as builders
from warehouse import lineage


def _store(connection, tmp_path: Path, name: str, agreement) -> str:
    sha = builders.register(connection, tmp_path, name, name.encode())
    store_outcome(connection, builders.agreement_outcome(sha, agreement), name, "v1")
    return sha


@pytest.fixture
def built(connection, tmp_path: Path):
    """Three districts over two years, a corrected agreement, decisions for one district-year,
    one quarantined file, one failed check: staging and marts built."""
    a = builders.agreement
    _store(
        connection,
        tmp_path,
        "zv_2024_06431.txt",
        a(
            "06431",
            2024,
            "1200000",
            {1: ["Vorbereitung TZ"], 3: ["Jobdatings", "Digitalisierung Migration"]},
        ),
    )
    _store(
        connection,
        tmp_path,
        "zv_2025_06431.txt",
        a(
            "06431",
            2025,
            "1230450",
            {1: ["Vorbereitung TZ"], 3: ["jobdatings ", "Sprachkurs Bensheim"]},
            measure_amounts={1: "300000"},
        ),
    )
    _store(
        connection,
        tmp_path,
        "zv_2024_06440.txt",
        a("06440", 2024, "1100000", {3: ["Jobcoaching"]}, signed_on=date(2024, 5, 2)),
    )
    _store(
        connection,
        tmp_path,
        "zv_2024_06440_korr.txt",
        a("06440", 2024, "1140300", {3: ["Jobcoaching", "Sprachkurs"]}, signed_on=date(2024, 7, 9)),
    )
    _store(
        connection,
        tmp_path,
        "zv_2025_06611.txt",
        a("06611", 2025, "1000000", {2: ["Ausbildungscoaching"]}),
    )
    bad_sha = builders.register(connection, tmp_path, "scan.pdf", b"%PDF scan")
    from pipelines.parse.records import ParseOutcome

    store_outcome(
        connection,
        ParseOutcome("scan.pdf", bad_sha, "quarantined", "scanned, no text layer", None),
        "scan.pdf",
        "v1",
    )
    first = builders.decision(
        "RPKS-57-AQB-2025-06431-01",
        "06431",
        2025,
        [("Vorbereitung TZ", 1, "290000"), ("Jobdatings", 3, "900000")],
        date(2025, 3, 14),
    )
    final = builders.decision(
        "RPKS-57-AQB-2025-06431-02",
        "06431",
        2025,
        [
            ("Vorbereitung TZ", 1, "290000", "280000", "10000"),
            ("Jobdatings", 3, "900000", "850000", "50000"),
        ],
        date(2026, 2, 1),
        decision_type="final",
        refers_to="RPKS-57-AQB-2025-06431-01",
    )
    for name, decision in (("bescheid_01.txt", first), ("bescheid_02.txt", final)):
        sha = builders.register(connection, tmp_path, name, name.encode())
        store_outcome(connection, builders.decision_outcome(sha, (decision,), name), name, "v1")
    connection.execute(
        "INSERT INTO check_results (run_id, checked_at, suite, rule, severity, year, success,"
        " unexpected_count, detail, expectation)"
        " VALUES ('run-1', TIMESTAMP '2025-01-01 10:00', 'agreements', 'budget positive', 'error', NULL, false, 1, 'old', 'expect_column_values_to_be_between(budget_total_eur)'),"
        " ('run-2', TIMESTAMP '2025-01-02 10:00', 'agreements', 'budget positive', 'error', NULL, true, 0, 'new', 'expect_column_values_to_be_between(budget_total_eur)'),"
        " ('run-2', TIMESTAMP '2025-01-02 10:00', 'agreements', 'state total near published', 'warning', 2024, false, 1, 'far', 'expect_column_values_to_be_between(budget_total_eur)')"
    )
    staging = warehouse.build_models(connection, "staging", as_of_date=date(2026, 6, 30))
    marts = warehouse.build_models(connection, "marts", as_of_date=date(2026, 6, 30))
    return SimpleNamespace(connection=connection, staging=staging, marts=marts)


def _rows(connection, sql: str, parameters: list | None = None) -> list[tuple]:
    return connection.execute(sql, parameters or []).fetchall()


def test_every_mart_has_exactly_the_columns_and_types_its_contract_declares(built) -> None:
    """The contract (pipelines/contracts/tables.py) is what the models build: a column a model
    adds, drops, renames, reorders or retypes fails here until its declaration follows."""
    assert {table.name for table in MARTS} == set(warehouse.model_files("marts"))
    for table in MARTS:
        actual = _rows(
            built.connection,
            "SELECT column_name, replace(data_type, ' ', '') FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table.name],
        )
        declared = [(column.name, column.type) for column in table.columns]
        assert actual == declared, table.name


def test_keys_are_text_and_amounts_decimal(built) -> None:
    types = dict(
        _rows(
            built.connection,
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'mart_district_year'",
        )
    )
    assert types["district_ags"] == "VARCHAR"
    assert types["budget_total_eur"] == types["approved_eur"] == "DECIMAL(14,2)"
    assert types["has_agreement"] == types["has_decisions"] == "BOOLEAN"
    assert types["year"] == "INTEGER"


def test_district_year_equals_current_staging(built) -> None:
    c = built.connection
    assert _rows(c, "SELECT count(*) FROM mart_district_year") == [(26 * 2,)]
    expected = {
        (ags, year): budget
        for ags, year, budget in _rows(
            c, "SELECT district_ags, year, budget_total_eur FROM stg_agreements WHERE is_current"
        )
    }
    actual = {
        (ags, year): budget
        for ags, year, budget in _rows(
            c,
            "SELECT district_ags, year, budget_total_eur FROM mart_district_year WHERE has_agreement",
        )
    }
    assert actual == expected
    assert actual[("06440", 2024)] == Decimal("1140300.00")

    row = _rows(
        c,
        "SELECT prev_year_budget_eur, change_eur, change_pct, rank_in_state, rank_in_peer_group, n_projects,"
        " has_decisions, approved_eur, used_eur, agreement_version, agreement_versions, source_name, source_page, source_line,"
        " eur_per_inhabitant, population"
        " FROM mart_district_year WHERE district_ags = '06431' AND year = 2025",
    )[0]
    assert row[:3] == (Decimal("1200000.00"), Decimal("30450.00"), round(100 * 30450 / 1200000, 2))
    assert row[3:6] == (1, 1, 3)  # largest of 2025; largest Landkreis; three projects
    assert row[6:9] == (True, Decimal("1190000.00"), Decimal("1130000.00"))
    state = _rows(
        c,
        "SELECT sum(approved_eur), sum(used_eur) FROM stg_decision_state WHERE district_ags = '06431' AND year = 2025",
    )
    assert row[7:9] == state[0]
    assert row[9:14] == (1, 1, "zv_2025_06431.txt", 1, 31)
    assert row[14] == (Decimal("1230450") / row[15]).quantize(Decimal("0.01"))

    corrected = _rows(
        c,
        "SELECT agreement_version, agreement_versions, source_name FROM mart_district_year WHERE district_ags = '06440' AND year = 2024",
    )
    assert corrected == [(2, 2, "zv_2024_06440_korr.txt")]
    stadt_kassel = _rows(
        c,
        "SELECT rank_in_state, rank_in_peer_group FROM mart_district_year WHERE district_ags = '06611' AND year = 2025",
    )
    assert stadt_kassel == [(2, 1)]
    without = _rows(
        c,
        "SELECT has_agreement, budget_total_eur, rank_in_state, share_of_state FROM mart_district_year WHERE district_ags = '06412' AND year = 2025",
    )
    assert without == [(False, None, None, None)]
    shares = _rows(
        c, "SELECT year, sum(share_of_state) FROM mart_district_year GROUP BY year ORDER BY year"
    )
    assert all(abs(total - 1) < 1e-5 for _, total in shares)


def test_state_year_equals_sum_of_current_agreements(built) -> None:
    c = built.connection
    expected = _rows(
        c,
        "SELECT year, sum(budget_total_eur)::DECIMAL(14,2), count(*) FROM stg_agreements WHERE is_current GROUP BY year ORDER BY year",
    )
    actual = _rows(
        c,
        "SELECT year, budget_total_eur, n_districts_with_agreement FROM mart_state_year ORDER BY year",
    )
    assert actual == expected
    projects = _rows(
        c, "SELECT year, count(*) FROM stg_agreement_projects GROUP BY year ORDER BY year"
    )
    assert _rows(c, "SELECT year, n_projects FROM mart_state_year ORDER BY year") == projects
    assert _rows(
        c, "SELECT change_eur, n_districts_with_decisions FROM mart_state_year WHERE year = 2025"
    ) == [(Decimal("2230450.00") - Decimal("2340300.00"), 1)]


def test_state_year_compares_with_published_figure(connection, tmp_path: Path) -> None:
    _store(connection, tmp_path, "zv_2023.txt", builders.agreement("06431", 2023, "27146000"))
    warehouse.build_models(connection, "staging")
    warehouse.build_models(connection, "marts")
    row = _rows(
        connection,
        "SELECT published_figure_eur, deviation_from_published_pct, published_figure_source FROM mart_state_year WHERE year = 2023",
    )[0]
    assert row[0] == Decimal("27700000.00")
    assert row[1] == round(100 * (27146000 - 27700000) / 27700000, 2)
    assert "27,7 Millionen" in row[2]


def test_measure_mix_has_four_rows_per_agreement_and_staging_counts(built) -> None:
    c = built.connection
    assert _rows(c, "SELECT count(*) FROM mart_measure_mix") == [(4 * 4,)]
    counts = _rows(
        c,
        "SELECT district_ags, year, measure_type, count(*) FROM stg_agreement_projects GROUP BY ALL ORDER BY ALL",
    )
    mix = _rows(
        c,
        "SELECT district_ags, year, measure_type, n_projects FROM mart_measure_mix WHERE n_projects > 0 ORDER BY ALL",
    )
    assert mix == counts
    bergstrasse = _rows(
        c,
        "SELECT measure_type, measure_name, agreed_amount_eur, approved_eur, share_of_projects FROM mart_measure_mix"
        " WHERE district_ags = '06431' AND year = 2025 ORDER BY measure_type",
    )
    assert bergstrasse[0] == (
        1,
        "Ausbildungsvorbereitung",
        Decimal("300000.00"),
        Decimal("290000.00"),
        round(1 / 3, 6),
    )
    assert bergstrasse[1][2:] == (None, None, 0.0)
    assert bergstrasse[2][3] == Decimal("900000.00")
    approved = _rows(
        c, "SELECT measure_type, approved_eur FROM stg_decision_state ORDER BY measure_type"
    )
    assert approved == [(1, Decimal("290000.00")), (3, Decimal("900000.00"))]


def test_projects_continuity_and_changes(built) -> None:
    c = built.connection
    assert _rows(c, "SELECT count(*) FROM mart_projects") == _rows(
        c, "SELECT count(*) FROM stg_agreement_projects"
    )
    continuity = dict(
        _rows(
            c,
            "SELECT project_name, continuity FROM mart_projects WHERE district_ags = '06431' AND year = 2025",
        )
    )
    assert continuity == {
        "Vorbereitung TZ": "fortgeführt",
        "jobdatings ": "fortgeführt",
        "Sprachkurs Bensheim": "neu",
    }
    changes = _rows(
        c,
        "SELECT project_name, change FROM mart_project_changes WHERE district_ags = '06431' AND year = 2025 ORDER BY change, project_name",
    )
    assert changes == [
        ("Digitalisierung Migration", "beendet"),
        ("Vorbereitung TZ", "fortgeführt"),
        ("jobdatings ", "fortgeführt"),
        ("Sprachkurs Bensheim", "neu"),
    ]
    source = _rows(
        c,
        "SELECT source_name, source_page, source_line FROM mart_projects WHERE project_name = 'Sprachkurs Bensheim'",
    )
    assert source == [("zv_2025_06431.txt", 2, 32)]


def test_completeness_quarantine_documents_checks(built) -> None:
    c = built.connection
    assert _rows(c, "SELECT count(*) FROM mart_completeness") == [(26 * 2,)]
    assert _rows(
        c,
        "SELECT agreement_received, decisions_received FROM mart_completeness WHERE district_ags = '06431' AND year = 2025",
    ) == [(True, True)]
    assert _rows(c, "SELECT count(*) FROM mart_completeness WHERE agreement_received") == [(4,)]
    assert _rows(c, "SELECT original_name, rejected_rows, reason FROM mart_quarantine") == [
        ("scan.pdf", 0, "Scanned, no text layer.")
    ]
    documents = _rows(
        c,
        "SELECT original_name, status, document_type, is_sample FROM mart_documents WHERE original_name = 'scan.pdf'",
    )
    assert documents == [("scan.pdf", "quarantined", None, True)]
    assert _rows(c, "SELECT count(*) FROM mart_documents") == [(8,)]
    checks = _rows(c, "SELECT rule, year, success, detail FROM mart_check_results ORDER BY rule")
    assert checks == [
        ("budget positive", None, True, "new"),
        ("state total near published", 2024, False, "far"),
    ]


def _build_order(sql_by_model: dict[str, str]) -> list[str]:
    """Build order of models given as SQL, the way ``warehouse.models`` orders the model files."""
    return lineage.build_order(
        {name: lineage.referenced_tables(sql) for name, sql in sql_by_model.items()}
    )


def test_build_order_follows_references_and_rejects_cycles() -> None:
    order = _build_order(
        {
            "b": "SELECT * FROM a",
            "a": "SELECT 1 -- mentions b only in a comment",
            "c": "SELECT * FROM b JOIN a USING (x)",
        }
    )
    assert order == ["a", "b", "c"]
    with pytest.raises(ValueError, match="cycle"):
        _build_order({"a": "SELECT * FROM b", "b": "SELECT * FROM a"})


def test_references_come_from_the_parser_not_from_words() -> None:
    """Comments, strings and CTEs (even one named like a table) are no references; a table a
    CTE reads under the CTE's own name, before the CTE is in scope, is one."""
    sql = """
        -- reads stg_comment only in a comment
        WITH agreements AS (SELECT * FROM agreements WHERE note <> 'stg_string'),
             recent AS (SELECT * FROM agreements)
        SELECT * FROM recent JOIN ref_districts USING (district_ags)
        WHERE year IN (SELECT year FROM stg_years)
    """
    assert warehouse.lineage.referenced_tables(sql) == {"agreements", "ref_districts", "stg_years"}
    assert warehouse.lineage.leading_comment("-- One row\n--   per year.\nSELECT 1") == (
        "One row per year."
    )


def test_every_model_reads_what_its_sql_names() -> None:
    by_table = {model.table: model for model in warehouse.models()}
    assert by_table["mart_state_year"].reads == {"mart_district_year", "ref_published_figures"}
    order = [model.table for model in warehouse.models("marts")]
    assert order.index("mart_district_year") < order.index("mart_state_year")
    assert all(len(model.description) > 30 for model in by_table.values())


def test_failing_model_rolls_back_the_whole_layer(built) -> None:
    connection = built.connection
    before = dict(built.marts)
    connection.execute("DROP TABLE stg_districts")
    with pytest.raises(Exception, match="stg_districts"):
        warehouse.build_models(connection, "marts")
    after = {
        table: warehouse.scalar(connection, f"SELECT count(*) FROM {table}") for table in before
    }
    assert after == before


def test_as_of_date_variable_is_set_for_models(connection) -> None:
    warehouse.build_models(
        connection, "staging", as_of_date=date(2024, 6, 30), only=["stg_districts"]
    )
    assert _rows(connection, "SELECT getvariable('as_of_date')") == [(date(2024, 6, 30),)]


def test_reference_data_with_extra_districts(connection, tmp_path: Path) -> None:
    extra = tmp_path / "extra_districts.csv"
    extra.write_text(
        "district_ags,official_name,destatis_name,district_type,regierungsbezirk,nuts3,seat,seat_confirmed,"
        "valid_from,valid_to,population,reference_date,name_forms\n"
        "90411,Landkreis Beispiel,Beispiel,Landkreis,Nord,XX001,Beispielstadt,false,2000-01-01,,123456,2018-12-31,"
        '"Landkreis Beispiel|dem Landkreis Beispiel"\n',
        encoding="utf-8",
    )
    counts = warehouse.load_reference_data(connection, extra)
    assert counts["ref_districts"] == 27
    warehouse.build_models(connection, "staging", only=["stg_districts"])
    assert _rows(
        connection,
        "SELECT district_name, population, population_reference_date FROM stg_districts WHERE district_ags = '90411'",
    ) == [("Landkreis Beispiel", 123456, date(2018, 12, 31))]
    forms = _rows(
        connection,
        "SELECT name_form FROM ref_district_name_forms WHERE district_ags = '90411' ORDER BY 1",
    )
    assert forms == [("Landkreis Beispiel",), ("dem Landkreis Beispiel",)]
    # loading again replaces rather than duplicates
    assert warehouse.load_reference_data(connection)["ref_districts"] == 26


def test_transaction_commits_the_block_or_rolls_all_of_it_back(connection) -> None:
    connection.execute("CREATE TABLE t (x INTEGER)")
    with warehouse.transaction(connection):
        connection.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(ValueError, match="stop"), warehouse.transaction(connection):
        connection.execute("INSERT INTO t VALUES (2)")
        raise ValueError("stop")
    assert _rows(connection, "SELECT x FROM t") == [(1,)]


def test_a_reworded_rule_shows_only_its_new_result(connection) -> None:
    """A rule reworded between runs (mart_schemas' type rule once said "Schlüsselspalten") shows
    once, with its latest result; the old wording's result is not kept as if still checked, while
    a one-year run keeps the other years of rules it still checks."""
    connection.execute(
        "INSERT INTO check_results (run_id, checked_at, suite, rule, severity, year, success,"
        " unexpected_count, detail, expectation) VALUES"
        " ('run-1', TIMESTAMP '2026-01-01 10:00', 'mart_schemas', 'Schlüsselspalten mit dem vereinbarten Datentyp', 'error', NULL, true, 0, '', 'expect_x'),"
        " ('run-1', TIMESTAMP '2026-01-01 10:00', 'measure_mix', 'Beträge je Maßnahmenart', 'error', 2024, true, 0, '', 'expect_y'),"
        " ('run-1', TIMESTAMP '2026-01-01 10:00', 'measure_mix', 'Beträge je Maßnahmenart', 'error', 2025, true, 0, '', 'expect_y'),"
        " ('run-2', TIMESTAMP '2026-01-02 10:00', 'mart_schemas', 'Alle Spalten der Auswertungstabellen mit dem vereinbarten Datentyp', 'error', NULL, false, 1, 'x', 'expect_x'),"
        " ('run-2', TIMESTAMP '2026-01-02 10:00', 'measure_mix', 'Beträge je Maßnahmenart', 'error', 2025, false, 2, 'y', 'expect_y')"
    )
    warehouse.build_models(
        connection, "staging", only=("stg_review_decisions", "stg_check_results")
    )
    warehouse.build_models(connection, "marts", only=("mart_check_results",))
    assert _rows(
        connection,
        "SELECT suite, rule, year, success, run_id FROM mart_check_results ORDER BY suite, year",
    ) == [
        (
            "mart_schemas",
            "Alle Spalten der Auswertungstabellen mit dem vereinbarten Datentyp",
            None,
            False,
            "run-2",
        ),
        ("measure_mix", "Beträge je Maßnahmenart", 2024, True, "run-1"),
        ("measure_mix", "Beträge je Maßnahmenart", 2025, False, "run-2"),
    ]


def test_a_scans_note_names_its_confirming_documents_and_the_names_taken_as_they_spell_them(
    connection, tmp_path: Path
) -> None:
    export_sha = builders.register(connection, tmp_path, "foerderdaten_aqb_2025.xlsx", b"export")
    scan_sha = builders.register(connection, tmp_path, "bescheid_scan.pdf", b"%PDF scan")
    decision = builders.decision(
        "RPKS-57-AQB-2025-06431-02",
        "06431",
        2025,
        [("Jobcoaching", 3, "90000")],
        date(2025, 6, 2),
        from_scan=True,
    )
    outcome = replace(
        builders.decision_outcome(scan_sha, (decision,), "bescheid_scan.pdf"),
        names_confirmed_by=export_sha,
        names_corrected='[["Jobooaching", "Jobcoaching"], ["Intemationaler Bund", "Internationaler Bund"]]',
    )
    store_outcome(connection, outcome, "bescheid_scan.pdf", "v1")
    warehouse.build_models(connection, "staging", as_of_date=date(2026, 6, 30))
    notes = _rows(connection, "SELECT review_note FROM stg_documents WHERE sha256 = ?", [scan_sha])
    assert notes == [
        (
            "Unsicher gelesene Namen der Scan-Lesung bestätigt durch foerderdaten_aqb_2025.xlsx; "
            "Namen wie dort geschrieben übernommen: „Internationaler Bund“ (gelesen: "
            "„Intemationaler Bund“), „Jobcoaching“ (gelesen: „Jobooaching“)",
        )
    ]
    stored = _rows(
        connection, "SELECT names_corrected FROM parse_results WHERE sha256 = ?", [scan_sha]
    )
    assert stored == [(outcome.names_corrected,)]
