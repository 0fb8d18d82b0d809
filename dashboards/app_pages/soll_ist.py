"""Soll/Ist: agreed vs approved vs used, with the reconciliation flags."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import chart_text, charts, common, labels, queries
from pipelines.exports import ExportFilters

FLAGS = [
    "flag_approved_above_agreed",
    "flag_decision_without_agreement",
    "flag_agreement_without_decision",
    "flag_measure_not_in_agreement",
]
NOT_STATED = {"agreed_eur": labels.NOT_PER_MEASURE}


def table_groups(
    columns: list[str], year: int, from_scan: bool = False
) -> list[tuple[str, list[str]]]:
    """The Soll/Ist table on screen: five narrow parts keyed by district and measure type, so a
    1280 px screen shows every column without scrolling sideways (the downloads keep one
    table). Older snapshots without measure names key by the measure's number. The scan column
    joins the keys part only when a figure shown was read from a scan (``from_scan``): OCR is
    opt-in, and without it the part stays as narrow as before."""
    keys = ["district_name", "measure_name" if "measure_name" in columns else "measure_type"]
    scan = ["from_scan"] if from_scan else []
    groups = [
        (labels.SI_TABLE_AGREED, [*keys, "agreed_eur", "agreed_total_eur"]),
        (labels.SI_TABLE_DECIDED, [*keys, "approved_eur", "used_eur", "reclaimed_eur"]),
        (
            labels.SI_TABLE_FLAGS_DEVIATION,
            [*keys, "flag_approved_above_agreed", "flag_measure_not_in_agreement"],
        ),
        (
            labels.SI_TABLE_FLAGS_MISSING,
            [*keys, "flag_decision_without_agreement", "flag_agreement_without_decision"],
        ),
        (
            labels.SI_TABLE_KEYS_SCAN if from_scan else labels.SI_TABLE_KEYS,
            [*keys, "district_ags", "measure_type", "year", *scan],
        ),
    ]
    return [(title.format(year=year), list(dict.fromkeys(names))) for title, names in groups]


def scanned_districts(frame: pl.DataFrame) -> list[str]:
    """Names of the districts whose shown figures were read from a scan (none in a snapshot
    published before the column existed), for the note that marks them "aus Scan gelesen"."""
    if "from_scan" not in frame.columns:
        return []
    names = frame.filter(pl.col("from_scan").fill_null(False))["district_name"]
    return sorted(set(names.drop_nulls().to_list()))


snapshot = common.page_start("soll_ist")
if not queries.mart_has_rows(snapshot, "mart_reconciliation"):
    st.info(labels.SI_EMPTY, icon=":material/info:")
    st.stop()

year = common.year_filter(snapshot)
filters = ExportFilters(years=(year,))
reconciliation = queries.table(snapshot, "reconciliation", filters)
totals = queries.soll_ist_totals(snapshot, year)
st.header(labels.SI_CHART.format(year=year))
common.chart_with_text(
    charts.reconciliation_dots(totals),
    chart_text.reconciliation(totals),
    labels.SI_CHART.format(year=year),
    width="stretch",
)
st.caption(labels.SI_AGREED_NOTE)
scanned = scanned_districts(reconciliation)
if scanned:  # the chart, the flags and the table below show these figures
    st.caption(labels.SI_FROM_SCAN.format(year=year, districts=", ".join(scanned)))

flagged = reconciliation.filter(pl.any_horizontal(FLAGS))
if flagged.is_empty():
    st.header(labels.SI_FLAGS.format(year=year))
    st.success(labels.SI_NO_FLAGS)
else:
    readable = flagged.with_columns(
        pl.concat_str(
            [pl.when(pl.col(flag)).then(pl.lit(labels.header(flag))) for flag in FLAGS],
            separator="; ",
            ignore_nulls=True,
        ).alias("flags_de")
    )
    common.show_table(
        snapshot,
        readable,
        key=f"soll_ist_hinweise_{year}",
        title=labels.SI_FLAGS.format(year=year),
        filters=filters,
        missing_text=NOT_STATED,
        intro=labels.TABLE_SPLIT_NOTE.format(n=2),
        # the flags in words, then the amounts; the keys are in the Soll/Ist table below
        column_groups=[
            (labels.SI_FLAGS_TEXT.format(year=year), ["district_name", "measure_name", "flags_de"]),
            (
                labels.SI_FLAGS_AMOUNTS.format(year=year),
                ["district_name", "measure_name", "agreed_eur", "approved_eur", "used_eur"],
            ),
        ],
        wrapped={"measure_name": 220, "flags_de": 300},  # up to four flags: their text wraps
    )
common.show_table(
    snapshot,
    reconciliation,
    key=f"reconciliation_{year}",
    title=labels.SI_TABLE.format(year=year),
    filters=filters,
    missing_text=NOT_STATED,
    intro=labels.TABLE_SPLIT_NOTE.format(n=5),
    column_groups=table_groups(reconciliation.columns, year, from_scan=bool(scanned)),
)
