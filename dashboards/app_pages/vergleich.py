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
# Ten years of full euro amounts do not fit 1280 px: whole budgets show in thousands on screen
# (every year visible, header says so), downloads keep the exact amounts.
in_thousands = metric == "budget_total_eur"
common.show_table(
    snapshot,
    comparison,
    key=f"vergleich_{metric}",
    title=labels.VG_TABLE.format(metric=labels.METRIC_LABELS[metric])
    + (labels.VG_THOUSANDS if in_thousands else ""),
    filters=filters,
    metric=metric,
    description="Kreise × Jahre für eine Kennzahl.",
    height=990,
    display_columns=[name for name in comparison.columns if name != "district_ags"]
    if comparison is not None
    else None,
    eur_format=labels.format_thousands if in_thousands else None,
)
common.selection_gaps_note(comparison)
if metric == "eur_per_inhabitant":
    common.population_note(snapshot)
