"""Datenqualität: completeness, latest check results, quarantine and the Data Docs report."""

from __future__ import annotations

from pathlib import Path

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
    st.caption(labels.DQ_MISSING_PAIRS.format(n=completeness.filter(~pl.col("agreement_received")).height))
common.show_table(snapshot, completeness, key="vollstaendigkeit", title=labels.DQ_COMPLETENESS_TABLE, filters=everything)

checks = queries.table(snapshot, "pruefergebnisse", everything)
if checks is not None:
    st.caption(labels.DQ_CHECKS_SUMMARY.format(ok=checks.filter(pl.col("success")).height, failed=checks.filter(~pl.col("success")).height))
common.show_table(snapshot, checks, key="pruefergebnisse", title=labels.DQ_CHECKS, filters=everything)

quarantine = queries.table(snapshot, "quarantaene", everything)
common.show_table(snapshot, quarantine, key="quarantaene", title=labels.DQ_QUARANTINE, filters=everything)

st.subheader(labels.DQ_DATA_DOCS)
data_docs = snapshot.info.get("data_docs_path")
docs_path = Path(data_docs) if data_docs else None
if docs_path is not None and docs_path.is_dir():
    docs_path = docs_path / "index.html"
if docs_path is not None and docs_path.is_file():
    st.markdown(labels.DQ_DATA_DOCS_LINK.format(path=docs_path))
    st.download_button(labels.DQ_DATA_DOCS_DOWNLOAD, data=docs_path.read_bytes, file_name="data_docs_index.html", mime="text/html",
                       key="data_docs", on_click="ignore", icon=":material/download:")
else:
    st.info(labels.DQ_DATA_DOCS_MISSING)
