"""What every page shares: the snapshot check, the "Datenstand" line, URL-bound filters and
tables with their CSV/XLSX downloads."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import polars as pl
import streamlit as st

from dashboards import labels, queries
from dashboards.queries import Snapshot
from pipelines.config import load_settings
from pipelines.exports import (
    MIME_TYPES,
    ExportContext,
    ExportFilters,
    column_spec,
    export_bytes,
    locate_snapshot,
)


def page_start(page_key: str) -> Snapshot:
    """Title, "Datenstand" and the sample banner; stops the page with a German hint when
    nothing has been published, so no page ever shows a traceback for a fresh install."""
    st.title(labels.PAGE_TITLES[page_key])
    settings = load_settings()
    ref = locate_snapshot(settings.publish_dir)
    if ref is None:
        st.warning(labels.NO_SNAPSHOT.format(publish_dir=settings.publish_dir))
        st.code(labels.NO_SNAPSHOT_COMMAND, language="bash")
        st.stop()
    snapshot = queries.open_snapshot(ref)
    published = snapshot.info.get("published_at")
    st.caption(labels.DATA_AS_OF.format(published=labels.format_utc_datetime(published), snapshot_id=snapshot.snapshot_id))
    if snapshot.info.get("is_sample"):
        st.warning(labels.SAMPLE_BANNER, icon=":material/science:")
    return snapshot


def year_filter(snapshot: Snapshot, key: str = "jahr", container: Any = st) -> int:
    """Single year, newest by default, kept in the URL as ``?jahr=``."""
    years = queries.years(snapshot)
    return container.selectbox(labels.FILTER_YEAR, years, index=len(years) - 1, key=key, bind="query-params", format_func=str)


def district_label(snapshot: Snapshot) -> dict[str, str]:
    """AGS -> 'Name (06431)' for select boxes."""
    frame = queries.districts(snapshot)
    return {ags: f"{name} ({ags})" for ags, name in zip(frame["district_ags"], frame["district_name"], strict=True)}


def district_filter(snapshot: Snapshot, key: str = "kreis", default: str | None = None) -> str:
    """One district, kept in the URL as ``?kreis=06431``."""
    names = district_label(snapshot)
    options = list(names)
    index = options.index(default) if default in options else 0
    return st.selectbox(labels.FILTER_DISTRICT, options, index=index, key=key, bind="query-params", format_func=lambda ags: names[ags])


def districts_filter(snapshot: Snapshot, key: str = "kreise", default: Sequence[str] = ()) -> list[str]:
    """Several districts, kept in the URL as ``?kreise=06431&kreise=06611``."""
    names = district_label(snapshot)
    return st.multiselect(labels.FILTER_DISTRICTS, list(names), default=list(default), key=key, bind="query-params", format_func=lambda ags: names[ags])


def choice_filter(label: str, options: dict[str, str], key: str, container: Any = st) -> str:
    """A labelled choice among fixed codes, kept in the URL under ``key``."""
    codes = list(options)
    return container.selectbox(label, codes, index=0, key=key, bind="query-params", format_func=lambda code: options[code])


def measure_filter(snapshot: Snapshot, key: str = "massnahme") -> int | None:
    """A measure type 1..4 or None for all, kept in the URL as ``?massnahme=2``."""
    names = queries.measure_names(snapshot)
    options: list[int | None] = [None, *names]
    return st.selectbox(
        labels.FILTER_MEASURE, options, index=0, key=key, bind="query-params",
        format_func=lambda code: labels.ALL if code is None else f"{code} – {names[code]}",
    )


def styled(frame: pl.DataFrame, metric: str | None = None) -> Any:
    """German headers and German number/date formats for display; sorting still uses the
    underlying numbers (a Styler changes only what is shown)."""
    specs = [column_spec(name, metric) for name in frame.columns]
    data = frame.to_pandas()
    headers: dict[str, str] = {}
    for spec in specs:
        header = spec.header_de
        while header in headers.values():
            header += " "
        headers[spec.name] = header
    data = data.rename(columns=headers)
    formatters = {headers[spec.name]: partial(labels.format_by_kind, kind=spec.kind) for spec in specs}
    return data.style.format(formatters, na_rep=None)  # the formatters render missing values as "–"


def show_table(
    snapshot: Snapshot,
    frame: pl.DataFrame | None,
    *,
    key: str,
    title: str,
    filters: ExportFilters | None = None,
    display_columns: Sequence[str] | None = None,
    metric: str | None = None,
    description: str = "",
    height: int | str = "auto",
) -> None:
    """A table with its two downloads (all columns, unformatted values, German headers)."""
    st.subheader(title)
    if frame is None:
        st.info(labels.MART_MISSING)
        return
    if frame.is_empty():
        st.info(labels.EMPTY_TABLE)
    else:
        shown = frame.select([c for c in display_columns if c in frame.columns]) if display_columns else frame
        st.dataframe(styled(shown, metric), hide_index=True, height=height, placeholder=labels.MISSING)
    download_buttons(snapshot, frame, key=key, title=title, filters=filters, metric=metric, description=description)


def download_buttons(
    snapshot: Snapshot, frame: pl.DataFrame, *, key: str, title: str, filters: ExportFilters | None,
    metric: str | None = None, description: str = "",
) -> None:
    """CSV and XLSX buttons; the files are written only when clicked (callable data)."""
    context = ExportContext(
        table_name=key, title_de=title, snapshot_id=snapshot.snapshot_id,
        published_at=snapshot.info.get("published_at"),
        filters_de=(filters or ExportFilters()).describe_de(), is_sample=bool(snapshot.info.get("is_sample")),
        metric=metric, description_de=description,
    )
    left, right, _ = st.columns([1, 1, 2])
    for column, export_format, label in ((left, "csv", labels.DOWNLOAD_CSV), (right, "xlsx", labels.DOWNLOAD_XLSX)):
        column.download_button(
            label, data=partial(export_bytes, frame, context, export_format),
            file_name=f"aqb_{key}_{snapshot.snapshot_id}.{export_format}", mime=MIME_TYPES[export_format],
            key=f"download_{key}_{export_format}", on_click="ignore", help=labels.DOWNLOAD_HELP,
            icon=":material/download:",
        )
