"""Überblick: statewide total, change, coverage, measure mix and data status."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import chart_text, charts, common, labels, queries
from pipelines.exports import ExportFilters

snapshot = common.page_start("ueberblick")
year = common.year_filter(snapshot)
state_years = queries.table(snapshot, "landesebene", ExportFilters())
current = state_years.filter(pl.col("year") == year).row(0, named=True)

total_col, agreement_col, decision_col, project_col = st.columns(4)
delta = None
if current["change_eur"] is not None:
    delta = labels.OV_VS_PREVIOUS.format(
        change=labels.format_signed_eur(current["change_eur"]),
        pct=labels.format_pct(current["change_pct"], signed=True),
    )
total_col.metric(
    labels.OV_STATE_TOTAL.format(year=year),
    labels.format_eur(current["budget_total_eur"]),
    delta=delta,
)
agreement_col.metric(
    labels.OV_DISTRICTS_AGREEMENT, labels.OV_OF_26.format(n=current["n_districts_with_agreement"])
)
decision_col.metric(
    labels.OV_DISTRICTS_DECISIONS, labels.OV_OF_26.format(n=current["n_districts_with_decisions"])
)
project_col.metric(labels.OV_PROJECTS, labels.format_number(current["n_projects"]))
if current["published_figure_eur"] is not None:
    st.info(
        labels.OV_PUBLISHED_FIGURE.format(
            year=year,
            figure=labels.format_eur(current["published_figure_eur"]),
            source=current["published_figure_source"],
            deviation=labels.format_pct(current["deviation_from_published_pct"], signed=True),
        )
    )

chart_col, mix_col = st.columns([3, 2])
with chart_col:
    st.header(labels.OV_TOTAL_CHART)
    common.chart_with_text(
        charts.state_total_bars(state_years),
        chart_text.yearly_budget(state_years),
        labels.OV_TOTAL_CHART,
        width="stretch",
    )
mix = queries.measure_share_state(snapshot, year)
with mix_col:
    st.header(labels.OV_MEASURE_SHARE.format(year=year))
    common.chart_with_text(
        charts.measure_share_bars(mix),
        chart_text.measure_share(mix),
        labels.OV_MEASURE_SHARE.format(year=year),
        width="stretch",
    )

st.header(labels.OV_DATA_STATUS)
status = (
    (labels.OV_LAST_INGEST, snapshot.info.get("last_ingest_at")),
    (labels.OV_LAST_VALIDATION, snapshot.info.get("last_successful_validation_at")),
    (labels.OV_PUBLISHED, snapshot.info.get("published_at")),
)
for status_col, (label, value) in zip(st.columns(3), status, strict=True):
    status_col.markdown(
        labels.OV_STATUS_LINE.format(label=label, value=labels.format_utc_datetime(value))
    )

common.show_table(
    snapshot, state_years, key="landesebene", title=labels.OV_STATE_TABLE, filters=ExportFilters()
)
common.show_table(
    snapshot,
    mix,
    key=f"massnahmen_land_{year}",
    title=labels.OV_MEASURE_TABLE,
    filters=ExportFilters(years=(year,)),
    intro=common.measure_amount_note(snapshot, year),
)
