"""Kreisprofil: one district, every year, project, decision, change and source document."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import chart_text, charts, common, labels, queries
from pipelines.config import load_settings
from pipelines.exports import ExportFilters

snapshot = common.page_start("kreisprofil")
district_col, year_col, briefing_col = st.columns([3, 1, 1], vertical_alignment="bottom")
with district_col:
    district = common.district_filter(snapshot)
year = common.year_filter(snapshot, container=year_col)
common.briefing_button(snapshot, year, district, container=briefing_col)
all_years = ExportFilters(districts=(district,))
year_filters = ExportFilters(years=(year,), districts=(district,))

history = queries.table(snapshot, "kreisvergleich", all_years)
current = history.filter(pl.col("year") == year)
row = current.row(0, named=True) if current.height else {}
budget_col, rank_col, capita_col = st.columns(3)
budget_col.metric(
    labels.KP_BUDGET.format(year=year),
    labels.format_eur(row.get("budget_total_eur")),
    delta=labels.format_signed_eur(row["change_eur"])
    if row.get("change_eur") is not None
    else None,
)
state_year = queries.table(snapshot, "landesebene", ExportFilters(years=(year,)))
coverage = state_year.row(0, named=True) if state_year is not None and state_year.height else {}
rank_col.metric(
    labels.KP_RANK,
    labels.KP_RANK_VALUE.format(
        rank=labels.format_number(row["rank_in_state"]),
        n=labels.format_number(coverage.get("n_districts_with_agreement")),
    )
    if row.get("rank_in_state")
    else labels.MISSING,
)
capita_col.metric(labels.KP_PER_CAPITA, labels.format_eur(row.get("eur_per_inhabitant"), 2))
common.review_notes(current)
if coverage:
    st.caption(common.rank_coverage(coverage, year))
if row.get("from_scan"):
    st.caption(labels.KP_FROM_SCAN.format(year=year))
common.population_note(snapshot)

st.header(labels.KP_BUDGET_CHART)
common.chart_with_text(
    charts.profile_budget_bars(history),
    chart_text.yearly_budget(history),
    labels.KP_BUDGET_CHART,
    width="stretch",
)
any_from_scan = "from_scan" in history.columns and bool(history["from_scan"].any())
common.show_table(
    snapshot,
    history,
    key=f"kreisprofil_{district}",
    title=labels.KP_YEARS,
    filters=all_years,
    intro=labels.KP_YEARS_SPLIT_NOTE,
    column_groups=[
        (
            labels.KP_YEARS_MONEY,
            ["year", "budget_total_eur", "approved_eur", "change_eur", "change_pct"],
        ),
        (
            labels.KP_YEARS_RANK,
            [
                "year",
                "eur_per_inhabitant",
                "rank_in_state",
                "rank_in_peer_group",
                "n_projects",
                "agreement_versions",
            ],
        ),
        (
            # the file name gets the width a long one needs (Landeshauptstadt Wiesbaden)
            labels.KP_YEARS_SOURCES,
            [
                "year",
                "signed_on",
                "source_name",
                "source_page",
                "source_line",
                # only when a figure was read from a scan (OCR is opt-in): keeps the part narrow
                *(["from_scan"] if any_from_scan else []),
            ],
        ),
    ],
)

versions = queries.table(snapshot, "fassungen", all_years)
if versions is not None:
    if versions.filter(pl.col("versions") > 1).is_empty():
        st.caption(labels.KP_VERSIONS_NONE)
    else:
        common.show_table(
            snapshot,
            versions.filter(pl.col("versions") > 1),
            key=f"fassungen_{district}",
            title=labels.KP_VERSIONS,
            filters=all_years,
            intro=common.version_notes(versions) + "  \n" + labels.TABLE_SPLIT_NOTE.format(n=3),
            column_groups=[
                (
                    labels.KP_VERSIONS_BUDGET,
                    [
                        "year",
                        "version",
                        "is_current",
                        "prev_version_budget_eur",
                        "budget_total_eur",
                        "version_change_eur",
                    ],
                ),
                (
                    labels.KP_VERSIONS_PROJECTS,
                    ["year", "version", "n_projects_added", "n_projects_removed", "signed_on"],
                ),
                (
                    labels.KP_VERSIONS_SOURCES,
                    ["year", "version", "first_seen_at", "source_name"],
                ),
            ],
        )

projects = queries.table(snapshot, "projekte", year_filters)
common.projects_table(
    snapshot, projects, key=f"projekte_{district}_{year}", year=year, filters=year_filters
)

changes = queries.table(snapshot, "aenderungen", year_filters)
counts_line = None
if changes is not None:
    counts = {
        kind: changes.filter(pl.col("change") == kind).height
        for kind in ("neu", "fortgeführt", "beendet")
    }
    counts_line = labels.KP_CHANGE_COUNTS.format(
        neu=counts["neu"], fort=counts["fortgeführt"], ended=counts["beendet"]
    )
mix = queries.table(
    snapshot, "massnahmenarten", ExportFilters(years=(year - 1, year), districts=(district,))
)
if mix is not None and mix.filter(pl.col("year") == year - 1).height:
    common.show_table(
        snapshot,
        queries.measure_shift(mix, year),
        key=f"verschiebung_{district}_{year}",
        title=labels.KP_SHIFT.format(year=year, prev=year - 1),
        filters=year_filters,
        intro=labels.KP_SHIFT_NOTE,
        # on screen without the measure number (the name says it) and the comparison note (an
        # empty change cell already reads "nicht vergleichbar"), so it fits 1280 px; both stay
        # in the downloads
        display_columns=[
            "measure_name",
            "agreed_prev_year_eur",
            "agreed_eur",
            "agreed_change_eur",
        ],
        missing_text={
            "agreed_change_eur": labels.NOT_COMPARABLE,
            "agreed_eur": labels.NOT_PER_MEASURE,
            "agreed_prev_year_eur": labels.NOT_PER_MEASURE,
        },
    )
common.show_table(
    snapshot,
    changes,
    key=f"aenderungen_{district}_{year}",
    title=labels.KP_CHANGES.format(year=year),
    filters=year_filters,
    intro=counts_line,
)

decisions = queries.table(snapshot, "bescheide", all_years)
if decisions is not None and decisions.is_empty():
    st.header(labels.KP_DECISIONS)
    st.info(labels.KP_NO_DECISIONS)
else:
    decisions_from_scan = (
        decisions is not None
        and "from_scan" in decisions.columns
        and bool(decisions["from_scan"].any())
    )
    common.show_table(
        snapshot,
        decisions,
        key=f"bescheide_{district}",
        title=labels.KP_DECISIONS,
        filters=all_years,
        intro=labels.TABLE_SPLIT_NOTE.format(n=3)
        + (f"  \n{labels.KP_DECISIONS_FROM_SCAN}" if decisions_from_scan else ""),
        # keyed by the decision number (it carries the year), so each part fits 1280 px
        column_groups=[
            (
                labels.KP_DECISIONS_MONEY,
                ["year", "decision_id", "decision_type", "decision_date", "total_eur"],
            ),
            (
                labels.KP_DECISIONS_USE,
                ["decision_id", "used_total_eur", "reclaimed_total_eur", "refers_to"],
            ),
            (
                labels.KP_DECISIONS_SOURCES,
                [
                    "decision_id",
                    "source_name",
                    "source_format",
                    "source_page",
                    "source_line",
                    # only when a decision was read from a scan, as in the years table
                    *(["from_scan"] if decisions_from_scan else []),
                ],
            ),
        ],
    )

# Every figure of the chosen year leads back to its document: name, hash, page/line, original bytes.
st.header(labels.KP_SOURCES.format(year=year))
sources = queries.source_documents(
    current, decisions.filter(pl.col("year") == year) if decisions is not None else None
)
archive_dir = load_settings().archive_dir
documents = (
    queries.documents_by_sha(snapshot, sources["source_sha256"].to_list())
    if sources.height
    else None
)
for source in sources.iter_rows(named=True):
    sha = source["source_sha256"]
    document = documents.filter(pl.col("sha256") == sha).to_dicts() if documents is not None else []
    st.markdown(
        labels.source_line(
            source["source_name"],
            sha,
            source["source_page"],
            source["source_line"],
            document[0].get("read_by") if document else None,
            document[0].get("review_note") if document else None,
        )
    )
    archive_path = queries.verified_archive_file(archive_dir, sha)
    if archive_path is not None:
        media = [document[0]["media_type"]] if document else []
        st.download_button(
            labels.KP_SOURCE_DOWNLOAD,
            data=archive_path.read_bytes,
            file_name=source["source_name"],
            mime=media[0] if media else "application/octet-stream",
            key=f"original_{sha}",
            on_click="ignore",
            icon=":material/description:",
        )
    else:
        st.caption(labels.KP_SOURCE_MISSING)
