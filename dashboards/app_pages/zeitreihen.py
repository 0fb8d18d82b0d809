"""Zeitreihen: selected districts over the years against the state average."""

from __future__ import annotations

import streamlit as st

from dashboards import chart_text, charts, common, labels, queries
from pipelines.exports import ExportFilters

snapshot = common.page_start("zeitreihen")
select_col, metric_col = st.columns([3, 1])
with select_col:
    chosen = common.districts_filter(snapshot, default=("06431", "06611"))
metric = common.choice_filter(
    labels.FILTER_METRIC, labels.SERIES_LABELS, key="kennzahl", container=metric_col
)
average_column = (
    "state_avg_budget_eur" if metric == "budget_total_eur" else "state_eur_per_inhabitant"
)

filters = ExportFilters(districts=tuple(chosen))
series = queries.table(snapshot, "zeitreihen", filters)
if not chosen:
    st.info(labels.EMPTY_TABLE)
else:
    chart_title = labels.ZR_CHART.format(metric=labels.SERIES_LABELS[metric])
    st.header(chart_title)
    common.chart_with_text(
        charts.series_lines(series, metric, average_column, labels.SERIES_LABELS[metric]),
        chart_text.district_series(series, metric, average_column, labels.SERIES_LABELS[metric]),
        chart_title,
        width="stretch",
    )
    st.caption(labels.ZR_AVERAGE_NOTE)
    if metric == "eur_per_inhabitant":
        common.population_note(snapshot)
common.show_table(snapshot, series, key="zeitreihen", title=labels.ZR_TABLE, filters=filters)
