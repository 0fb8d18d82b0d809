"""Charts a screen reader can use and the Erklärung zur Barrierefreiheit, in AppTest and as pure
functions: each chart's German summary names the right extremes and change, its data table
is next to it, and the statement shows the configured contact and the date of the last check."""

from __future__ import annotations

import json

import duckdb
import polars as pl
import pytest

from dashboards import chart_text, labels
from dashboards.common import contact_href
from pipelines.exports import locate_snapshot
from tests.support.apptest import run_app_page

CHART_PAGES = {  # page -> number of charts it draws on the sample data
    "ueberblick": 3,  # total per year, euro shares, euros per measure type over the years
    "kreisvergleich": 2,
    "massnahmenarten": 2,  # euros per measure type over the years, heatmap
    "zeitreihen": 1,
    "soll_ist": 1,
    "kreisprofil": 1,
    "datenqualitaet": 1,
}


def test_yearly_budget_names_extremes_and_latest_change() -> None:
    years = pl.DataFrame(
        {"year": [2024, 2022, 2023], "budget_total_eur": [1_100_000.0, 900_000.0, 1_200_000.0]}
    )
    text = chart_text.yearly_budget(years)
    assert text.summary == (
        "Am höchsten: 2023 (1.200.000\u00a0€); am niedrigsten: 2022 (900.000\u00a0€). "
        "2024 gegenüber 2023: -100.000\u00a0€ (-8,3\u00a0%)."
    )
    assert text.table.columns == [labels.FILTER_YEAR, "Budget"]
    assert text.table.rows() == [
        ("2022", "900.000\u00a0€"),
        ("2023", "1.200.000\u00a0€"),
        ("2024", "1.100.000\u00a0€"),
    ]


def test_summary_skips_missing_values_and_says_when_there_are_none() -> None:
    one = pl.DataFrame({"year": [2024, 2025], "budget_total_eur": [None, 5.0]})
    assert chart_text.yearly_budget(one).summary == "Ein Wert: 2025 (5\u00a0€)."
    empty = pl.DataFrame(
        {"year": [2025], "budget_total_eur": [None]},
        schema_overrides={"budget_total_eur": pl.Float64},
    )
    text = chart_text.yearly_budget(empty)
    assert text.summary == labels.SUMMARY_NO_VALUES
    assert text.table.rows() == [("2025", labels.MISSING)]


def test_district_metric_names_largest_smallest_rise_and_fall() -> None:
    frame = pl.DataFrame(
        {
            "district_name": ["A", "B", "C"],
            "budget_total_eur": [200.0, 900.0, 50.0],
            "change_pct": [4.0, -2.5, 0.5],
        }
    )
    text = chart_text.district_metric(frame, "budget_total_eur", "Budget (€)")
    assert text.summary == (
        "Am höchsten: B (900\u00a0€); am niedrigsten: C (50\u00a0€). "
        "Veränderung zum Vorjahr von B (-2,5\u00a0%) bis A (+4,0\u00a0%)."
    )
    assert text.table[labels.FILTER_DISTRICT].to_list() == ["B", "A", "C"]  # highest first


def test_series_and_reconciliation_and_completeness_summaries() -> None:
    series = pl.DataFrame(
        {
            "district_name": ["A", "A", "B", "B"],
            "year": [2024, 2025, 2024, 2025],
            "budget_total_eur": [100.0, 150.0, 80.0, 40.0],
            "state_avg_budget_eur": [90.0, 95.0, 90.0, 95.0],
        }
    )
    text = chart_text.district_series(series, "budget_total_eur", "state_avg_budget_eur", "B")
    assert text.summary == (
        "A: von 100\u00a0€ (2024) auf 150\u00a0€ (2025), +50,0\u00a0%. "
        "B: von 80\u00a0€ (2024) auf 40\u00a0€ (2025), -50,0\u00a0%."
    )
    assert text.table.height == 4
    totals = pl.DataFrame(
        {
            "district_name": ["A", "A", "B"],
            "series": ["Vereinbart", "Bewilligt", "Bewilligt"],
            "value": [10.0, 7.0, 9.0],
        }
    )
    assert chart_text.reconciliation(totals).summary == (
        "Vereinbart zusammen 10\u00a0€; Bewilligt zusammen 16\u00a0€. "
        "Höchste Bewilligung: B (9\u00a0€)."
    )
    status = pl.DataFrame(
        {
            "district_name": ["A", "A", "B"],
            "year": [2024, 2025, 2025],
            "Status": ["fehlt", "nur Vereinbarung", "fehlt"],
        }
    )
    assert chart_text.completeness(status).summary == (
        "3 Kreis-Jahre: Vereinbarung und Bescheide: 0; nur Vereinbarung: 1; nur Bescheide: 0; "
        "fehlt: 2."
    )


@pytest.mark.parametrize(
    ("contact", "href"),
    [
        ("barrieren@hsm.hessen.de", "mailto:barrieren@hsm.hessen.de"),
        ("https://intranet.example/barriere?x=1", "https://intranet.example/barriere?x=1"),
        ("javascript:alert(1)", None),
        ("[klick](javascript:alert(1))", None),
        ("Referat II 4, Tel. 0611 123", None),
    ],
)
def test_contact_becomes_a_link_only_when_it_is_an_address(contact: str, href) -> None:
    assert contact_href(contact) == href


@pytest.mark.parametrize("page", sorted(CHART_PAGES))
def test_every_chart_has_a_summary_and_its_data_table(published_env, page: str) -> None:
    app = run_app_page(page)
    charts = app.get("vega_lite_chart")
    tables = [expander for expander in app.expander if expander.label == labels.CHART_TABLE]
    assert len(charts) == CHART_PAGES[page]
    assert len(tables) == len(charts), f"{page}: each chart needs its 'Daten als Tabelle'"
    for expander in tables:
        assert expander.get("table"), f"{page}: the expander holds a real table"
    summaries = [text.value for text in app.text]
    assert len(summaries) >= len(charts)
    assert all(summary.strip() for summary in summaries)


def test_kreisvergleich_summary_names_the_snapshots_extremes(published_env) -> None:
    ref = locate_snapshot(published_env.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year = connection.execute("SELECT max(year) FROM mart_district_year").fetchone()[0]
        top, bottom = (
            connection.execute(
                "SELECT district_name FROM mart_district_year WHERE year = ? AND budget_total_eur "
                f"IS NOT NULL ORDER BY budget_total_eur {order}, district_ags LIMIT 1",
                [year],
            ).fetchone()[0]
            for order in ("DESC", "ASC")
        )
    app = run_app_page("kreisvergleich")
    summary = app.text[0].value
    assert summary.startswith(f"Am höchsten: {top} (")
    assert f"am niedrigsten: {bottom} (" in summary


def test_statement_shows_contact_date_and_limits(published_env, monkeypatch) -> None:
    monkeypatch.setenv("AQB_ACCESSIBILITY_CONTACT", "barrieren@hsm.hessen.de")
    app = run_app_page("barrierefreiheit")
    text = "\n".join(element.value for element in app.markdown)
    assert app.title[0].value == "Erklärung zur Barrierefreiheit"
    assert labels.format_date(labels.A11Y_CHECKED_ON) in text
    assert "teilweise" in text and "Diagramme" in text
    buttons = app.get("link_button")
    assert [button.proto.url for button in buttons] == ["mailto:barrieren@hsm.hessen.de"]
    monkeypatch.delenv("AQB_ACCESSIBILITY_CONTACT")
    app = run_app_page("barrierefreiheit")
    assert [warning.value for warning in app.warning] == [labels.A11Y_CONTACT_MISSING]
    assert not app.get("link_button")


def test_zeitreihen_marks_incomplete_years_in_chart_summary_and_warning(published_env) -> None:
    """A year in which fewer than all districts have an agreement is named with "x von n" in
    the chart's summary and in the warning under it, with the districts missing; its band and
    label are layers of the chart (as the pale bars on Überblick)."""
    ref = locate_snapshot(published_env.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        gaps = connection.execute(
            "SELECT year, n_districts_with_agreement, n_districts, districts_missing"
            " FROM mart_state_year WHERE n_districts_with_agreement < n_districts ORDER BY year"
        ).fetchall()
        chosen = [
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT district_ags FROM mart_district_year ORDER BY 1 LIMIT 2"
            ).fetchall()
        ]
    if not gaps:  # only the factory snapshot may be complete: the sample corpus misses districts
        assert published_env.source == "factory", "the sample corpus has incomplete years"
        pytest.skip("every year of the factory snapshot has all districts")
    app = run_app_page("zeitreihen", {"kreise": chosen})
    summary = labels.SUMMARY_INCOMPLETE_YEARS.format(
        years=", ".join(f"{year} ({n} von {total})" for year, n, total, _ in gaps)
    )
    assert any(summary in element.value for element in app.text), [e.value for e in app.text]
    warning = "\n".join(element.value for element in app.warning)
    for year, n, total, missing in gaps:
        assert f"{year}: {n} von {total}, ohne " in warning
        assert labels.markdown_text(missing) in warning
    (chart,) = app.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    marks = [layer["mark"] for layer in spec["layer"]]
    marks = [mark["type"] if isinstance(mark, dict) else mark for mark in marks]
    assert marks == ["rect", "text", "line"]  # the incomplete years' bands and text, then lines
    assert labels.ZR_INCOMPLETE_LEGEND in json.dumps(spec, ensure_ascii=False)


def test_series_summary_names_incomplete_years_and_marks_table_rows() -> None:
    series = pl.DataFrame(
        {
            "district_name": ["A", "A"],
            "year": [2024, 2025],
            "budget_total_eur": [100.0, 150.0],
            "state_avg_budget_eur": [90.0, 95.0],
        }
    )
    incomplete = pl.DataFrame(
        {"year": [2024], "Abdeckung": ["25 von 26"], "Ohne Zielvereinbarung": ["B"]}
    )
    text = chart_text.district_series(
        series, "budget_total_eur", "state_avg_budget_eur", "Budget (€)", incomplete
    )
    assert text.summary.endswith(labels.SUMMARY_INCOMPLETE_YEARS.format(years="2024 (25 von 26)"))
    assert text.table[labels.OV_COVERAGE_TITLE].to_list() == ["25 von 26", labels.OV_COMPLETE]
