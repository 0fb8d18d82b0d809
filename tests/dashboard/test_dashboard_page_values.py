"""The numbers each remaining page shows equal an independent SQL query of the published snapshot.

Überblick and Kreisvergleich have their own number tests (test_dashboard_numbers.py); this file
covers Kreisprofil, Maßnahmenarten, Zeitreihen, Soll/Ist, Vergleichstabelle and Datenqualität:
each page's headline figures and at least one table cell. Expected values come from SQL written
here, never from the dashboard's query functions, and tables are found by their German column
headers (pipelines.exports.columns, the one place for them), not by their position on the page.
"""

from __future__ import annotations

import math
import re

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import labels
from pipelines.exports import locate_snapshot
from pipelines.exports.columns import column_spec
from pipelines.exports.tables import SELECTION_TOTAL
from tests.support.apptest import frames_under_subheadings, run_app_page


@pytest.fixture
def sql(published_env):
    ref = locate_snapshot(published_env.publish_dir)
    connection = duckdb.connect(str(ref.path), read_only=True)
    yield connection
    connection.close()


def german_number(text: str) -> float:
    """'1.230.450 €' -> 1230450.0, '5,41 €' -> 5.41 (independent of the app's formatter)."""
    cleaned = text.replace("\u00a0", " ").replace("−", "-")
    match = re.search(r"-?\d[\d.]*(,\d+)?", cleaned)
    assert match, f"no number in {text!r}"
    return float(match.group(0).replace(".", "").replace(",", "."))


def header(column: str, metric: str | None = None) -> str:
    return column_spec(column, metric).header_de


def table_with(app: AppTest, *columns: str) -> pd.DataFrame:
    """The one table on the page that has every one of ``columns`` (German headers)."""
    found = [
        element.value
        for element in app.dataframe
        if all(column in element.value.columns for column in columns)
    ]
    assert len(found) == 1, f"{len(found)} tables with {columns}"
    return found[0]


def row_where(table: pd.DataFrame, **match: object) -> pd.Series:
    """The single row whose columns (German headers) equal ``match``."""
    selected = table
    for column, value in match.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, f"{len(selected)} rows for {match}"
    return selected.iloc[0]


def same_amount(shown: object, expected: object) -> bool:
    """A shown cell equals a SQL value (None/NaN both mean 'no value')."""
    if expected is None:
        return shown is None or (isinstance(shown, float) and math.isnan(shown))
    return float(shown) == pytest.approx(float(expected), abs=0.005)


def _district_year(sql, extra: str = "") -> tuple[str, int]:
    """A district-year with an agreement (and ``extra``), newest first, for the page filters."""
    return sql.execute(
        "SELECT district_ags, year FROM mart_district_year WHERE has_agreement AND budget_total_eur"
        f" IS NOT NULL {extra} ORDER BY year DESC, district_ags LIMIT 1"
    ).fetchone()


def test_kreisprofil_headline_figures_and_tables_match_snapshot(sql) -> None:
    ags, year = _district_year(sql, "AND rank_in_state IS NOT NULL AND has_decisions")
    app = run_app_page("kreisprofil", {"kreis": ags, "jahr": str(year)})
    budget, rank, per_capita, approved, n_projects = sql.execute(
        "SELECT budget_total_eur, rank_in_state, eur_per_inhabitant, approved_eur, n_projects"
        " FROM mart_district_year WHERE district_ags = ? AND year = ?",
        [ags, year],
    ).fetchone()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert german_number(metrics[labels.KP_BUDGET.format(year=year)]) == float(budget)
    assert german_number(metrics[labels.KP_RANK]) == rank
    assert german_number(metrics[labels.KP_PER_CAPITA]) == pytest.approx(float(per_capita))

    years = table_with(app, header("year"), header("budget_total_eur"), header("approved_eur"))
    n_years = sql.execute(
        "SELECT count(*) FROM mart_district_year WHERE district_ags = ?", [ags]
    ).fetchone()[0]
    assert len(years) == n_years
    this_year = row_where(years, **{header("year"): year})
    assert same_amount(this_year[header("budget_total_eur")], budget)
    assert same_amount(this_year[header("approved_eur")], approved)
    ranks = table_with(app, header("year"), header("rank_in_state"), header("n_projects"))
    assert row_where(ranks, **{header("year"): year})[header("n_projects")] == n_projects

    projects = table_with(app, header("project_name"), header("position"))
    expected_projects = sql.execute(
        "SELECT measure_type, position, project_name, amount_eur FROM mart_projects"
        " WHERE district_ags = ? AND year = ? ORDER BY measure_type, position",
        [ags, year],
    ).fetchall()
    assert len(projects) == len(expected_projects)
    measure_type, position, name, amount = expected_projects[0]
    first = row_where(
        projects, **{header("measure_type"): measure_type, header("position"): position}
    )
    assert first[header("project_name")] == name
    assert same_amount(first[header("amount_eur")], amount)

    decisions = table_with(app, header("decision_id"), header("total_eur"))
    expected_decisions = sql.execute(
        "SELECT decision_id, total_eur FROM mart_decisions WHERE district_ags = ?"
        " ORDER BY year DESC, decision_date DESC, decision_id",
        [ags],
    ).fetchall()
    assert sorted(decisions[header("decision_id")]) == sorted(row[0] for row in expected_decisions)
    decision_id, total = expected_decisions[0]
    assert same_amount(
        row_where(decisions, **{header("decision_id"): decision_id})[header("total_eur")], total
    )


def test_massnahmenarten_cell_projects_and_mix_table_match_snapshot(sql) -> None:
    ags, year = _district_year(sql, "AND n_projects > 0")
    app = run_app_page("massnahmenarten", {"jahr": str(year), "kreis": ags})
    n_projects = sql.execute(
        "SELECT count(*) FROM mart_projects WHERE district_ags = ? AND year = ?", [ags, year]
    ).fetchone()[0]
    captions = " ".join(caption.value for caption in app.caption)
    assert re.search(rf"\b{n_projects} Projekte\b", captions), captions
    projects = table_with(app, header("project_name"), header("position"))
    assert len(projects) == n_projects

    # on screen in two parts, both keyed by district and measure type name
    counts = table_with(app, header("district_ags"), header("measure_name"), header("n_projects"))
    amounts = table_with(
        app, header("district_ags"), header("measure_name"), header("agreed_amount_eur")
    )
    n_rows = sql.execute("SELECT count(*) FROM mart_measure_mix WHERE year = ?", [year]).fetchone()
    assert len(counts) == len(amounts) == n_rows[0]
    for measure_type in (1, 2, 3, 4):
        expected = sql.execute(
            "SELECT measure_name, n_projects, agreed_amount_eur, approved_eur FROM mart_measure_mix"
            " WHERE district_ags = ? AND year = ? AND measure_type = ?",
            [ags, year, measure_type],
        ).fetchone()
        if expected is None:
            continue
        key = {header("district_ags"): ags, header("measure_name"): expected[0]}
        assert row_where(counts, **key)[header("n_projects")] == expected[1]
        shown = row_where(amounts, **key)
        assert same_amount(shown[header("agreed_amount_eur")], expected[2])
        assert same_amount(shown[header("approved_eur")], expected[3])


def test_zeitreihen_values_and_state_average_match_snapshot(sql) -> None:
    chosen = [
        row[0]
        for row in sql.execute(
            "SELECT DISTINCT district_ags FROM mart_district_year ORDER BY district_ags LIMIT 2"
        ).fetchall()
    ]
    app = run_app_page("zeitreihen", {"kreise": chosen})
    table = table_with(app, header("district_ags"), header("year"), header("budget_total_eur"))
    rows = sql.execute(
        "SELECT district_ags, year, budget_total_eur FROM mart_district_year"
        " WHERE list_contains(?, district_ags)",
        [chosen],
    ).fetchall()
    assert len(table) == len(rows)
    for ags, year, budget in rows:
        shown = row_where(table, **{header("district_ags"): ags, header("year"): year})
        assert same_amount(shown[header("budget_total_eur")], budget)
    # the state average counts only districts with an agreement
    year = max(row[1] for row in rows)
    average = sql.execute(
        "SELECT sum(budget_total_eur) / count(*) FROM mart_district_year"
        " WHERE year = ? AND has_agreement",
        [year],
    ).fetchone()[0]
    shown = row_where(table, **{header("district_ags"): chosen[0], header("year"): year})
    assert same_amount(shown[header("state_avg_budget_eur")], round(average, 2))


def test_soll_ist_flags_and_amounts_match_snapshot(sql) -> None:
    year = sql.execute(
        "SELECT max(year) FROM mart_reconciliation WHERE approved_eur IS NOT NULL"
    ).fetchone()[0]
    app = run_app_page("soll_ist", {"jahr": str(year)})
    flags = (
        "flag_approved_above_agreed",
        "flag_decision_without_agreement",
        "flag_agreement_without_decision",
        "flag_measure_not_in_agreement",
    )
    n_flagged = sql.execute(
        f"SELECT count(*) FROM mart_reconciliation WHERE year = ? AND ({' OR '.join(flags)})",
        [year],
    ).fetchone()[0]
    n_rows = sql.execute(
        "SELECT count(*) FROM mart_reconciliation WHERE year = ?", [year]
    ).fetchone()[0]
    # the Soll/Ist table on screen in narrow parts, each keyed by district and measure type
    mart = [row[0] for row in sql.execute("DESCRIBE mart_reconciliation").fetchall()]
    measure_key = "measure_name" if "measure_name" in mart else "measure_type"  # older snapshots
    keys = (header("district_name"), header(measure_key))
    by_subheading = frames_under_subheadings(app)
    flag_parts = (labels.SI_FLAGS_TEXT.format(year=year), labels.SI_FLAGS_AMOUNTS.format(year=year))
    parts = [
        frame
        for title, frame in by_subheading.items()
        if all(key in frame.columns for key in keys) and title not in flag_parts
    ]
    assert [len(part) for part in parts] == [n_rows] * 5
    # the flag list names the flags in words, district first (no checkbox columns on screen),
    # then the amounts of the same rows in the same order
    flag_lists = [by_subheading[title] for title in flag_parts if title in by_subheading]
    assert [len(table) for table in flag_lists] == ([n_flagged] * 2 if n_flagged else [])
    if n_flagged:
        words, amounts = flag_lists
        assert list(words.columns) == [*keys, header("flags_de")]
        assert list(amounts.columns[:2]) == list(keys)
        assert list(words[keys[0]]) == list(amounts[keys[0]])
        assert list(words[keys[1]]) == list(amounts[keys[1]])
    district, measure, ags, measure_type, agreed, approved, used, *flag_values = sql.execute(
        f"SELECT district_name, {measure_key}, district_ags, measure_type, agreed_eur, approved_eur,"
        f" used_eur, {', '.join(flags)} FROM mart_reconciliation"
        " WHERE year = ? AND approved_eur IS NOT NULL"
        " ORDER BY approved_eur DESC, district_ags, measure_type LIMIT 1",
        [year],
    ).fetchone()
    match = {keys[0]: district, keys[1]: measure}

    def shown(column: str) -> object:
        """The cell of ``column`` in the (first) part that shows it, in the picked row."""
        part = next(part for part in parts if header(column) in part.columns)
        return row_where(part, **match)[header(column)]

    assert shown("district_ags") == ags
    assert shown("measure_type") == measure_type
    assert same_amount(shown("approved_eur"), approved)
    assert same_amount(shown("used_eur"), used)
    if agreed is not None:
        assert same_amount(shown("agreed_eur"), agreed)
    for flag, value in zip(flags, flag_values, strict=True):
        assert bool(shown(flag)) == bool(value), flag


def test_vergleichstabelle_cells_match_snapshot(sql) -> None:
    years = [
        row[0]
        for row in sql.execute(
            "SELECT DISTINCT year FROM mart_district_year ORDER BY year DESC LIMIT 2"
        ).fetchall()
    ]
    chosen = ["06431", "06611"]
    app = run_app_page("vergleich", {"kreise": chosen, "jahre": [str(year) for year in years]})
    table = table_with(app, header("district_name"), *(str(year) for year in years))
    names = dict(
        sql.execute(
            "SELECT DISTINCT district_ags, district_name FROM mart_district_year"
            " WHERE list_contains(?, district_ags)",
            [chosen],
        ).fetchall()
    )
    # one row per district and one for the whole selection (no made-up key such as "06")
    assert sorted(table[header("district_name")]) == sorted(
        [SELECTION_TOTAL, *(names[ags] for ags in chosen)]
    )
    for ags in chosen:
        shown = row_where(table, **{header("district_name"): names[ags]})
        for year in years:
            budget = sql.execute(
                "SELECT budget_total_eur FROM mart_district_year WHERE district_ags = ? AND year = ?",
                [ags, year],
            ).fetchone()
            assert same_amount(shown[str(year)], budget[0] if budget else None), (ags, year)
    selection = row_where(table, **{header("district_name"): SELECTION_TOTAL})
    for year in years:
        total = sql.execute(
            "SELECT sum(budget_total_eur) FROM mart_district_year"
            " WHERE year = ? AND list_contains(?, district_ags)",
            [year, chosen],
        ).fetchone()[0]
        assert same_amount(selection[str(year)], total), year


def test_datenqualitaet_counts_and_tables_match_snapshot(sql) -> None:
    app = run_app_page("datenqualitaet")
    captions = [caption.value for caption in app.caption]
    missing, n_pairs = sql.execute(
        "SELECT count(*) FILTER (WHERE NOT agreement_received), count(*) FROM mart_completeness"
    ).fetchone()
    assert labels.DQ_MISSING_PAIRS.format(n=missing) in captions
    passed, failed = sql.execute(
        "SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success)"
        " FROM mart_check_results"
    ).fetchone()
    assert labels.DQ_CHECKS_SUMMARY.format(ok=passed, failed=failed) in captions

    completeness = table_with(app, header("agreement_received"), header("decisions_received"))
    assert len(completeness) == n_pairs
    ags, year, received, n_quarantined = sql.execute(
        "SELECT district_ags, year, agreement_received, n_quarantined FROM mart_completeness"
        " ORDER BY agreement_received, year DESC, district_ags LIMIT 1"
    ).fetchone()
    shown = row_where(completeness, **{header("district_ags"): ags, header("year"): year})
    assert bool(shown[header("agreement_received")]) == received
    quarantined = table_with(app, header("n_quarantined"))  # the second part of the split table
    assert len(quarantined) == n_pairs
    shown = row_where(quarantined, **{header("district_ags"): ags, header("year"): year})
    assert shown[header("n_quarantined")] == n_quarantined

    checks = table_with(app, header("rule"), header("severity"))
    assert len(checks) == passed + failed
    n_quarantine = sql.execute("SELECT count(*) FROM mart_quarantine").fetchone()[0]
    if n_quarantine:
        quarantine = table_with(app, header("original_name"), header("reason_de"))
        assert len(quarantine) == n_quarantine
        assert sorted(quarantine[header("original_name")]) == sorted(
            row[0] for row in sql.execute("SELECT original_name FROM mart_quarantine").fetchall()
        )
