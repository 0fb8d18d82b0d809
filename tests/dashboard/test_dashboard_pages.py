"""Every page runs in Streamlit's AppTest against a published snapshot without an exception,
shows its "Datenstand" and its key figures; and the app degrades to German hints, not tracebacks."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import PROJECT_ROOT, Settings
from pipelines.exports import locate_snapshot
from pipelines.orchestration import run_ingest
from tests.support import snapshot_factory
from tests.support.apptest import run_app_page
from tests.support.settings_env import use_settings

GEOJSON = PROJECT_ROOT.parent / "shared" / "geo" / "hessen_kreise_bkg2013.geojson"

PAGES = (
    "ueberblick",
    "kreisvergleich",
    "massnahmenarten",
    "zeitreihen",
    "soll_ist",
    "kreisprofil",
    "vergleich",
    "datenqualitaet",
)


def run_page(page: str, query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run the real app (navigation included) and switch to ``page``; exceptions are asserted
    by each test."""
    return run_app_page(page, query_params, fail_on_exception=False)


def page_text(app: AppTest) -> str:
    parts = [
        element.value
        for kind in ("markdown", "caption", "info", "warning", "success", "header")
        for element in getattr(app, kind)
    ]
    parts += [f"{metric.label}: {metric.value}" for metric in app.metric]
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(published_env, page: str) -> None:
    app = run_page(page)
    assert not app.exception, [error.value for error in app.exception]
    text = page_text(app)
    assert "Datenstand:" in text
    assert [title.value for title in app.title] != []
    downloads = app.get("download_button")
    if page != "soll_ist" or "Bescheide vor" not in text:
        assert len(downloads) >= 2, f"{page}: every table needs CSV and XLSX buttons"


def test_sample_banner_follows_snapshot_info(published_env) -> None:
    ref = locate_snapshot(published_env.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        is_sample = connection.execute("SELECT is_sample FROM snapshot_info").fetchone()[0]
    text = page_text(run_page("ueberblick"))
    assert ("Beispieldaten" in text) == bool(is_sample)


def test_kreisprofil_lists_source_documents_with_download(published_env) -> None:
    app = run_page("kreisprofil")
    keys = [
        button.key
        for button in app.get("download_button")
        if button.key and button.key.startswith("original_")
    ]
    assert keys, "each figure's source document must be downloadable"
    assert "SHA-256" in page_text(app)


def test_year_in_url_selects_the_year(published_env) -> None:
    ref = locate_snapshot(published_env.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        first_year = connection.execute("SELECT min(year) FROM mart_district_year").fetchone()[0]
    app = run_page("ueberblick", {"jahr": str(first_year)})
    assert app.selectbox(key="jahr").value == first_year
    assert any(metric.label == f"Landessumme {first_year}" for metric in app.metric)


def test_no_snapshot_shows_german_hint(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(tmp_path / "empty"))
    for page in PAGES:
        app = run_page(page)
        assert not app.exception
        assert any(
            "Noch kein veröffentlichter Datenstand" in warning.value for warning in app.warning
        ), page
        assert any("aqb ingest" in code.value for code in app.code)


def test_a_snapshot_where_nothing_landed_shows_german_hints(tmp_path, monkeypatch) -> None:
    """The first ingest quarantined every document: the snapshot is published but holds no
    year; every page says so (or shows what was held back) instead of a traceback."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "zielvereinbarung_2025_kaputt.txt").write_text("kein Vertrag", encoding="utf-8")
    settings = Settings.rooted_at(tmp_path / "run", inbox)
    use_settings(settings, monkeypatch)
    run_ingest(settings)
    assert locate_snapshot(settings.publish_dir) is not None
    for page in PAGES:
        app = run_page(page)
        assert not app.exception, (page, [error.value for error in app.exception])
        if page == "datenqualitaet":
            assert "zielvereinbarung_2025_kaputt.txt" in page_text(app) + str(
                [frame.value for frame in app.dataframe]
            )
        else:
            assert any("noch kein Haushaltsjahr" in info.value for info in app.info), page


def test_soll_ist_explains_missing_mart(tmp_path, monkeypatch) -> None:
    built = snapshot_factory.build_snapshot(
        tmp_path, years=(2024, 2025), with_reconciliation=False, is_sample=False
    )
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(built.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(built.archive_dir))
    app = run_page("soll_ist")
    assert not app.exception
    assert any("Soll/Ist-Vergleich" in info.value for info in app.info)
    assert "Beispieldaten" not in page_text(app)


def test_map_is_choropleth_with_geojson_else_tile_grid(published_env, monkeypatch) -> None:
    tiles = run_page("kreisvergleich")
    assert "Kachelkarte" in page_text(tiles)
    if not GEOJSON.is_file():
        pytest.skip(f"the test GeoJSON {GEOJSON} is absent here, so the choropleth path cannot run")
    monkeypatch.setenv("AQB_DISTRICT_GEOJSON", str(GEOJSON))
    real_map = run_page("kreisvergleich")
    assert not real_map.exception
    text = page_text(real_map)
    assert "© GeoBasis-DE / BKG 2013 (Daten verändert)" in text and "Kachelkarte" not in text
