"""Vergleichstabelle: districts × years for one metric, for briefings."""

from __future__ import annotations

import streamlit as st

from dashboards import common, labels, queries
from pipelines.exports import ExportFilters

snapshot = common.page_start("vergleich")
st.markdown(labels.VG_INTRO)
districts_col, years_col, metric_col = st.columns([3, 2, 1])
with districts_col:
    chosen = common.districts_filter(snapshot)
with years_col:
    chosen_years = common.years_filter(snapshot)
metric = common.choice_filter(
    labels.FILTER_METRIC, labels.METRIC_LABELS, key="kennzahl", container=metric_col
)

filters = ExportFilters(years=tuple(sorted(chosen_years)), districts=tuple(chosen), metric=metric)
comparison = queries.table(snapshot, "vergleich", filters)
common.show_table(
    snapshot,
    comparison,
    key=f"vergleich_{metric}",
    title=labels.VG_TABLE.format(metric=labels.METRIC_LABELS[metric]),
    filters=filters,
    metric=metric,
    description="Kreise × Jahre für eine Kennzahl.",
    height=990,
)
common.selection_gaps_note(comparison)
if metric == "eur_per_inhabitant":
    common.population_note(snapshot)
