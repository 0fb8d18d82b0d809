"""Soll/Ist: agreed vs approved vs used, with the reconciliation flags."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import charts, common, labels, queries
from pipelines.exports import ExportFilters

FLAGS = ["flag_approved_above_agreed", "flag_decision_without_agreement", "flag_agreement_without_decision", "flag_measure_not_in_agreement"]

snapshot = common.page_start("soll_ist")
if not queries.mart_has_rows(snapshot, "mart_reconciliation"):
    st.info(labels.SI_EMPTY, icon=":material/info:")
    st.stop()

year = common.year_filter(snapshot)
filters = ExportFilters(years=(year,))
reconciliation = queries.table(snapshot, "reconciliation", filters)
totals = (
    reconciliation.group_by("district_ags", "district_name")
    .agg(pl.col(column).sum() for column in labels.SI_SERIES)
    .unpivot(index=["district_ags", "district_name"], on=list(labels.SI_SERIES), variable_name="series_key", value_name="value")
    .with_columns(pl.col("series_key").replace_strict(labels.SI_SERIES).alias("series"))
)
st.subheader(labels.SI_CHART.format(year=year))
st.altair_chart(charts.reconciliation_bars(totals), width="stretch")

flagged = reconciliation.filter(pl.any_horizontal(FLAGS))
st.subheader(labels.SI_FLAGS.format(year=year))
if flagged.is_empty():
    st.success(labels.SI_NO_FLAGS)
else:
    common.show_table(snapshot, flagged, key=f"soll_ist_hinweise_{year}", title=labels.SI_FLAGS.format(year=year), filters=filters)
common.show_table(snapshot, reconciliation, key=f"reconciliation_{year}", title=labels.SI_TABLE.format(year=year), filters=filters)
