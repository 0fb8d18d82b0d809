"""Maßnahmenarten: the measure-type mix per district, a heatmap and the projects behind a cell.

A click on a heatmap cell sets the district and measure select boxes below it (the keyboard
fallback), so the project list, the URL and the cell's outline always follow one choice.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboards import chart_text, charts, common, figures, labels, queries
from pipelines.exports import ExportFilters

STATE_SCOPE = "land"  # the statewide choice of the area filter (a URL code like an AGS)

snapshot = common.page_start("massnahmenarten")
year_col, value_col = st.columns(2)
year = common.year_filter(snapshot, container=year_col)
value = common.choice_filter(
    labels.MA_VALUE, labels.MEASURE_VALUE_LABELS, key="wert", container=value_col
)

scopes = {STATE_SCOPE: labels.MONEY_SCOPE_STATE, **common.district_label(snapshot)}
scope = common.choice_filter(labels.MONEY_SCOPE, scopes, key="gebiet")
chosen = () if scope == STATE_SCOPE else (scope,)
st.header(labels.MONEY_CHART.format(scope=scopes[scope]))
st.caption(labels.MONEY_INTRO)
money = queries.measure_money(snapshot, chosen)
money_sources = queries.measure_money_sources(snapshot, chosen)
if money.is_empty():
    st.info(labels.EMPTY_TABLE)
else:
    common.chart_with_text(
        charts.measure_money_bars(money),
        chart_text.money_by_year(money),
        labels.MONEY_CHART.format(scope=scopes[scope]),
        width="stretch",
    )
with st.expander(labels.MONEY_SOURCE_LINES):
    for money_year in money_sources["year"].to_list():
        st.markdown("- " + figures.money_source_text(money_sources, money_year))
money_filters = ExportFilters(districts=chosen)
common.show_table(
    snapshot,
    queries.table(snapshot, "massnahmen_euro", money_filters),
    key=f"massnahmen_euro_{scope}",
    title=labels.MONEY_TABLE.format(scope=scopes[scope]),
    filters=money_filters,
    intro=labels.TABLE_SPLIT_NOTE.format(n=3),
    column_groups=[
        (
            labels.MONEY_TABLE_AMOUNTS,
            [
                "year",
                "district_name",
                "measure_name",
                "measure_amount_eur",
                "share_of_district_year",
            ],
        ),
        (
            labels.MONEY_TABLE_ORIGIN,
            ["year", "district_name", "measure_name", "amount_source"],
        ),
        (
            labels.MONEY_TABLE_SOURCES,
            ["year", "district_ags", "measure_type", "source_name", "source_page"],
        ),
    ],
)

filters = ExportFilters(years=(year,))
mix = queries.table(snapshot, "massnahmenarten", filters)
heatmap_title = labels.MA_HEATMAP.format(year=year, value=labels.MEASURE_VALUE_LABELS[value])
st.header(heatmap_title)
# drawn after the select boxes (into this slot above them): the outline shows their final value
heatmap_slot = st.container()

st.header(labels.MA_CELL)
st.caption(labels.MA_CLICK_HINT)
cell_district_col, cell_measure_col = st.columns(2)
with cell_district_col:
    district = common.district_filter(snapshot)
with cell_measure_col:
    measure = common.measure_filter(snapshot)
HEATMAP_KEY = "massnahmenarten_heatmap"
common.chart_with_text(
    charts.heatmap(
        mix,
        value,
        labels.MEASURE_VALUE_LABELS[value],
        selected_cell=None if measure is None else (district, measure),
    ),
    chart_text.measure_cells(mix, value, labels.MEASURE_VALUE_LABELS[value]),
    heatmap_title,
    container=heatmap_slot,
    width="stretch",
    key=HEATMAP_KEY,
    selection_mode=charts.HEATMAP_SELECTION,
    on_select=partial(common.select_heatmap_cell, HEATMAP_KEY, charts.HEATMAP_SELECTION),
)
project_filters = ExportFilters(years=(year,), districts=(district,), measure_type=measure)
projects = queries.table(snapshot, "projekte", project_filters)
names = queries.measure_names(snapshot)
st.caption(
    labels.MA_CELL_CAPTION.format(
        district=common.district_label(snapshot)[district],
        measure=labels.ALL if measure is None else names[measure],
        n=projects.height,
    )
)
common.projects_table(
    snapshot,
    projects,
    key=f"projekte_{year}_{district}_{measure or 'alle'}",
    year=year,
    filters=project_filters,
)
common.show_table(
    snapshot,
    mix.sort("district_ags", "measure_type"),
    key=f"massnahmenarten_{year}",
    title=labels.MA_TABLE.format(year=year),
    filters=filters,
    intro=labels.TABLE_SPLIT_NOTE.format(n=2),
    column_groups=[
        (
            labels.MA_TABLE_PROJECTS.format(year=year),
            ["district_ags", "district_name", "measure_name", "n_projects", "share_of_projects"],
        ),
        (
            labels.MA_TABLE_MONEY.format(year=year),
            ["district_ags", "district_name", "measure_name", "agreed_amount_eur", "approved_eur"],
        ),
    ],
)
