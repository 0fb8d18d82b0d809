"""Wide tables of Kreisprofil, Kreisvergleich, Zeitreihen, Maßnahmenarten and Soll/Ist are split
on screen into narrow ones (each under its own subheading, each keyed by the table's key columns)
so a 1280 px screen shows them without sideways scrolling; every table keeps one pair of downloads.

The browser tests (tests/browser/test_dashboard_browser_leadership.py and, for Kreisvergleich,
test_dashboard_browser_kreisvergleich.py) measure the widths; these
AppTests check which columns each part shows and that nothing was lost from the screen."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from dashboards import labels
from pipelines.exports import ExportFilters, locate_snapshot
from pipelines.exports.columns import column_spec
from pipelines.exports.tables import TABLES, build_table
from tests.support.apptest import (
    frames_under_subheadings,
    joined_parts,
    run_app_page,
    tables_under_subheadings,
    walk_elements,
)


def _headers(*columns: str) -> list[str]:
    return [column_spec(column).header_de for column in columns]


def _project_groups(year: int) -> dict[str, list[str]]:
    return {
        labels.KP_PROJECTS_MONEY.format(year=year): _headers(
            "measure_type", "position", "project_name", "amount_eur", "continuity"
        ),
        labels.KP_PROJECTS_SOURCES.format(year=year): _headers(
            "measure_type", "position", "source_name", "source_page", "source_line"
        ),
    }


DECISION_GROUPS = {
    labels.KP_DECISIONS_MONEY: _headers(
        "year", "decision_id", "decision_type", "decision_date", "total_eur"
    ),
    labels.KP_DECISIONS_USE: _headers(
        "decision_id", "used_total_eur", "reclaimed_total_eur", "refers_to"
    ),
    labels.KP_DECISIONS_SOURCES: _headers(
        "decision_id", "source_name", "source_format", "source_page", "source_line"
    ),
}
VERSION_GROUPS = {
    labels.KP_VERSIONS_BUDGET: _headers(
        "year",
        "version",
        "is_current",
        "prev_version_budget_eur",
        "budget_total_eur",
        "version_change_eur",
    ),
    labels.KP_VERSIONS_PROJECTS: _headers(
        "year", "version", "n_projects_added", "n_projects_removed", "signed_on"
    ),
    labels.KP_VERSIONS_SOURCES: _headers("year", "version", "first_seen_at", "source_name"),
}


@pytest.fixture
def sql(published_env):
    ref = locate_snapshot(published_env.publish_dir)
    connection = duckdb.connect(str(ref.path), read_only=True)
    yield connection
    connection.close()


def _download_keys(app) -> list[str]:
    return [button.key for button in app.get("download_button") if button.key]


def test_kreisprofil_splits_versions_projects_and_decisions(published_env, sql) -> None:
    """Versions in three parts, projects in two, decisions in three, the shift table without
    its redundant columns; each table still has exactly one CSV and one XLSX button."""
    picked = sql.execute(
        "SELECT v.district_ags, max(v.year) FROM mart_agreement_versions AS v"
        " JOIN mart_decisions AS d USING (district_ags)"
        " WHERE v.versions > 1 GROUP BY v.district_ags ORDER BY v.district_ags LIMIT 1"
    ).fetchone()
    if picked is None:
        assert published_env.source == "factory", "the sample corpus has corrected agreements"
        pytest.skip("the factory snapshot has no corrected agreement with decisions")
    ags, year = picked
    app = run_app_page("kreisprofil", {"kreis": ags, "jahr": str(year)})
    shown = tables_under_subheadings(app)
    for title, headers in {**VERSION_GROUPS, **_project_groups(year), **DECISION_GROUPS}.items():
        assert shown.get(title) == headers, title
    shift = [
        list(frame.value.columns)
        for frame in app.dataframe
        if column_spec("agreed_change_eur").header_de in frame.value.columns
    ]
    assert shift == [
        _headers("measure_name", "agreed_prev_year_eur", "agreed_eur", "agreed_change_eur")
    ]
    keys = _download_keys(app)
    for table in (
        f"fassungen_{ags}",
        f"projekte_{ags}_{year}",
        f"bescheide_{ags}",
        f"verschiebung_{ags}_{year}",
    ):
        for export_format in ("csv", "xlsx"):
            assert keys.count(f"download_{table}_{export_format}") == 1, table


@pytest.mark.parametrize(
    ("metric", "first"),
    [
        ("budget_total_eur", labels.ZR_TABLE_BUDGET),
        ("eur_per_inhabitant", labels.ZR_TABLE_PER_CAPITA),
    ],
)
def test_zeitreihen_table_in_two_parts_chosen_metric_first(
    published_env, metric: str, first: str
) -> None:
    app = run_app_page("zeitreihen", {"kreise": ["06431", "06611"], "kennzahl": metric})
    shown = tables_under_subheadings(app)
    assert list(shown)[0] == first
    assert shown[labels.ZR_TABLE_BUDGET] == _headers(
        "district_ags", "district_name", "year", "budget_total_eur", "state_avg_budget_eur"
    )
    assert shown[labels.ZR_TABLE_PER_CAPITA] == _headers(
        "district_ags", "district_name", "year", "eur_per_inhabitant", "state_eur_per_inhabitant"
    )
    assert _download_keys(app).count("download_zeitreihen_csv") == 1


def test_massnahmenarten_shows_the_projects_as_kreisprofil_does(published_env, sql) -> None:
    """One helper draws the project table on both pages: the same parts, the same columns."""
    ags, year = sql.execute(
        "SELECT district_ags, year FROM mart_projects ORDER BY year DESC, district_ags LIMIT 1"
    ).fetchone()
    app = run_app_page("massnahmenarten", {"kreis": ags, "jahr": str(year)})
    shown = tables_under_subheadings(app)
    for title, headers in _project_groups(year).items():
        assert shown.get(title) == headers, title


STATE_GROUPS = {
    labels.OV_STATE_BUDGET: _headers(
        "year", "budget_total_eur", "prev_year_budget_eur", "change_eur", "change_pct"
    ),
    labels.OV_STATE_LFL_SUMS: _headers(
        "year", "n_districts_comparable", "lfl_prev_year_budget_eur", "lfl_budget_eur"
    ),
    labels.OV_STATE_LFL: _headers(
        "year", "lfl_change_eur", "lfl_change_pct", "districts_not_comparable"
    ),
    labels.OV_STATE_COVERAGE: _headers(
        "year",
        "n_districts",
        "n_districts_with_agreement",
        "n_districts_with_decisions",
        "n_projects",
    ),
    labels.OV_STATE_MISSING: _headers("year", "districts_missing"),
    labels.OV_STATE_PUBLISHED: _headers(
        "year", "published_figure_eur", "deviation_from_published_pct", "published_figure_source"
    ),
}


def test_ueberblick_state_table_in_six_parts_keyed_by_year_with_every_column(published_env, sql):
    """Each of the 19 columns of "Hessen gesamt je Jahr" is on screen in exactly one part
    (besides the year, which keys every part); one download pair for the whole table."""
    app = run_app_page("ueberblick")
    shown = tables_under_subheadings(app)
    for title, headers in STATE_GROUPS.items():
        assert shown.get(title) == headers, title
    columns = [row[0] for row in sql.execute("DESCRIBE mart_state_year").fetchall()]
    on_screen = [h for headers in STATE_GROUPS.values() for h in headers[1:]]
    assert sorted(on_screen) == sorted(_headers(*(c for c in columns if c != "year")))
    keys = _download_keys(app)
    for export_format in ("csv", "xlsx"):
        assert keys.count(f"download_landesebene_{export_format}") == 1


def test_massnahmenarten_money_and_mix_tables_in_keyed_parts(published_env, sql) -> None:
    """Euro per measure type in three parts (amounts, their origin, document and page), the
    mix in two (projects, amounts), each keyed by year/district and measure type; one
    download pair per table."""
    year = sql.execute("SELECT max(year) FROM mart_measure_mix").fetchone()[0]
    app = run_app_page("massnahmenarten", {"jahr": str(year)})
    shown = tables_under_subheadings(app)
    expected = {
        labels.MONEY_TABLE_AMOUNTS: _headers(
            "year", "district_name", "measure_name", "measure_amount_eur", "share_of_district_year"
        ),
        labels.MONEY_TABLE_ORIGIN: _headers(
            "year", "district_name", "measure_name", "amount_source"
        ),
        labels.MONEY_TABLE_SOURCES: _headers(
            "year", "district_ags", "measure_type", "source_name", "source_page"
        ),
        labels.MA_TABLE_PROJECTS.format(year=year): _headers(
            "district_ags", "district_name", "measure_name", "n_projects", "share_of_projects"
        ),
        labels.MA_TABLE_MONEY.format(year=year): _headers(
            "district_ags", "district_name", "measure_name", "agreed_amount_eur", "approved_eur"
        ),
    }
    for title, headers in expected.items():
        assert shown.get(title) == headers, title
    keys = _download_keys(app)
    for table in ("massnahmen_euro_land", f"massnahmenarten_{year}"):
        for export_format in ("csv", "xlsx"):
            assert keys.count(f"download_{table}_{export_format}") == 1, table


def test_soll_ist_table_in_five_parts_keyed_by_district_and_measure(published_env, sql) -> None:
    """Each of the 14 columns of the Soll/Ist table is on screen in exactly one part (besides
    district and measure type, which key every part); one download pair for the whole table."""
    year = sql.execute("SELECT max(year) FROM mart_reconciliation").fetchone()[0]
    app = run_app_page("soll_ist", {"jahr": str(year)})
    shown = tables_under_subheadings(app)
    mart = [row[0] for row in sql.execute("DESCRIBE mart_reconciliation").fetchall()]
    # older snapshots (the factory's) lack measure names: their parts are keyed by the number
    keys = ("district_name", "measure_name" if "measure_name" in mart else "measure_type")
    groups = {
        labels.SI_TABLE_AGREED: ("agreed_eur", "agreed_total_eur"),
        labels.SI_TABLE_DECIDED: ("approved_eur", "used_eur", "reclaimed_eur"),
        labels.SI_TABLE_FLAGS_DEVIATION: (
            "flag_approved_above_agreed",
            "flag_measure_not_in_agreement",
        ),
        labels.SI_TABLE_FLAGS_MISSING: (
            "flag_decision_without_agreement",
            "flag_agreement_without_decision",
        ),
        labels.SI_TABLE_KEYS: ("district_ags", "measure_type", "year"),
    }
    expected = {  # the snapshot's columns only (older ones lack optional columns)
        title: _headers(*dict.fromkeys(c for c in (*keys, *columns) if c in mart))
        for title, columns in groups.items()
    }
    for title, headers in expected.items():
        assert shown.get(title.format(year=year)) == headers, title
    on_screen = [h for headers in expected.values() for h in headers[2:]]
    # from_scan joins the keys part only when a figure was read from a scan, which these
    # snapshots do not have (OCR is opt-in): tests/dashboard/test_dashboard_scan_marks.py
    columns = [c for c in TABLES["reconciliation"].columns if c in mart and c != "from_scan"]
    assert sorted(on_screen) == sorted(_headers(*(c for c in columns if c not in keys)))
    keys_found = _download_keys(app)
    for export_format in ("csv", "xlsx"):
        assert keys_found.count(f"download_reconciliation_{year}_{export_format}") == 1


def test_datenqualitaet_completeness_and_quarantine_in_keyed_parts(published_env, sql) -> None:
    """Completeness in two parts keyed by district and year, the quarantine in four keyed by
    file name (shown only when files were set aside); one download pair per table."""
    app = run_app_page("datenqualitaet")
    shown = tables_under_subheadings(app)
    keys = ("district_ags", "district_name", "year")
    expected = {
        labels.DQ_COMPLETENESS_RECEIVED: _headers(
            *keys, "agreement_received", "decisions_received"
        ),
        labels.DQ_COMPLETENESS_QUARANTINED: _headers(*keys, "n_quarantined"),
    }
    if sql.execute("SELECT count(*) FROM mart_quarantine").fetchone()[0]:
        expected |= {
            labels.DQ_QUARANTINE_REASON: _headers("original_name", "reason_de"),
            labels.DQ_QUARANTINE_HASH: _headers("original_name", "sha256_short"),
            labels.DQ_QUARANTINE_FILE: _headers("original_name", "rejected_rows", "quarantined_at"),
            labels.DQ_QUARANTINE_REVIEW: _headers(
                "original_name", "is_dismissed", "reviewer", "decided_at", "review_reason"
            ),
        }
    for title, headers in expected.items():
        assert shown.get(title) == headers, title
    downloads = _download_keys(app)
    for table in ("vollstaendigkeit", "quarantaene"):
        for export_format in ("csv", "xlsx"):
            assert downloads.count(f"download_{table}_{export_format}") == 1, table


CHECK_PARTS = {  # subheading -> the columns after the key (rule, year)
    labels.DQ_CHECKS_RESULT: ("severity", "success", "unexpected_count"),
    labels.DQ_CHECKS_DETAIL: ("detail",),
    labels.DQ_CHECKS_SUITE: ("suite", "checked_at"),
    labels.DQ_CHECKS_TECHNICAL: ("expectation",),
    labels.DQ_CHECKS_WAIVER: ("waiver_status", "waiver_until", "waived_by"),
    labels.DQ_CHECKS_WAIVER_REASON: ("waiver_reason",),
}


def _grids_by_subheading(app) -> dict[str, object]:
    """Subheading -> the dataframe element drawn right after it (its proto: row height,
    column config)."""
    found, heading = {}, None
    for node in walk_elements(app.main):
        if node.type == "subheader":
            heading = node.value
        elif node.type == "dataframe" and heading is not None:
            found[heading] = node
            heading = None
    return found


def test_datenqualitaet_check_results_and_inbox_in_keyed_parts_with_wrapped_text(
    published_env, sql
) -> None:
    """The check results (13 columns, 2.074 px at 1280 px before) in parts keyed by rule and
    year, every column of the snapshot's table on screen once besides the key; the inbox log in
    two parts keyed by path; long text (rule, detail, technical rule, path, reason) gets a fixed
    width and rows tall enough to wrap; one download pair per table, with every column."""
    app = run_app_page("datenqualitaet")
    shown = tables_under_subheadings(app)
    mart = {row[0] for row in sql.execute("DESCRIBE mart_check_results").fetchall()}
    expected = {
        title: _headers("rule", "year", *(c for c in columns if c in mart))
        for title, columns in CHECK_PARTS.items()
        if set(columns) & mart
    }
    for title, headers in expected.items():
        assert shown.get(title) == headers, title
    on_screen = [h for headers in expected.values() for h in headers[2:]]
    table_columns = [c for c in TABLES["pruefergebnisse"].columns if c in mart]
    assert sorted(on_screen) == sorted(
        _headers(*(c for c in table_columns if c not in ("rule", "year")))
    )
    assert shown[labels.DQ_INBOX_OUTCOME] == _headers(
        "relative_path", "outcome", "kind", "size_bytes"
    )
    assert shown[labels.DQ_INBOX_REASON] == _headers("relative_path", "reason_de")
    grids = _grids_by_subheading(app)
    for title, wrapped in (
        (labels.DQ_CHECKS_RESULT, "rule"),
        (labels.DQ_CHECKS_DETAIL, "detail"),
        (labels.DQ_CHECKS_TECHNICAL, "expectation"),
        (labels.DQ_INBOX_REASON, "reason_de"),
    ):
        proto = grids[title].proto
        assert proto.row_height >= 65, title  # Streamlit wraps text only in rows above 64 px
        config = json.loads(proto.columns)
        assert config[_headers(wrapped)[0]]["width"] >= 300, (title, config)
    downloads = _download_keys(app)
    for table in ("pruefergebnisse", "eingangsprotokoll"):
        for export_format in ("csv", "xlsx"):
            assert downloads.count(f"download_{table}_{export_format}") == 1, table


KV_DOWNLOAD_ONLY = {  # in the download, not on screen (the page says why)
    "year",
    "has_agreement",
    "has_decisions",
    "population_reference_date",
    "source_sha256",
}


def _kreisvergleich_groups(metric: str, from_scan: bool) -> dict[str, tuple[str, ...]]:
    """Kreisvergleich's parts: each led by the district and the chosen metric (the source part
    by the district alone), the reviewer's note right after the budget."""
    keys = ("district_name", metric)
    return {
        labels.KV_TABLE_BUDGET: (
            *keys,
            "budget_total_eur",
            "review_note",
            *(("from_scan",) if from_scan else ()),
        ),
        labels.KV_TABLE_RANK: (*keys, "rank_in_state", "rank_in_peer_group", "share_of_state"),
        labels.KV_TABLE_CHANGE: (*keys, "change_eur", "change_pct"),
        labels.KV_TABLE_MONEY: (
            *keys,
            "prev_year_budget_eur",
            "approved_eur",
            "population",
            "eur_per_inhabitant",
        ),
        labels.KV_TABLE_AGREEMENT: (
            *keys,
            "n_projects",
            "signed_on",
            "agreement_version",
            "agreement_versions",
        ),
        labels.KV_TABLE_DISTRICT: (*keys, "district_ags", "district_type", "regierungsbezirk"),
        labels.KV_TABLE_SOURCES: ("district_name", "source_name", "source_page", "source_line"),
    }


def _assert_kreisvergleich_parts(app, sql, year: int, metric: str) -> dict:
    """Each part shows its columns (those the snapshot has), led by the district and the
    metric; together they show every column of the download but ``KV_DOWNLOAD_ONLY`` (and
    "Aus Scan gelesen" when no figure was read from a scan); every part lists the districts
    in the order of the metric, largest first. Returns the parts by title."""
    download = build_table(sql, "kreisvergleich", ExportFilters(years=(year,)))
    scanned = "from_scan" in download.columns and bool(download["from_scan"].any())
    groups = _kreisvergleich_groups(metric, scanned)
    parts = frames_under_subheadings(app)
    assert list(parts) == [title.format(year=year) for title in groups]
    for title, columns in groups.items():
        expected = _headers(*dict.fromkeys(c for c in columns if c in download.columns))
        assert list(parts[title.format(year=year)].columns) == expected, title
    on_screen = {c for columns in groups.values() for c in columns if c in download.columns}
    hidden = KV_DOWNLOAD_ONLY | ({"from_scan"} if not scanned else set())
    assert on_screen == set(download.columns) - hidden
    assert set(download.columns) >= KV_DOWNLOAD_ONLY
    # one order in every part (joined_parts checks), the metric's: largest first, gaps last
    table = joined_parts(list(parts.values()), column_spec("district_name").header_de)
    values = table[column_spec(metric).header_de]
    known = values.dropna().tolist()
    assert known == sorted(known, reverse=True), metric
    missing = int(values.isna().sum())
    assert values.iloc[len(values) - missing :].isna().all(), metric
    assert len(table) == download.height
    keys = _download_keys(app)
    for export_format in ("csv", "xlsx"):
        assert keys.count(f"download_kreisvergleich_{year}_{export_format}") == 1
    return parts


@pytest.mark.parametrize("metric", ["budget_total_eur", "change_pct"])
def test_kreisvergleich_table_in_seven_parts_led_by_district_and_metric(
    published_env, sql, metric: str
) -> None:
    year = sql.execute("SELECT max(year) FROM mart_district_year").fetchone()[0]
    app = run_app_page("kreisvergleich", {"jahr": str(year), "kennzahl": metric})
    parts = _assert_kreisvergleich_parts(app, sql, year, metric)
    intro = labels.TABLE_SPLIT_NOTE.format(n=len(parts))
    assert intro in [markdown.value for markdown in app.markdown]


def test_kreisvergleich_scanned_figure_and_note_sit_beside_the_budget(
    published_env, tmp_path, monkeypatch
) -> None:
    """A budget read from a scan and a reviewer's note: "Manuelle Prüfung" and "Aus Scan
    gelesen" right after the budget, in the first part (a copy of the published snapshot with
    those two marks set)."""
    publish_dir = tmp_path / "published"
    shutil.copytree(published_env.publish_dir, publish_dir)
    ref = locate_snapshot(publish_dir)
    with duckdb.connect(str(ref.path)) as connection:
        year, ags = connection.execute(
            "SELECT max(year), min(district_ags) FROM mart_district_year"
        ).fetchone()
        for column, kind in (("review_note", "VARCHAR"), ("from_scan", "BOOLEAN")):
            connection.execute(
                f"ALTER TABLE mart_district_year ADD COLUMN IF NOT EXISTS {column} {kind}"
            )
        connection.execute(
            "UPDATE mart_district_year SET from_scan = (district_ags = ?),"
            " review_note = CASE WHEN district_ags = ? THEN 'manuell korrigiert (Budget)' END",
            [ags, ags],
        )
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(publish_dir))
    app = run_app_page("kreisvergleich", {"jahr": str(year), "kennzahl": "eur_per_inhabitant"})
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        parts = _assert_kreisvergleich_parts(app, connection, year, "eur_per_inhabitant")
    budget = parts[labels.KV_TABLE_BUDGET.format(year=year)]
    assert list(budget.columns) == _headers(
        "district_name", "eur_per_inhabitant", "budget_total_eur", "review_note", "from_scan"
    )
    marked = budget[budget[column_spec("from_scan").header_de].fillna(False).astype(bool)]
    assert list(marked[column_spec("review_note").header_de]) == ["manuell korrigiert (Budget)"]
