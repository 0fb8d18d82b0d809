"""What every page shares: the snapshot check, the "Datenstand" line, URL-bound filters and
tables with their CSV/XLSX downloads."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import polars as pl
import streamlit as st

from dashboards import charts, figures, labels, queries
from dashboards.chart_text import ChartText
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
from pipelines.exports.tables import SELECTION_TOTAL


def page_start(page_key: str) -> Snapshot:
    """Title, "Datenstand" and the sample banner; stops the page with a German hint when
    nothing has been published, or (a page of figures) when the snapshot holds no year yet,
    so no page ever shows a traceback for a fresh install."""
    st.title(labels.PAGE_TITLES[page_key])
    settings = load_settings()
    ref = locate_snapshot(settings.publish_dir)
    if ref is None:
        st.warning(labels.NO_SNAPSHOT.format(publish_dir=settings.publish_dir))
        st.code(labels.NO_SNAPSHOT_COMMAND, language="bash")
        st.stop()
    snapshot = queries.open_snapshot(ref)
    published = snapshot.info.get("published_at")
    st.caption(
        labels.DATA_AS_OF.format(
            published=labels.format_utc_datetime(published), snapshot_id=snapshot.snapshot_id
        )
    )
    if snapshot.info.get("is_sample"):
        st.warning(labels.SAMPLE_BANNER, icon=":material/science:")
    if page_key not in _PAGES_WITHOUT_YEARS and not queries.years(snapshot):
        st.info(labels.NO_YEARS)
        st.stop()
    return snapshot


# the pages that show what was held back and why: they have something to show before any
# document landed (every other page stops with a hint while the snapshot holds no year)
_PAGES_WITHOUT_YEARS = frozenset({"datenqualitaet", "pruefaufgaben"})


_UNSET = object()


def _last_synced_key(key: str) -> str:
    return f"_url_synced_{key}"


def _adopt_url_value(
    key: str, parse: Callable[[list[str]], Any], is_valid: Callable[[Any], bool], default: Any
) -> None:
    """Before a widget is drawn: take its value from the URL when the URL says something new.

    The URL wins only when its raw value differs from what this session last wrote or read, so a
    user's change in the widget is not undone by the still-old URL of the rerun it triggers,
    while a pasted link or an edited address always applies. Invalid values are dropped from
    the URL; a value left from another page that is not an option here falls back to default.
    """
    raw = st.query_params.get_all(key)
    synced = st.session_state.get(_last_synced_key(key))
    if raw and raw != synced:
        value = parse(raw)
        if value is not _UNSET and is_valid(value):
            st.session_state[key] = value
            st.session_state[_last_synced_key(key)] = raw
            return
        del st.query_params[key]
    current = st.session_state.get(key, _UNSET)
    # always assign: a widget of the same key on another page keeps its value in session state,
    # but a new page's widget only takes it over when it was set through the Session State API
    st.session_state[key] = default if current is _UNSET or not is_valid(current) else current


def _write_url_value(key: str, raw: list[str]) -> None:
    """After a widget is drawn: keep its value in the URL as codes (never display labels)."""
    if st.query_params.get_all(key) != raw:
        st.query_params[key] = raw if len(raw) != 1 else raw[0]
    st.session_state[_last_synced_key(key)] = raw


def _parse_one(convert: Callable[[str], Any]) -> Callable[[list[str]], Any]:
    def parse(raw: list[str]) -> Any:
        try:
            return convert(raw[-1].strip())
        except (TypeError, ValueError):
            return _UNSET

    return parse


def url_selectbox(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Any,
    to_url: Callable[[Any], str],
    from_url: Callable[[str], Any],
    format_func: Callable[[Any], str] = str,
    container: Any = st,
) -> Any:
    """A select box whose value is kept in the URL under ``key`` as a code (AGS, year, metric id)."""
    options = list(options)
    _adopt_url_value(key, _parse_one(from_url), lambda value: value in options, default)
    value = container.selectbox(
        label, options, key=key, format_func=format_func, placeholder=labels.PLACEHOLDER_ONE
    )
    _write_url_value(key, [to_url(value)])
    return value


def url_multiselect(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Sequence[Any],
    to_url: Callable[[Any], str],
    from_url: Callable[[str], Any],
    format_func: Callable[[Any], str] = str,
    container: Any = st,
) -> list[Any]:
    """A multiselect kept in the URL as repeated codes (``?kreise=06431&kreise=06611``); an
    explicitly empty choice is ``?kreise=`` so the link does not fall back to the default."""
    options = list(options)

    def parse(raw: list[str]) -> Any:
        codes = [code.strip() for code in raw if code.strip()]
        try:
            values = [from_url(code) for code in codes]
        except (TypeError, ValueError):
            return _UNSET
        return list(dict.fromkeys(values))

    _adopt_url_value(
        key, parse, lambda values: all(value in options for value in values), list(default)
    )
    values = container.multiselect(
        label, options, key=key, format_func=format_func, placeholder=labels.PLACEHOLDER_MANY
    )
    _write_url_value(key, [to_url(value) for value in values] or [""])
    return values


def _ags(code: str) -> str:
    if not (len(code) == 5 and code.isdigit()):
        raise ValueError(code)
    return code


def year_filter(snapshot: Snapshot, key: str = "jahr", container: Any = st) -> int:
    """Single year, newest by default, kept in the URL as ``?jahr=2025``."""
    years = queries.years(snapshot)
    return url_selectbox(
        labels.FILTER_YEAR,
        years,
        key=key,
        default=years[-1] if years else None,
        to_url=str,
        from_url=int,
        container=container,
    )


def district_label(snapshot: Snapshot) -> dict[str, str]:
    """AGS -> 'Name (06431)' for select boxes."""
    frame = queries.districts(snapshot)
    return {
        ags: f"{name} ({ags})"
        for ags, name in zip(frame["district_ags"], frame["district_name"], strict=True)
    }


def district_filter(
    snapshot: Snapshot, key: str = "kreis", default: str | None = None, container: Any = st
) -> str:
    """One district, kept in the URL as ``?kreis=06431``."""
    names = district_label(snapshot)
    options = list(names)
    return url_selectbox(
        labels.FILTER_DISTRICT,
        options,
        key=key,
        default=default if default in options else options[0],
        to_url=str,
        from_url=_ags,
        format_func=lambda ags: names[ags],
        container=container,
    )


def districts_filter(
    snapshot: Snapshot, key: str = "kreise", default: Sequence[str] = (), container: Any = st
) -> list[str]:
    """Several districts, kept in the URL as ``?kreise=06431&kreise=06611``."""
    names = district_label(snapshot)
    return url_multiselect(
        labels.FILTER_DISTRICTS,
        list(names),
        key=key,
        default=[a for a in default if a in names],
        to_url=str,
        from_url=_ags,
        format_func=lambda ags: names[ags],
        container=container,
    )


def years_filter(snapshot: Snapshot, key: str = "jahre", container: Any = st) -> list[int]:
    """Several years (all by default), kept in the URL as ``?jahre=2024&jahre=2025``."""
    years = queries.years(snapshot)
    return url_multiselect(
        labels.FILTER_YEARS,
        years,
        key=key,
        default=years,
        to_url=str,
        from_url=int,
        container=container,
    )


def choice_filter(label: str, options: dict[str, str], key: str, container: Any = st) -> str:
    """A labelled choice among fixed codes, kept in the URL under ``key`` as the code."""
    codes = list(options)
    return url_selectbox(
        label,
        codes,
        key=key,
        default=codes[0],
        to_url=str,
        from_url=str,
        format_func=lambda code: options[code],
        container=container,
    )


ALL_MEASURES = 0  # the "alle" option: a select box shows a None value as "nothing chosen"


def measure_filter(snapshot: Snapshot, key: str = "massnahme", container: Any = st) -> int | None:
    """A measure type 1..4 or None for all, kept in the URL as ``?massnahme=2`` (``alle``).
    "alle" is the option ``ALL_MEASURES`` in the widget, so the box shows "alle" instead of its
    placeholder."""
    names = queries.measure_names(snapshot)
    options: list[int] = [ALL_MEASURES, *names]
    code = url_selectbox(
        labels.FILTER_MEASURE,
        options,
        key=key,
        default=ALL_MEASURES,
        to_url=lambda code: labels.ALL if code == ALL_MEASURES else str(code),
        from_url=lambda raw: ALL_MEASURES if raw == labels.ALL else int(raw),
        format_func=lambda code: labels.ALL if code == ALL_MEASURES else f"{code} – {names[code]}",
        container=container,
    )
    return None if code == ALL_MEASURES else code


def measure_amount_note(snapshot: Snapshot, year: int) -> str | None:
    """Why "Vereinbart" by measure type is less than the state total: many agreements state no
    per-measure amounts. Says how many do and which share of the budget is not split."""
    coverage = queries.measure_amount_coverage(snapshot, year)
    total = coverage.get("budget_total_eur")
    if not total:
        return None
    agreed = float(coverage.get("agreed_amount_eur") or 0)
    unallocated = float(total) - agreed
    return labels.OV_MEASURE_AMOUNT_NOTE.format(
        n_with=coverage["n_with_amounts"],
        n_agreements=coverage["n_agreements"],
        agreed=labels.format_eur(agreed),
        total=labels.format_eur(total),
        unallocated=labels.format_eur(unallocated),
        share=labels.format_share(unallocated / float(total)),
    )


def coverage_note(state_year: dict[str, Any]) -> None:
    """The coverage sentences under the headline figures; a warning when districts are missing."""
    lines = figures.coverage_text(state_year)
    if state_year["districts_missing"] or state_year["districts_not_comparable"]:
        st.warning("  \n".join(lines), icon=":material/info:")
    else:
        st.info("  \n".join(lines))


def selection_gaps_note(comparison: pl.DataFrame | None) -> None:
    """Under the comparison table: per year, the chosen districts without a value, which the
    "Auswahl gesamt" row therefore leaves out (a sum over fewer districts is no cut)."""
    if comparison is None or comparison.is_empty():
        return
    districts = comparison.filter(pl.col("district_name") != SELECTION_TOTAL)
    gaps = [
        labels.VG_GAP_YEAR.format(
            year=column,
            names=", ".join(districts.filter(pl.col(column).is_null())["district_name"]),
        )
        for column in districts.columns
        if column.isdigit() and districts[column].null_count()
    ]
    if gaps:
        st.warning(labels.VG_GAPS.format(gaps="; ".join(gaps)), icon=":material/info:")


def version_notes(versions: pl.DataFrame) -> str:
    """One sentence per superseded agreement of a district: which version replaced which, with
    budget old -> new, projects added/removed, dates and file (newest first)."""
    changed = versions.filter(pl.col("version") > 1).sort("year", "version", descending=True)
    lines = []
    for row in changed.iter_rows(named=True):
        lines.append(
            labels.KP_VERSION_LINE.format(
                year=row["year"],
                version=row["version"],
                versions=row["versions"],
                prev_version=row["version"] - 1,
                signed=labels.format_date(row["signed_on"]),
                arrived=labels.format_utc_datetime(row["first_seen_at"]),
                source=labels.markdown_text(row["source_name"] or labels.MISSING),
                old=labels.format_eur(row["prev_version_budget_eur"]),
                new=labels.format_eur(row["budget_total_eur"]),
                change=labels.format_signed_eur(row["version_change_eur"]),
                n_added=row["n_projects_added"],
                added=labels.KP_VERSION_NAMES.format(
                    names=labels.markdown_text(row["projects_added"])
                )
                if row["projects_added"]
                else "",
                n_removed=row["n_projects_removed"],
                removed=labels.KP_VERSION_NAMES.format(
                    names=labels.markdown_text(row["projects_removed"])
                )
                if row["projects_removed"]
                else "",
            )
        )
    return "  \n".join(lines)


def rank_coverage(state_year: dict[str, Any], year: int) -> str:
    """Which districts a rank in Hessen is taken among: those with an agreement that year, the
    others named (a rank among 25 is not a rank among 26)."""
    missing = state_year.get("districts_missing")
    return labels.KP_RANK_COVERAGE.format(
        n=state_year["n_districts_with_agreement"],
        total=state_year["n_districts"],
        year=year,
        missing=labels.KP_RANK_MISSING.format(names=missing) if missing else "",
    )


def population_note(snapshot: Snapshot) -> None:
    """State the population reference date wherever € per inhabitant is shown (one date for
    all years: the only population figure the reference data holds)."""
    dates = [labels.format_date(value) for value in queries.population_dates(snapshot)]
    st.caption(labels.POPULATION_NOTE.format(dates=", ".join(dates) or labels.MISSING))


def styled(
    frame: pl.DataFrame,
    metric: str | None = None,
    missing_text: dict[str, str] | None = None,
    eur_format: Callable[[Any], str] | None = None,
) -> Any:
    """German headers and German number/date formats for display; sorting still uses the
    underlying numbers (a Styler changes only what is shown). ``missing_text`` says what an
    empty cell means in a column ("nicht je Maßnahmenart angegeben") instead of "–"."""
    specs = [column_spec(name, metric) for name in frame.columns]
    data = frame.to_pandas()
    headers: dict[str, str] = {}
    for spec in specs:
        header = spec.header_de
        while header in headers.values():
            header += " "
        headers[spec.name] = header
    data = data.rename(columns=headers)
    missing_text = missing_text or {}
    formatters = {
        headers[spec.name]: partial(
            _format_cell,
            kind=spec.kind,
            missing=missing_text.get(spec.name, labels.MISSING),
            decimals=_eur_decimals(frame, spec.name) if spec.kind == "eur" else None,
            eur_format=eur_format,
        )
        for spec in specs
    }
    return data.style.format(formatters, na_rep=None)  # the formatters render missing values as "–"


def _eur_decimals(frame: pl.DataFrame, name: str) -> int:
    """One format per euro column: cents for every cell when any cell has cents (4,00 € beside
    4,05 €), whole euros otherwise."""
    values = frame.get_column(name).cast(pl.Float64, strict=False).drop_nulls()
    has_cents = ((values * 100).round(0) % 100 != 0).any()
    return 2 if has_cents else 0


def _format_cell(
    value: Any,
    kind: str,
    missing: str,
    decimals: int | None = None,
    eur_format: Callable[[Any], str] | None = None,
) -> str:
    if labels.is_missing(value):
        return missing
    if kind == "eur" and eur_format is not None:
        return eur_format(value)
    if kind == "eur" and decimals is not None:
        return labels.format_eur(value, decimals)
    return labels.format_by_kind(value, kind)


# Key columns stay visible at the left edge when a wide table scrolls (1280/1440 px screens).
PINNED_COLUMNS = ("district_name", "year", "measure_name")
# A data grid sizes a column to its first rows' text, at most 500 px, and cuts longer text.
# Long free text (a rule, a reason, a path) therefore gets a fixed width and rows of three
# lines: Streamlit wraps cell text only in rows taller than 4 rem (64 px).
WRAPPED_ROW_HEIGHT = 70


def wrap_config(headers: Mapping[str, int], pinned: Sequence[str] = ()) -> dict[str, Any]:
    """``column_config`` giving each German header its width in px (its text wraps in a grid
    drawn with ``row_height=WRAPPED_ROW_HEIGHT``); a header in ``pinned`` stays pinned."""
    return {
        header: st.column_config.Column(width=width, pinned=True if header in pinned else None)
        for header, width in headers.items()
    }


# Free text of any length gets a fixed width, so it cannot push its table past the screen; the
# whole text stands above the table (review_notes) and in the downloads.
FIXED_WIDTHS = {"review_note": "medium"}


def pinned_config(frame: pl.DataFrame, metric: str | None = None) -> dict[str, Any]:
    """``column_config`` pinning the table's key columns and fixing the width of free-text
    columns, by their German headers."""
    return {
        column_spec(name, metric).header_de: st.column_config.Column(
            pinned=True if name in PINNED_COLUMNS else None, width=FIXED_WIDTHS.get(name)
        )
        for name in frame.columns
        if name in PINNED_COLUMNS or name in FIXED_WIDTHS
    }


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
    missing_text: dict[str, str] | None = None,
    intro: str | None = None,
    shown_frame: pl.DataFrame | None = None,
    eur_format: Callable[[Any], str] | None = None,
    column_groups: Sequence[tuple[str, Sequence[str]]] | None = None,
    wrapped: Mapping[str, int] | None = None,
) -> None:
    """A table under its own heading (pages never repeat it), an optional line of explanation,
    and its two downloads (all columns, unformatted values, German headers). ``shown_frame``
    is a screen variant of ``frame`` (e.g. a shortened hash); downloads always carry ``frame``.
    ``column_groups`` splits a wide table on screen into narrower ones, each under its own
    subheading ((subheading, columns) pairs), so a 1280 px screen shows every column without
    scrolling sideways; the downloads still carry the whole table once. ``wrapped`` gives long
    free-text columns a width in px (column -> px); a part showing one wraps its text over three
    lines instead of cutting it."""
    st.header(title)
    if intro:
        st.markdown(intro)
    if frame is None:
        st.info(labels.MART_MISSING)
        return
    if frame.is_empty():
        st.info(labels.EMPTY_TABLE)
    else:
        on_screen = shown_frame if shown_frame is not None else frame
        for subtitle, columns in column_groups or [("", display_columns or ())]:
            if subtitle:
                st.subheader(subtitle)
            shown = (
                on_screen.select([c for c in columns if c in on_screen.columns])
                if columns
                else on_screen
            )
            widths = {
                column_spec(name, metric).header_de: width
                for name, width in (wrapped or {}).items()
                if name in shown.columns
            }
            st.dataframe(
                styled(shown, metric, missing_text, eur_format),
                column_config=(pinned := pinned_config(shown, metric))
                | wrap_config(widths, pinned=list(pinned)),
                hide_index=True,
                height=height,
                placeholder=labels.MISSING,
                row_height=WRAPPED_ROW_HEIGHT if widths else None,
            )
    download_buttons(
        snapshot,
        frame,
        key=key,
        title=title,
        filters=filters,
        metric=metric,
        description=description,
    )


def projects_table(
    snapshot: Snapshot,
    projects: pl.DataFrame | None,
    *,
    key: str,
    year: int,
    filters: ExportFilters,
) -> None:
    """The projects of one year as Kreisprofil and Maßnahmenarten show them: one definition, so
    both pages split it the same way to fit 1280 px (names and amounts, then where each stands,
    both keyed by measure type and position) and download the same columns."""
    show_table(
        snapshot,
        projects,
        key=key,
        title=labels.KP_PROJECTS.format(year=year),
        filters=filters,
        intro=labels.TABLE_SPLIT_NOTE.format(n=2),
        column_groups=[
            (
                labels.KP_PROJECTS_MONEY.format(year=year),
                ["measure_type", "position", "project_name", "amount_eur", "continuity"],
            ),
            (
                labels.KP_PROJECTS_SOURCES.format(year=year),
                ["measure_type", "position", "source_name", "source_page", "source_line"],
            ),
        ],
    )


def download_buttons(
    snapshot: Snapshot,
    frame: pl.DataFrame,
    *,
    key: str,
    title: str,
    filters: ExportFilters | None,
    metric: str | None = None,
    description: str = "",
) -> None:
    """CSV and XLSX buttons; the files are written only when clicked (callable data)."""
    context = ExportContext(
        table_name=key,
        title_de=title,
        snapshot_id=snapshot.snapshot_id,
        published_at=snapshot.info.get("published_at"),
        filters_de=(filters or ExportFilters()).describe_de(),
        is_sample=bool(snapshot.info.get("is_sample")),
        metric=metric,
        description_de=description,
    )
    left, right, _ = st.columns([1, 1, 2])
    for column, export_format, label in (
        (left, "csv", labels.DOWNLOAD_CSV),
        (right, "xlsx", labels.DOWNLOAD_XLSX),
    ):
        column.download_button(
            label,
            data=partial(export_bytes, frame, context, export_format),
            file_name=f"aqb_{key}_{snapshot.snapshot_id}.{export_format}",
            mime=MIME_TYPES[export_format],
            key=f"download_{key}_{export_format}",
            on_click="ignore",
            help=labels.DOWNLOAD_HELP,
            icon=":material/download:",
        )


def briefing_button(
    snapshot: Snapshot, year: int, district: str | None = None, container: Any = st
) -> None:
    """The "Briefing als PDF" button: the A4 handout of this year (and district), built when clicked."""
    container.download_button(
        labels.BRIEFING_DOWNLOAD,
        data=partial(queries.briefing_pdf, snapshot, year, district),
        file_name=labels.briefing_file_name(snapshot.snapshot_id, year, district),
        mime="application/pdf",
        key=f"briefing_{year}_{district or 'hessen'}",
        on_click="ignore",
        help=labels.BRIEFING_DOWNLOAD_HELP,
        icon=":material/picture_as_pdf:",
        type="primary",
    )


def clicked_points(chart_key: str, selection: str) -> list[dict[str, Any]]:
    """The marks a user clicked in the chart drawn with ``key=chart_key``: one dict of the
    selection's fields per mark (``[{"district_ags": "06431", "measure_type": 2}]``), empty when
    nothing is selected. Read inside an ``on_select`` callback, i.e. only when the click changed."""
    state = st.session_state.get(chart_key)
    if not state:
        return []
    points = (state.get("selection") or {}).get(selection) or []
    return [dict(point) for point in points if isinstance(point, dict)]


def select_heatmap_cell(
    chart_key: str, selection: str, district_key: str = "kreis", measure_key: str = "massnahme"
) -> None:
    """``on_select`` callback of the measure heatmap: the clicked cell becomes the value of the
    district and measure select boxes (they are the keyboard fallback, so both stay in sync).
    Runs before the rerun draws the boxes, the only moment their state may be set."""
    points = clicked_points(chart_key, selection)
    if not points:  # a click beside the cells keeps the current choice
        return
    cell = points[-1]
    ags, measure = cell.get("district_ags"), cell.get("measure_type")
    if ags is None or measure is None:
        return
    st.session_state[district_key] = str(ags)
    st.session_state[measure_key] = int(measure)


def remember_clicked_district(chart_key: str, selection: str, target_key: str) -> None:
    """``on_select`` callback of a district chart: keep the clicked AGS under ``target_key``
    (several charts may write it; the last click wins)."""
    points = clicked_points(chart_key, selection)
    if points and points[-1].get("district_ags"):
        st.session_state[target_key] = str(points[-1]["district_ags"])


def profile_link(
    snapshot: Snapshot,
    district_ags: str,
    year: int,
    container: Any = st,
    label: str = labels.KV_DRILL_LINK,
) -> None:
    """A link to the Kreisprofil of ``district_ags`` in ``year``; it carries the same URL codes
    as the profile's own filters (``?kreis=06431&jahr=2025``), so it opens on that district."""
    name = district_label(snapshot).get(district_ags, district_ags)
    container.page_link(
        "app_pages/kreisprofil.py",
        label=label.format(district=name, year=year),
        icon=":material/location_city:",
        query_params={"kreis": district_ags, "jahr": str(year)},
    )


def show_waivers(checks: pl.DataFrame) -> None:
    """Failed warnings a reviewer accepted: each with its end date, reviewer and reason (as
    text, never markup: reasons are typed by people), expired ones said so."""
    waived = checks.filter(pl.col("waiver_status").is_not_null())
    if waived.is_empty():
        return
    running = waived.filter(pl.col("waiver_status") == "waived")
    st.caption(labels.DQ_CHECKS_WAIVED.format(n=running.height))
    for row in waived.iter_rows(named=True):
        template = (
            labels.DQ_WAIVED_ROW if row["waiver_status"] == "waived" else labels.DQ_EXPIRED_ROW
        )
        line = template.format(
            year=row["year"],
            rule=row["rule"],
            until=labels.format_date(row["waiver_until"]),
            by=row["waived_by"],
            reason=row["waiver_reason"],
        )
        st.text(line)


def chart_with_text(
    chart: Any, text: ChartText, title: str, container: Any = st, **kwargs: Any
) -> Any:
    """A chart a screen reader can use: its summary is the chart's accessible name and a visible
    sentence under it, and its data sits in a closed "Daten als Tabelle" expander right after it
    (a real HTML table). ``kwargs`` go to ``st.altair_chart`` (key, on_select ...)."""
    event = container.altair_chart(charts.readable(chart), alt=f"{title}. {text.summary}", **kwargs)
    container.text(text.summary)
    with container.expander(labels.CHART_TABLE, icon=":material/table:"):
        # st.table renders cells as Markdown: names are shown inert, as text
        st.table(text.table.to_pandas().map(labels.markdown_text), hide_index=True, alt=title)
    return event


def profile_links(snapshot: Snapshot, district_ags: Sequence[str], year: int) -> None:
    """One link per district to its Kreisprofil, in a closed expander: the way to the profile by
    keyboard alone (the chart marks take clicks only)."""
    with st.expander(labels.KV_PROFILE_LINKS, icon=":material/location_city:"):
        for ags in district_ags:
            profile_link(snapshot, ags, year, label=labels.KV_PROFILE_LIST_LINK)


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_WEB = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/?#=&+-]*)?")


def contact_href(contact: str) -> str | None:
    """A link target for the barrier contact: mailto for an e-mail address, the address itself
    for an http(s) URL, None for anything else (then shown as plain text)."""
    if _EMAIL.fullmatch(contact):
        return f"mailto:{contact}"
    return contact if _WEB.fullmatch(contact) else None


def review_notes(frame: pl.DataFrame) -> None:
    """Beside a figure a reviewer set ("manuell korrigiert", "manuell entschieden"), one line per
    district-year saying who, when and why, so a corrected value is never taken for the parsed
    one. Plain text: the reason is a person's words, never markup."""
    if "review_note" not in frame.columns:
        return
    noted = frame.filter(pl.col("review_note").is_not_null()).sort("year", "district_name")
    for row in noted.iter_rows(named=True):
        st.text(
            labels.REVIEW_NOTE_SHOWN.format(
                district=row["district_name"], year=row["year"], note=row["review_note"]
            )
        )
