"""Zeitreihen: selected districts over the years against the state average."""

from __future__ import annotations

import polars as pl
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
    state_years = queries.table(snapshot, "landesebene", ExportFilters())
    incomplete = charts.incomplete_years(state_years).filter(
        pl.col("year").is_in(series["year"].unique().to_list())
    )
    chart_title = labels.ZR_CHART.format(metric=labels.SERIES_LABELS[metric])
    st.header(chart_title)
    common.chart_with_text(
        charts.series_lines(
            series, metric, average_column, labels.SERIES_LABELS[metric], state_years
        ),
        chart_text.district_series(
            series, metric, average_column, labels.SERIES_LABELS[metric], incomplete
        ),
        chart_title,
        width="stretch",
    )
    if incomplete.height:
        st.warning(
            labels.ZR_INCOMPLETE.format(
                total=state_years["n_districts"].max(),
                years="; ".join(
                    labels.ZR_INCOMPLETE_YEAR.format(
                        year=row["year"],
                        coverage=row["Abdeckung"],
                        names=labels.markdown_text(row["Ohne Zielvereinbarung"]),
                    )
                    for row in incomplete.iter_rows(named=True)
                ),
            ),
            icon=":material/info:",
        )
    st.caption(labels.ZR_AVERAGE_NOTE)
    if metric == "eur_per_inhabitant":
        common.population_note(snapshot)
metric_groups = {  # the chosen metric's table first
    "budget_total_eur": (
        labels.ZR_TABLE_BUDGET,
        ["district_ags", "district_name", "year", "budget_total_eur", "state_avg_budget_eur"],
    ),
    "eur_per_inhabitant": (
        labels.ZR_TABLE_PER_CAPITA,
        [
            "district_ags",
            "district_name",
            "year",
            "eur_per_inhabitant",
            "state_eur_per_inhabitant",
        ],
    ),
}
common.show_table(
    snapshot,
    series,
    key="zeitreihen",
    title=labels.ZR_TABLE,
    filters=filters,
    intro=labels.TABLE_SPLIT_NOTE.format(n=2),
    column_groups=sorted(
        metric_groups.values(), key=lambda group: group is not metric_groups[metric]
    ),
)
