"""Kreisvergleich: every district in one year, map, ranking and table.

A click on a district (a ranking bar, a map tile or area) offers the link to its Kreisprofil in
the chosen year.
"""

from __future__ import annotations

from functools import partial

import polars as pl
import streamlit as st

from dashboards import chart_text, charts, common, labels, queries
from pipelines.config import load_settings
from pipelines.exports import ExportFilters


def table_groups(metric: str, year: int, *, from_scan: bool) -> list[tuple[str, list[str]]]:
    """The district table on screen: narrow parts, each led by the district's name and the
    chosen metric (so every part shows what the rows are sorted by), so each fits the 818 px
    a 1280 px window leaves (sums of measured column widths, widest metric: at most 797 px).
    The source part leaves the metric out: a long file name needs its width. A reviewer's note
    stays beside the budget; "Aus Scan gelesen" only when a figure was read from a scan (OCR
    is opt-in), as on Kreisprofil. Every column of the download is in a part except the year
    (the page's filter, in every heading), whether an agreement or decisions exist (an empty
    budget or "Bewilligt" says so; districts without an agreement are named above the table),
    the population's reference date (in the caption) and the source file's hash."""
    keys = ["district_name", metric]
    groups = [
        (
            labels.KV_TABLE_BUDGET,
            [*keys, "budget_total_eur", "review_note", *(["from_scan"] if from_scan else [])],
        ),
        (labels.KV_TABLE_RANK, [*keys, "rank_in_state", "rank_in_peer_group", "share_of_state"]),
        (labels.KV_TABLE_CHANGE, [*keys, "change_eur", "change_pct"]),
        (
            labels.KV_TABLE_MONEY,
            [*keys, "prev_year_budget_eur", "approved_eur", "population", "eur_per_inhabitant"],
        ),
        (
            labels.KV_TABLE_AGREEMENT,
            [*keys, "n_projects", "signed_on", "agreement_version", "agreement_versions"],
        ),
        (labels.KV_TABLE_DISTRICT, [*keys, "district_ags", "district_type", "regierungsbezirk"]),
        (labels.KV_TABLE_SOURCES, ["district_name", "source_name", "source_page", "source_line"]),
    ]
    return [(title.format(year=year), list(dict.fromkeys(names))) for title, names in groups]


snapshot = common.page_start("kreisvergleich")
year_col, metric_col, group_col = st.columns(3)
year = common.year_filter(snapshot, container=year_col)
metric = common.choice_filter(
    labels.FILTER_METRIC, labels.MAP_METRIC_LABELS, key="kennzahl", container=metric_col
)
peer_group = common.choice_filter(
    labels.FILTER_PEER_GROUP, labels.PEER_GROUPS, key="gruppe", container=group_col
)

filters = ExportFilters(years=(year,))
district_year = queries.table(snapshot, "kreisvergleich", filters)
if peer_group != "alle":
    district_year = district_year.filter(pl.col("district_type") == peer_group)
metric_label = labels.MAP_METRIC_LABELS[metric]

CLICKED_KEY = "kreisvergleich_clicked_district"  # set by the charts' on_select callbacks
MAP_KEY, RANKING_KEY = "kreisvergleich_map", "kreisvergleich_ranking"
clicked = st.session_state.get(CLICKED_KEY)
if clicked not in district_year["district_ags"].to_list():  # e.g. left out by the peer group
    clicked = None


def on_click(chart_key: str) -> None:
    """Remember the district clicked in ``chart_key`` for the Kreisprofil link."""
    common.remember_clicked_district(chart_key, charts.DISTRICT_SELECTION, CLICKED_KEY)


map_col, rank_col = st.columns([1, 1])
with map_col:
    map_title = labels.KV_MAP.format(metric=metric_label, year=year)
    st.header(map_title)
    geojson = load_settings().district_geojson
    if geojson is not None and geojson.is_file():
        district_map = charts.choropleth(district_year, metric, metric_label, geojson)
        map_note = labels.KV_MAP_ATTRIBUTION
    else:
        district_map = charts.tile_map(district_year, metric, metric_label)
        map_note = labels.KV_MAP_TILES_NOTE
    common.chart_with_text(
        district_map,
        chart_text.district_metric(district_year, metric, metric_label),
        map_title,
        key=MAP_KEY,
        selection_mode=charts.DISTRICT_SELECTION,
        on_select=partial(on_click, MAP_KEY),
    )
    st.caption(map_note)
with rank_col:
    ranking_title = labels.KV_RANKING.format(metric=metric_label)
    ranked = district_year.filter(pl.col(metric).is_not_null())
    st.header(ranking_title)
    common.chart_with_text(
        charts.ranking_bars(ranked, metric, metric_label, selected_ags=clicked),
        chart_text.district_metric(ranked, metric, metric_label),
        ranking_title,
        width="stretch",
        key=RANKING_KEY,
        selection_mode=charts.DISTRICT_SELECTION,
        on_select=partial(on_click, RANKING_KEY),
    )
    common.profile_links(snapshot, ranked.sort("district_name")["district_ags"].to_list(), year)
if clicked is None:
    st.caption(labels.KV_DRILL_HINT)
else:
    common.profile_link(snapshot, clicked, year)

without = district_year.filter(~pl.col("has_agreement"))["district_name"].to_list()
if without:
    st.warning(
        labels.KV_WITHOUT.format(year=year, names=", ".join(without)), icon=":material/info:"
    )
common.population_note(snapshot)
common.review_notes(district_year)
# the table follows the chosen metric: sorted by it, its column right after the name in every
# part; a reviewer's note (correction, chosen version) right beside the budget it affects
ranked = district_year.sort(metric, descending=metric != "rank_in_state", nulls_last=True)
any_from_scan = "from_scan" in ranked.columns and bool(ranked["from_scan"].any())
table_parts = table_groups(metric, year, from_scan=any_from_scan)
common.show_table(
    snapshot,
    ranked,
    key=f"kreisvergleich_{year}",
    title=labels.KV_TABLE.format(n=ranked.height, year=year),
    filters=filters,
    description="Budget, Euro je Einwohner, Veränderung und Rang je Kreis.",
    height=960,
    intro=labels.TABLE_SPLIT_NOTE.format(n=len(table_parts)),
    column_groups=table_parts,
)
