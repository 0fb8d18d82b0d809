"""Drill-down by click, in Streamlit's AppTest: the clickable pages render, their charts carry the
click selections, the select boxes still drive the project list, a remembered district click
offers the Kreisprofil link, and the click callbacks set the fallback widgets.

AppTest cannot click a Vega mark; the browser test (tests/browser/test_dashboard_browser_drilldown.py)
does. Here the callbacks run in a real script run against the selection state Streamlit
reports (``{"selection": {<param>: [{field: value}, ...]}}``).
"""

from __future__ import annotations

import json

import duckdb
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import charts, labels
from pipelines.config import PROJECT_ROOT
from pipelines.exports import locate_snapshot
from tests.support.apptest import run_app_page

CLICKED_KEY = "kreisvergleich_clicked_district"


def _run_page(
    page: str, query_params: dict[str, str] | None = None, session: dict[str, object] | None = None
) -> AppTest:
    return run_app_page(page, query_params, session_state=session)


def _chart_specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]


def _chart_rows(app: AppTest, index: int) -> list[dict]:
    """The rows chart ``index`` plots (Streamlit ships a chart's dataset as Arrow beside its spec)."""
    (dataset,) = app.get("vega_lite_chart")[index].proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()


def _heatmap_index(app: AppTest) -> int:
    """Index of the one clickable heatmap (the money-by-measure-type chart comes before it)."""
    (index,) = [
        number
        for number, spec in enumerate(_chart_specs(app))
        if charts.HEATMAP_SELECTION in _param_names(spec)
    ]
    return index


def _param_names(spec: dict) -> set[str]:
    names = {param["name"] for param in spec.get("params", [])}
    for layer in spec.get("layer", []):
        names |= {param["name"] for param in layer.get("params", [])}
    return names


def _captions(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption]


def _cell_with_projects(publish_dir) -> tuple[int, str, str, int, str, int]:
    """(year, AGS, district name, measure type, measure name, n projects): the newest year's
    busiest cell outside the first district, so the select boxes must really move."""
    ref = locate_snapshot(publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year = connection.execute("SELECT max(year) FROM mart_measure_mix").fetchone()[0]
        first_ags = connection.execute("SELECT min(district_ags) FROM mart_measure_mix").fetchone()[
            0
        ]
        ags, name, measure, measure_name = connection.execute(
            "SELECT district_ags, district_name, measure_type, measure_name FROM mart_measure_mix WHERE year = ? AND district_ags <> ? "
            "ORDER BY n_projects DESC, district_ags, measure_type LIMIT 1",
            [year, first_ags],
        ).fetchone()
        n_projects = connection.execute(
            "SELECT count(*) FROM mart_projects WHERE year = ? AND district_ags = ? AND measure_type = ?",
            [year, ags, measure],
        ).fetchone()[0]
    return year, ags, name, measure, measure_name, n_projects


def test_massnahmenarten_heatmap_is_clickable_and_unchanged_without_a_click(published_env) -> None:
    app = _run_page("massnahmenarten")
    heatmap_index = _heatmap_index(app)
    spec = _chart_specs(app)[heatmap_index]
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"
    assert spec["encoding"]["tooltip"][0]["title"] == labels.FILTER_DISTRICT
    rows = _chart_rows(app, heatmap_index)
    # measure "alle" (the default) outlines no cell: the heatmap looks as before any click
    assert rows and not any(row["is_selected"] for row in rows)
    assert labels.MA_CLICK_HINT in _captions(app)
    # the fallback box shows the "alle" choice, not its empty placeholder
    measure_box = app.selectbox(key="massnahme")
    assert measure_box.format_func(measure_box.value) == labels.ALL
    assert any(f", {labels.ALL}: " in caption for caption in _captions(app))


def test_massnahmenarten_select_boxes_drive_project_list_and_outline(published_env) -> None:
    year, ags, name, measure, measure_name, n_projects = _cell_with_projects(
        published_env.publish_dir
    )
    app = _run_page("massnahmenarten", {"jahr": str(year)})
    app.selectbox(key="kreis").set_value(ags).run()
    app.selectbox(key="massnahme").set_value(measure).run()
    assert not app.exception
    caption = labels.MA_CELL_CAPTION.format(
        district=f"{name} ({ags})", measure=measure_name, n=n_projects
    )
    assert caption in _captions(app)
    keys = {button.key for button in app.get("download_button")}
    assert f"download_projekte_{year}_{ags}_{measure}_csv" in keys
    assert app.query_params["kreis"] in (ags, [ags]) and app.query_params["massnahme"] in (
        str(measure),
        [str(measure)],
    )
    rows = _chart_rows(app, _heatmap_index(app))
    outlined = [(row["district_ags"], row["measure_type"]) for row in rows if row["is_selected"]]
    assert outlined == [(ags, measure)], "the chosen cell is outlined in the heatmap"


def _callback_script() -> None:
    """Runs inside AppTest: stores a selection as Streamlit reports it and calls the callbacks."""
    import streamlit as st

    from dashboards import charts, common

    st.session_state["fake_heatmap"] = {
        "selection": {charts.HEATMAP_SELECTION: st.session_state.get("heatmap_points", [])}
    }
    st.session_state["fake_ranking"] = {
        "selection": {charts.DISTRICT_SELECTION: st.session_state.get("ranking_points", [])}
    }
    common.select_heatmap_cell("fake_heatmap", charts.HEATMAP_SELECTION)
    common.remember_clicked_district("fake_ranking", charts.DISTRICT_SELECTION, "clicked")


def test_click_callbacks_set_the_fallback_widgets() -> None:
    app = AppTest.from_function(_callback_script, default_timeout=30)
    app.session_state["kreis"] = "06411"
    app.session_state["massnahme"] = 0
    app.session_state["heatmap_points"] = [{"district_ags": "06431", "measure_type": 3}]
    app.session_state["ranking_points"] = [{"district_ags": "06611"}]
    app.run()
    assert not app.exception
    assert app.session_state["kreis"] == "06431" and app.session_state["massnahme"] == 3
    assert app.session_state["clicked"] == "06611"
    # a click beside the marks (empty selection) keeps the current choice
    app.session_state["heatmap_points"] = []
    app.session_state["ranking_points"] = []
    app.session_state["kreis"] = "06412"
    app.run()
    assert app.session_state["kreis"] == "06412" and app.session_state["massnahme"] == 3
    assert app.session_state["clicked"] == "06611"


def _drill_links(app) -> list:
    """The link a click offers (not the keyboard list of every profile, not the page footer)."""
    prefix = labels.KV_DRILL_LINK.split("{")[0]
    return [link for link in app.get("page_link") if link.proto.label.startswith(prefix)]


def test_kreisvergleich_charts_are_clickable_and_offer_no_link_before_a_click(
    published_env,
) -> None:
    app = _run_page("kreisvergleich")
    specs = _chart_specs(app)
    assert len(specs) == 2
    for spec in specs:
        assert charts.DISTRICT_SELECTION in _param_names(spec)
        assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"
    assert len(_drill_links(app)) == 0
    assert labels.KV_DRILL_HINT in _captions(app)
    # the keyboard way: one link per district shown, each with the profile's URL codes
    (listing,) = [item for item in app.expander if item.label == labels.KV_PROFILE_LINKS]
    queries = sorted(link.proto.query_string for link in listing.get("page_link"))
    shown = sorted(row["district_ags"] for row in _chart_rows(app, 1))
    assert queries == [f"kreis={ags}&jahr={app.session_state['jahr']}" for ags in shown]


@pytest.mark.parametrize("peer_group", ["alle", "kreisfreie Stadt"])
def test_kreisvergleich_clicked_district_links_to_its_profile(
    published_env, peer_group: str
) -> None:
    ref = locate_snapshot(published_env.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        year = connection.execute("SELECT min(year) FROM mart_district_year").fetchone()[0]
        ags, name = connection.execute(
            "SELECT district_ags, district_name FROM mart_district_year WHERE year = ? AND district_type = 'Landkreis' "
            "ORDER BY district_ags DESC LIMIT 1",
            [year],
        ).fetchone()
    app = _run_page("kreisvergleich", {"jahr": str(year), "gruppe": peer_group}, {CLICKED_KEY: ags})
    links = _drill_links(app)
    if peer_group != "alle":  # the clicked Landkreis is not shown among the kreisfreie Städte
        assert len(links) == 0
        return
    (link,) = links
    assert link.proto.page == "kreisprofil"
    assert link.proto.query_string == f"kreis={ags}&jahr={year}"
    assert name in link.proto.label and str(year) in link.proto.label
    rows = _chart_rows(app, 1)
    assert [row["district_ags"] for row in rows if row["is_selected"]] == [ags], (
        "the clicked bar is outlined"
    )
    # the link's codes open the profile on that district and year
    profile = _run_page(
        "kreisprofil", dict(pair.split("=") for pair in link.proto.query_string.split("&"))
    )
    assert profile.selectbox(key="kreis").value == ags
    assert profile.selectbox(key="jahr").value == year


def test_choropleth_is_clickable_too(published_env, monkeypatch) -> None:
    geojson = PROJECT_ROOT.parent / "shared" / "geo" / "hessen_kreise_bkg2013.geojson"
    if not geojson.is_file():
        pytest.skip(f"the test GeoJSON {geojson} is absent here, so the choropleth path cannot run")
    monkeypatch.setenv("AQB_DISTRICT_GEOJSON", str(geojson))
    spec = _chart_specs(_run_page("kreisvergleich"))[0]
    assert spec["mark"]["type"] == "geoshape"
    assert charts.DISTRICT_SELECTION in _param_names(spec)
