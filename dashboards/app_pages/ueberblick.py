"""Überblick: statewide total, change, coverage, measure mix and data status."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import chart_text, charts, common, figures, labels, queries
from pipelines.exports import ExportFilters

snapshot = common.page_start("ueberblick")
year_col, briefing_col = st.columns([3, 1], vertical_alignment="bottom")
year = common.year_filter(snapshot, container=year_col)
common.briefing_button(snapshot, year, container=briefing_col)
state_years = queries.table(snapshot, "landesebene", ExportFilters())
current = state_years.filter(pl.col("year") == year).row(0, named=True)

total_col, agreement_col, decision_col, project_col = st.columns([3, 2, 2, 2])
delta = None
if current["lfl_change_eur"] is not None:
    delta = labels.OV_VS_PREVIOUS_LFL.format(
        change=labels.format_signed_eur(current["lfl_change_eur"]),
        pct=labels.format_pct(current["lfl_change_pct"], signed=True),
    )
total_col.metric(
    labels.OV_STATE_TOTAL.format(year=year),
    labels.format_eur(current["budget_total_eur"]),
    delta=delta,
    help=labels.OV_LFL_HELP,
)
agreement_col.metric(
    labels.OV_DISTRICTS_AGREEMENT,
    labels.OV_OF_N.format(n=current["n_districts_with_agreement"], total=current["n_districts"]),
)
decision_col.metric(
    labels.OV_DISTRICTS_DECISIONS,
    labels.OV_OF_N.format(n=current["n_districts_with_decisions"], total=current["n_districts"]),
)
project_col.metric(labels.OV_PROJECTS, labels.format_number(current["n_projects"]))
common.coverage_note(current)
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
money = queries.measure_money(snapshot)
money_sources = queries.measure_money_sources(snapshot)
with mix_col:
    st.header(labels.MONEY_SHARE.format(year=year))
    money_year = money.filter(pl.col("year") == year)
    if money_year.is_empty():
        st.info(labels.MONEY_NO_SOURCE.format(year=year))
    else:
        common.chart_with_text(
            charts.measure_money_share_bars(money_year),
            chart_text.money_share(money_year),
            labels.MONEY_SHARE.format(year=year),
            width="stretch",
        )
    st.caption(figures.money_source_text(money_sources, year))
st.header(labels.MONEY_CHART.format(scope=labels.MONEY_SCOPE_STATE))
st.caption(labels.MONEY_INTRO)
common.chart_with_text(
    charts.measure_money_bars(money),
    chart_text.money_by_year(money),
    labels.MONEY_CHART.format(scope=labels.MONEY_SCOPE_STATE),
    width="stretch",
)
mix = queries.measure_share_state(snapshot, year)

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

# the 19 columns of the state table in narrow parts keyed by year, so 1280 px shows them all
STATE_YEAR_GROUPS = [
    (
        labels.OV_STATE_BUDGET,
        ["year", "budget_total_eur", "prev_year_budget_eur", "change_eur", "change_pct"],
    ),
    (
        labels.OV_STATE_LFL_SUMS,
        ["year", "n_districts_comparable", "lfl_prev_year_budget_eur", "lfl_budget_eur"],
    ),
    (
        labels.OV_STATE_LFL,
        ["year", "lfl_change_eur", "lfl_change_pct", "districts_not_comparable"],
    ),
    (
        labels.OV_STATE_COVERAGE,
        [
            "year",
            "n_districts",
            "n_districts_with_agreement",
            "n_districts_with_decisions",
            "n_projects",
        ],
    ),
    (labels.OV_STATE_MISSING, ["year", "districts_missing"]),
    (
        labels.OV_STATE_PUBLISHED,
        [
            "year",
            "published_figure_eur",
            "deviation_from_published_pct",
            "published_figure_source",
        ],
    ),
]
common.show_table(
    snapshot,
    state_years,
    key="landesebene",
    title=labels.OV_STATE_TABLE,
    filters=ExportFilters(),
    intro=labels.TABLE_SPLIT_NOTE.format(n=len(STATE_YEAR_GROUPS)),
    column_groups=STATE_YEAR_GROUPS,
)
common.show_table(
    snapshot,
    mix,
    key=f"massnahmen_land_{year}",
    title=labels.OV_MEASURE_TABLE,
    filters=ExportFilters(years=(year,)),
    intro=common.measure_amount_note(snapshot, year),
)
