"""Datenqualität: completeness, latest check results, quarantine and the Data Docs report."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import charts, common, labels, queries
from pipelines.exports import ExportFilters

snapshot = common.page_start("datenqualitaet")
everything = ExportFilters()

completeness = queries.table(snapshot, "vollstaendigkeit", everything)
st.subheader(labels.DQ_COMPLETENESS)
if completeness is not None and completeness.height:
    st.altair_chart(charts.completeness_matrix(completeness), width="stretch")
    st.caption(
        labels.DQ_MISSING_PAIRS.format(n=completeness.filter(~pl.col("agreement_received")).height)
    )
common.show_table(
    snapshot,
    completeness,
    key="vollstaendigkeit",
    title=labels.DQ_COMPLETENESS_TABLE,
    filters=everything,
)

checks = queries.table(snapshot, "pruefergebnisse", everything)
if checks is not None:
    st.caption(
        labels.DQ_CHECKS_SUMMARY.format(
            ok=checks.filter(pl.col("success")).height,
            failed=checks.filter(~pl.col("success")).height,
        )
    )
common.show_table(
    snapshot, checks, key="pruefergebnisse", title=labels.DQ_CHECKS, filters=everything
)

quarantine = queries.table(snapshot, "quarantaene", everything)
common.show_table(
    snapshot,
    quarantine,
    key="quarantaene",
    title=labels.DQ_QUARANTINE,
    filters=everything,
    display_columns=[
        "reason_de",
        "reason",
        "original_name",
        "rejected_rows",
        "quarantined_at",
        "sha256_short",
    ],
    shown_frame=queries.quarantine_display(quarantine) if quarantine is not None else None,
)

entries = queries.table(snapshot, "eingangsprotokoll", everything)
common.show_table(
    snapshot,
    entries,
    key="eingangsprotokoll",
    title=labels.DQ_INBOX,
    filters=everything,
    display_columns=["relative_path", "outcome", "reason_de", "reason", "kind", "size_bytes"],
    intro=labels.DQ_INBOX_SUMMARY.format(**queries.outcome_counts(entries))
    if entries is not None
    else None,
)

st.subheader(labels.DQ_DATA_DOCS)
docs_folder = queries.data_docs_dir(snapshot)
if docs_folder is None:
    st.info(labels.DQ_DATA_DOCS_MISSING)
else:
    st.markdown(labels.DQ_DATA_DOCS_EXPLAIN)
    payload, n_files = queries.data_docs_zip(snapshot, docs_folder)
    st.download_button(
        labels.DQ_DATA_DOCS_DOWNLOAD.format(n=n_files),
        data=payload,
        file_name=f"aqb_pruefbericht_{snapshot.snapshot_id}.zip",
        mime="application/zip",
        key="data_docs_zip",
        on_click="ignore",
        icon=":material/folder_zip:",
    )
