"""Kreisvergleich: every district in one year, map, ranking and table.

A click on a district (a ranking bar, a map tile or area) offers the link to its Kreisprofil in
the chosen year.
"""

from __future__ import annotations

from functools import partial

import polars as pl
import streamlit as st

from dashboards import chart_text, charts, common, labels, queries
from pipelines.config import load_settings
from pipelines.exports import ExportFilters

snapshot = common.page_start("kreisvergleich")
year_col, metric_col, group_col = st.columns(3)
year = common.year_filter(snapshot, container=year_col)
metric = common.choice_filter(
    labels.FILTER_METRIC, labels.MAP_METRIC_LABELS, key="kennzahl", container=metric_col
)
peer_group = common.choice_filter(
    labels.FILTER_PEER_GROUP, labels.PEER_GROUPS, key="gruppe", container=group_col
)

filters = ExportFilters(years=(year,))
district_year = queries.table(snapshot, "kreisvergleich", filters)
if peer_group != "alle":
    district_year = district_year.filter(pl.col("district_type") == peer_group)
metric_label = labels.MAP_METRIC_LABELS[metric]

CLICKED_KEY = "kreisvergleich_clicked_district"  # set by the charts' on_select callbacks
MAP_KEY, RANKING_KEY = "kreisvergleich_map", "kreisvergleich_ranking"
clicked = st.session_state.get(CLICKED_KEY)
if clicked not in district_year["district_ags"].to_list():  # e.g. left out by the peer group
    clicked = None


def on_click(chart_key: str) -> None:
    """Remember the district clicked in ``chart_key`` for the Kreisprofil link."""
    common.remember_clicked_district(chart_key, charts.DISTRICT_SELECTION, CLICKED_KEY)


map_col, rank_col = st.columns([1, 1])
with map_col:
    map_title = labels.KV_MAP.format(metric=metric_label, year=year)
    st.header(map_title)
    geojson = load_settings().district_geojson
    if geojson is not None and geojson.is_file():
        district_map = charts.choropleth(district_year, metric, metric_label, geojson)
        map_note = labels.KV_MAP_ATTRIBUTION
    else:
        district_map = charts.tile_map(district_year, metric, metric_label)
        map_note = labels.KV_MAP_TILES_NOTE
    common.chart_with_text(
        district_map,
        chart_text.district_metric(district_year, metric, metric_label),
        map_title,
        key=MAP_KEY,
        selection_mode=charts.DISTRICT_SELECTION,
        on_select=partial(on_click, MAP_KEY),
    )
    st.caption(map_note)
with rank_col:
    ranking_title = labels.KV_RANKING.format(metric=metric_label)
    ranked = district_year.filter(pl.col(metric).is_not_null())
    st.header(ranking_title)
    common.chart_with_text(
        charts.ranking_bars(ranked, metric, metric_label, selected_ags=clicked),
        chart_text.district_metric(ranked, metric, metric_label),
        ranking_title,
        width="stretch",
        key=RANKING_KEY,
        selection_mode=charts.DISTRICT_SELECTION,
        on_select=partial(on_click, RANKING_KEY),
    )
    common.profile_links(snapshot, ranked.sort("district_name")["district_ags"].to_list(), year)
if clicked is None:
    st.caption(labels.KV_DRILL_HINT)
else:
    common.profile_link(snapshot, clicked, year)

without = district_year.filter(~pl.col("has_agreement"))["district_name"].to_list()
if without:
    st.warning(
        labels.KV_WITHOUT.format(year=year, names=", ".join(without)), icon=":material/info:"
    )
common.population_note(snapshot)
common.review_notes(district_year)
# the table follows the chosen metric: sorted by it, its column right after the name; a
# reviewer's note (correction, chosen version) right beside the budget it affects
ranked = district_year.sort(metric, descending=metric != "rank_in_state", nulls_last=True)
table_columns = list(
    dict.fromkeys(
        [
            "district_name",
            metric,
            "rank_in_state",
            "rank_in_peer_group",
            "district_ags",
            "district_type",
            "budget_total_eur",
            "population",
            "eur_per_inhabitant",
            "prev_year_budget_eur",
            "change_eur",
            "change_pct",
            "share_of_state",
            "n_projects",
        ]
    )
)
table_columns.insert(table_columns.index("budget_total_eur") + 1, "review_note")
common.show_table(
    snapshot,
    ranked,
    key=f"kreisvergleich_{year}",
    title=labels.KV_TABLE.format(n=ranked.height, year=year),
    filters=filters,
    display_columns=table_columns,
    description="Budget, Euro je Einwohner, Veränderung und Rang je Kreis.",
    height=960,
)
