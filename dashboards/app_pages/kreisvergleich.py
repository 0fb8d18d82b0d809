"""Kreisvergleich: all 26 districts in one year, map, ranking and table."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import charts, common, labels, queries
from pipelines.config import load_settings
from pipelines.exports import ExportFilters

snapshot = common.page_start("kreisvergleich")
year_col, metric_col, group_col = st.columns(3)
year = common.year_filter(snapshot, container=year_col)
metric = common.choice_filter(labels.FILTER_METRIC, labels.MAP_METRIC_LABELS, key="kennzahl", container=metric_col)
peer_group = common.choice_filter(labels.FILTER_PEER_GROUP, labels.PEER_GROUPS, key="gruppe", container=group_col)

filters = ExportFilters(years=(year,))
district_year = queries.table(snapshot, "kreisvergleich", filters)
if peer_group != "alle":
    district_year = district_year.filter(pl.col("district_type") == peer_group)
metric_label = labels.MAP_METRIC_LABELS[metric]

map_col, rank_col = st.columns([1, 1])
with map_col:
    st.subheader(labels.KV_MAP.format(metric=metric_label, year=year))
    geojson = load_settings().district_geojson
    if geojson is not None and geojson.is_file():
        st.altair_chart(charts.choropleth(district_year, metric, metric_label, geojson))
        st.caption(labels.KV_MAP_ATTRIBUTION)
    else:
        st.altair_chart(charts.tile_map(district_year, metric, metric_label))
        st.caption(labels.KV_MAP_TILES_NOTE)
with rank_col:
    st.subheader(labels.KV_RANKING.format(metric=metric_label))
    st.altair_chart(charts.ranking_bars(district_year.filter(pl.col(metric).is_not_null()), metric, metric_label), width="stretch")

common.population_note(snapshot)
common.show_table(
    snapshot, district_year, key=f"kreisvergleich_{year}", title=labels.KV_TABLE.format(year=year), filters=filters,
    display_columns=["rank_in_state", "rank_in_peer_group", "district_ags", "district_name", "district_type", "budget_total_eur",
                     "population", "eur_per_inhabitant", "prev_year_budget_eur", "change_eur", "change_pct", "share_of_state", "n_projects"],
    description="Budget, Euro je Einwohner, Veränderung und Rang je Kreis.", height=960,
)
