"""Every number on Überblick and Kreisvergleich equals a direct SQL query of the published
snapshot. Displayed German strings are parsed back to numbers, so a formatting slip fails too."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import labels
from pipelines.exports import locate_snapshot
from tests.support.apptest import frames_under_subheadings, joined_parts, run_app_page

KV_PARTS = (  # Kreisvergleich's table on screen, in parts
    labels.KV_TABLE_BUDGET,
    labels.KV_TABLE_RANK,
    labels.KV_TABLE_CHANGE,
    labels.KV_TABLE_MONEY,
    labels.KV_TABLE_AGREEMENT,
    labels.KV_TABLE_DISTRICT,
    labels.KV_TABLE_SOURCES,
)


def parse_german_number(text: str) -> float:
    """'1.230.450 €' -> 1230450.0, '−4,5 %' -> -4.5 (independent of the app's formatter)."""
    cleaned = (
        text.replace("\u00a0", " ").replace("−", "-").replace("€", "").replace("%", "").strip()
    )
    match = re.search(r"[+-]?[\d.]+(,\d+)?", cleaned)
    assert match, f"no number in {text!r}"
    return float(match.group(0).replace(".", "").replace(",", "."))


def run(page: str, query_params: dict[str, str] | None = None) -> AppTest:
    return run_app_page(page, query_params)


@pytest.fixture
def snapshot_sql(published_env):
    ref = locate_snapshot(published_env.publish_dir)
    connection = duckdb.connect(str(ref.path), read_only=True)
    yield connection
    connection.close()


def _years(connection) -> list[int]:
    return [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT year FROM mart_district_year ORDER BY year"
        ).fetchall()
    ]


def _table_with(app, *headers: str):
    """The one table of the page that has all ``headers`` (German), whatever its position."""
    found = [
        frame.value for frame in app.dataframe if all(h in frame.value.columns for h in headers)
    ]
    assert len(found) == 1, (headers, len(found))
    return found[0]


def _kreisvergleich_table(app, year: int):
    """Kreisvergleich's district table: its parts side by side, each listing the districts in
    the same order."""
    parts = frames_under_subheadings(app)
    return joined_parts(
        [parts[title.format(year=year)] for title in KV_PARTS], "Gebietskörperschaft"
    )


def test_ueberblick_figures_match_snapshot(snapshot_sql) -> None:
    years = _years(snapshot_sql)
    for year in (years[-1], years[0]):
        app = run("ueberblick", {"jahr": str(year)})
        metrics = {metric.label: metric for metric in app.metric}
        total, n_agreement, n_decisions, n_projects = snapshot_sql.execute(
            "SELECT sum(budget_total_eur), count(*) FILTER (WHERE has_agreement), count(*) FILTER (WHERE has_decisions), sum(n_projects) "
            "FROM mart_district_year WHERE year = ?",
            [year],
        ).fetchone()
        assert parse_german_number(metrics[f"Landessumme {year}"].value) == pytest.approx(
            float(total), abs=0.5
        )
        assert metrics["Kreise mit Zielvereinbarung"].value == f"{n_agreement} von 26"
        assert metrics["Kreise mit Bescheiden"].value == f"{n_decisions} von 26"
        assert parse_german_number(metrics["Projekte"].value) == n_projects
        # the change is like for like: only districts with an agreement in both years
        now, previous = snapshot_sql.execute(
            "SELECT sum(c.budget_total_eur), sum(p.budget_total_eur) FROM mart_district_year AS c "
            "JOIN mart_district_year AS p ON p.district_ags = c.district_ags AND p.year = c.year - 1 "
            "WHERE c.year = ? AND c.has_agreement AND p.has_agreement",
            [year],
        ).fetchone()
        delta = metrics[f"Landessumme {year}"].delta
        if previous is None:
            assert not delta
        else:
            change_text, pct_text = delta.split("(")
            assert parse_german_number(change_text) == pytest.approx(float(now - previous), abs=0.5)
            assert parse_german_number(pct_text.split(")")[0]) == pytest.approx(
                float((now - previous) / previous * 100), abs=0.051
            )
            assert "vergleichbar" in delta

        # the state table is split on screen: budget in one part, projects in another
        budget_table = _table_with(app, "Jahr", "Budget (€)")
        projects_table = _table_with(app, "Jahr", "Anzahl Projekte")
        sql_rows = snapshot_sql.execute(
            "SELECT year, sum(budget_total_eur), sum(n_projects) FROM mart_district_year GROUP BY year ORDER BY year"
        ).fetchall()
        assert budget_table["Jahr"].tolist() == [row[0] for row in sql_rows]
        assert budget_table["Budget (€)"].tolist() == pytest.approx(
            [float(row[1] or 0) for row in sql_rows]
        )
        assert projects_table["Jahr"].tolist() == [row[0] for row in sql_rows]
        assert projects_table["Anzahl Projekte"].tolist() == [row[2] for row in sql_rows]

        mix_table = _table_with(app, "Maßnahmenart (Nr.)", "Anzahl Projekte")
        mix_rows = snapshot_sql.execute(
            "SELECT measure_type, sum(n_projects) FROM mart_measure_mix WHERE year = ? GROUP BY measure_type ORDER BY measure_type",
            [year],
        ).fetchall()
        assert list(
            zip(mix_table["Maßnahmenart (Nr.)"], mix_table["Anzahl Projekte"], strict=True)
        ) == [tuple(row) for row in mix_rows]


def test_ueberblick_data_status_matches_snapshot_info(snapshot_sql) -> None:
    """Timestamps are stored in UTC and shown in German local time (Europe/Berlin)."""
    app = run("ueberblick")
    shown = {}
    for element in app.markdown:
        match = re.fullmatch(r"\*\*(.+?):\*\* (.+)", element.value)
        if match:
            shown[match.group(1)] = match.group(2)
    last_ingest, last_validation, published_at = snapshot_sql.execute(
        "SELECT last_ingest_at, last_successful_validation_at, published_at FROM snapshot_info"
    ).fetchone()
    for label, value in (
        ("Letzter Einlesevorgang", last_ingest),
        ("Letzte erfolgreiche Prüfung", last_validation),
        ("Veröffentlicht", published_at),
    ):
        if value is None:
            assert shown[label] == "–"
        else:
            local = (
                value.replace(tzinfo=UTC)
                .astimezone(ZoneInfo("Europe/Berlin"))
                .replace(second=0, microsecond=0, tzinfo=None)
            )
            text, zone = shown[label].rsplit(" ", 1)
            aware = value.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Berlin"))
            assert zone == ("MESZ" if aware.dst() else "MEZ")  # the zone is named
            assert datetime.strptime(text, "%d.%m.%Y, %H:%M Uhr") == local


def test_kreisvergleich_table_matches_snapshot(snapshot_sql) -> None:
    years = _years(snapshot_sql)
    year = years[-1]
    app = run("kreisvergleich", {"jahr": str(year)})
    table = _kreisvergleich_table(app, year)
    assert len(table) == 26
    rows = snapshot_sql.execute(
        "SELECT district_ags, budget_total_eur, eur_per_inhabitant, change_eur, change_pct, rank_in_state, rank_in_peer_group, "
        "population, share_of_state FROM mart_district_year WHERE year = ?",
        [year],
    ).fetchall()
    expected = {row[0]: row[1:] for row in rows}
    assert set(table["Kreisschlüssel"]) == set(expected)
    for _, shown in table.iterrows():
        budget, per_capita, change, change_pct, rank, peer_rank, population, share = expected[
            shown["Kreisschlüssel"]
        ]
        for column, value in (
            ("Budget (€)", budget),
            ("€ je Einwohner", per_capita),
            ("Veränderung zum Vorjahr (€)", change),
            ("Veränderung zum Vorjahr (%)", change_pct),
            ("Rang in Hessen", rank),
            ("Rang in Vergleichsgruppe", peer_rank),
            ("Einwohner", population),
            ("Anteil an Hessen (%)", share),
        ):
            if value is None:
                assert shown[column] is None or shown[column] != shown[column], (
                    shown["Kreisschlüssel"],
                    column,
                )
            else:
                assert float(shown[column]) == pytest.approx(float(value)), (
                    shown["Kreisschlüssel"],
                    column,
                )
    ranked = table.dropna(subset=["Rang in Hessen"])
    assert ranked["Rang in Hessen"].tolist() == sorted(ranked["Rang in Hessen"].tolist()), (
        "table is ordered by rank"
    )


def test_kreisvergleich_population_date_and_peer_group(snapshot_sql) -> None:
    year = _years(snapshot_sql)[-1]
    app = run("kreisvergleich", {"jahr": str(year), "gruppe": "kreisfreie Stadt"})
    reference_dates = {
        row[0].strftime("%d.%m.%Y")
        for row in snapshot_sql.execute(
            "SELECT DISTINCT population_reference_date FROM mart_district_year WHERE year = ? AND district_type = 'kreisfreie Stadt'",
            [year],
        ).fetchall()
    }
    captions = " ".join(caption.value for caption in app.caption)
    assert all(reference in captions for reference in reference_dates)
    n_cities = snapshot_sql.execute(
        "SELECT count(*) FROM mart_district_year WHERE year = ? AND district_type = 'kreisfreie Stadt'",
        [year],
    ).fetchone()[0]
    assert len(_kreisvergleich_table(app, year)) == n_cities == 5
