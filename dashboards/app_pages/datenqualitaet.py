"""Datenqualität: completeness, latest check results, quarantine, the Data Docs report,
freshness (Aktualität) and the run history (Einlesevorgänge)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import chart_text, charts, common, labels, queries
from pipelines.config import agreement_due
from pipelines.exports import ExportFilters
from pipelines.operations.freshness import NIGHTLY_MAX_AGE
from pipelines.timestamps import utc_now

snapshot = common.page_start("datenqualitaet")
everything = ExportFilters()

completeness = queries.table(snapshot, "vollstaendigkeit", everything)
st.header(labels.DQ_COMPLETENESS)
if completeness is not None and completeness.height:
    status = charts.completeness_status(completeness)
    common.chart_with_text(
        charts.completeness_matrix(status),
        chart_text.completeness(status),
        labels.DQ_COMPLETENESS,
        width="stretch",
    )
    st.caption(
        labels.DQ_MISSING_PAIRS.format(n=completeness.filter(~pl.col("agreement_received")).height)
    )
common.show_table(
    snapshot,
    completeness,
    key="vollstaendigkeit",
    title=labels.DQ_COMPLETENESS_TABLE,
    filters=everything,
    intro=labels.TABLE_SPLIT_NOTE.format(n=2),
    column_groups=[
        (
            labels.DQ_COMPLETENESS_RECEIVED,
            ["district_ags", "district_name", "year", "agreement_received", "decisions_received"],
        ),
        (
            labels.DQ_COMPLETENESS_QUARANTINED,
            ["district_ags", "district_name", "year", "n_quarantined"],
        ),
    ],
)

checks = queries.table(snapshot, "pruefergebnisse", everything)
if checks is not None:
    st.caption(
        labels.DQ_CHECKS_SUMMARY.format(
            ok=checks.filter(pl.col("success")).height,
            failed=checks.filter(~pl.col("success")).height,
        )
    )
    if "waiver_status" in checks.columns:
        common.show_waivers(checks)
# (rule, year) names a check result; every part starts with them. Rules, details and technical
# rules are long sentences: they wrap at a fixed width instead of being cut.
CHECK_KEYS = ["rule", "year"]
check_groups = [
    (title, CHECK_KEYS + columns)
    for title, columns in (
        (labels.DQ_CHECKS_RESULT, ["severity", "success", "unexpected_count"]),
        (labels.DQ_CHECKS_DETAIL, ["detail"]),
        (labels.DQ_CHECKS_SUITE, ["suite", "checked_at"]),
        (labels.DQ_CHECKS_TECHNICAL, ["expectation"]),
        (labels.DQ_CHECKS_WAIVER, ["waiver_status", "waiver_until", "waived_by"]),
        (labels.DQ_CHECKS_WAIVER_REASON, ["waiver_reason"]),
    )
    if checks is not None and set(columns) & set(checks.columns)  # older snapshots lack some
]
common.show_table(
    snapshot,
    checks,
    key="pruefergebnisse",
    title=labels.DQ_CHECKS,
    filters=everything,
    intro=labels.TABLE_SPLIT_NOTE.format(n=len(check_groups)),
    column_groups=check_groups,
    wrapped={"rule": 300, "detail": 440, "suite": 220, "expectation": 440, "waiver_reason": 440},
)

quarantine = queries.table(snapshot, "quarantaene", everything)
common.show_table(
    snapshot,
    quarantine,
    key="quarantaene",
    title=labels.DQ_QUARANTINE,
    filters=everything,
    intro=labels.DQ_REASON_NOTE + "  \n" + labels.TABLE_SPLIT_NOTE.format(n=4),
    # four narrow parts keyed by file name, so 1280 px shows every column without scrolling
    column_groups=[
        (labels.DQ_QUARANTINE_REASON, ["original_name", "reason_de"]),
        (labels.DQ_QUARANTINE_FILE, ["original_name", "rejected_rows", "quarantined_at"]),
        (labels.DQ_QUARANTINE_HASH, ["original_name", "sha256_short"]),
        # a file a reviewer marked "nicht relevant": who, when, why (as the download has them)
        (
            labels.DQ_QUARANTINE_REVIEW,
            ["original_name", "is_dismissed", "reviewer", "decided_at", "review_reason"],
        ),
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
    intro=labels.DQ_INBOX_SUMMARY.format(**queries.outcome_counts(entries))
    + "  \n"
    + labels.DQ_REASON_NOTE
    + "  \n"
    + labels.TABLE_SPLIT_NOTE.format(n=2)
    if entries is not None
    else None,
    # paths and reasons run to ~90 characters: both wrap, each part keyed by the path
    column_groups=[
        (labels.DQ_INBOX_OUTCOME, ["relative_path", "outcome", "kind", "size_bytes"]),
        (labels.DQ_INBOX_REASON, ["relative_path", "reason_de"]),
    ],
    wrapped={"relative_path": 360, "reason_de": 400},
)

st.header(labels.DQ_DATA_DOCS)
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

st.header(labels.DQ_FRESHNESS)
now_utc = utc_now()
fresh = queries.freshness(snapshot, now_utc)
hours = int(NIGHTLY_MAX_AGE.total_seconds() // 3600)
if fresh.last_success is None:
    st.warning(labels.DQ_NEVER_RUN)
else:
    st.markdown(
        labels.DQ_LAST_RUN.format(when=labels.format_utc_datetime(fresh.last_success), hours=hours)
    )
    if fresh.ingest_overdue:
        st.warning(labels.DQ_INGEST_OVERDUE.format(hours=hours))
month, day = agreement_due()
due_text = f"{day:02d}.{month:02d}."
if fresh.agreements.height:
    st.warning(labels.DQ_AGREEMENTS_DUE.format(due=due_text, n=fresh.agreements.height))
    st.dataframe(
        fresh.agreements.with_columns(
            pl.col("due_date").map_elements(labels.format_date, return_dtype=pl.String)
        ).rename(labels.DQ_OVERDUE_COLUMNS),
        hide_index=True,
        width="stretch",
    )
else:
    st.markdown(labels.DQ_AGREEMENTS_ON_TIME.format(due=due_text))

# The run history in three parts keyed by the start time (newest first in each); years and
# failure reasons wrap (a failure reason is a long sentence).
RUN_GROUPS = [
    (labels.DQ_RUNS_STATUS, ["started_at", "finished_at", "status", "launched_by", "published"]),
    (
        labels.DQ_RUNS_COUNTS,
        ["started_at", "docs_new", "docs_updated", "docs_quarantined", "checks"],
    ),
    (labels.DQ_RUNS_REASON, ["started_at", "years", "failure_reason", "link"]),
]
RUN_WRAPPED = {"years": 200, "failure_reason": 320}


def show_runs(shown: pl.DataFrame) -> None:
    """The run history (German headers already) part by part, each under its subheading."""
    link_column = labels.RUN_COLUMNS["link"]
    for title, names in RUN_GROUPS:
        headers = [labels.RUN_COLUMNS[name] for name in names]
        part = shown.select([header for header in headers if header in shown.columns])
        widths = {labels.RUN_COLUMNS[name]: px for name, px in RUN_WRAPPED.items()}
        widths = {header: px for header, px in widths.items() if header in part.columns}
        config = common.wrap_config(widths)
        if link_column in part.columns:
            config[link_column] = st.column_config.LinkColumn(
                link_column, display_text=labels.RUN_LINK_TEXT
            )
        st.subheader(title)
        st.dataframe(
            part,
            hide_index=True,
            width="stretch",
            column_config=config,
            row_height=common.WRAPPED_ROW_HEIGHT if widths else None,
        )


st.header(labels.DQ_RUNS)
st.markdown(labels.DQ_RUNS_INTRO)
history = queries.run_history()
if history is None or history.is_empty():
    st.info(labels.DQ_RUNS_EMPTY)
else:
    recent = history.head(20)
    failed_runs = recent.filter(pl.col("status").is_in(["FAILURE", "CANCELED"])).height
    if failed_runs:
        st.error(labels.DQ_RUNS_FAILED.format(n=failed_runs, total=recent.height))
    shown = queries.run_history_display(recent)
    st.markdown(labels.DQ_RUNS_SPLIT_NOTE.format(n=len(RUN_GROUPS)))
    show_runs(shown)
