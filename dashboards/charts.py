"""Altair charts with German number formats and a colour-blind-safe palette.

Vega formats numbers the English way; axis labels are rewritten with a label expression that
swaps the separators, and tooltips show pre-formatted German strings, so every number a user
reads is German (1.230.450 €, 12,3 %).
"""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import polars as pl

from dashboards import labels
from dashboards.hessen_grid import tile_rows

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SEQUENTIAL_SCHEME = "viridis"
# every district name readable: no overlap thinning, room for "Landkreis Waldeck-Frankenberg"
DISTRICT_AXIS = alt.Axis(labelOverlap=False, labelLimit=260)
# the measure types' full short names ("Ausbildungsvorbereitung", "Weiterbildung Personal") are
# never cut: no label limit, centred under their column
MEASURE_X_AXIS = alt.Axis(
    labelAngle=0,
    labelAlign="center",
    labelBaseline="top",
    labelLimit=0,
    labelOverlap=False,
    labelPadding=6,
)
MEASURE_Y_AXIS = alt.Axis(labelLimit=0, labelOverlap=False)

# Clickable charts: the Vega-Lite point selections Streamlit reports back (st.altair_chart
# on_select), and SVG instead of Streamlit's default canvas so every mark is an element a
# screen reader and a browser test can find. The chosen mark is outlined from the page's state
# (not by Vega), so a choice made in the select boxes is outlined the same way as a click.
HEATMAP_SELECTION = "heatmap_cell"
DISTRICT_SELECTION = "district_click"
CLICKABLE = {"embedOptions": {"renderer": "svg"}}
SELECTED_STROKE = "#000000"


# Axis and legend text in the page's text colour: Streamlit's chart theme draws it grey
# (below 4.5:1 on white for 12 px labels)
CHART_TEXT_COLOUR = "#111111"


def readable(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """``chart`` with axis and legend labels and titles at full contrast."""
    text = {"labelColor": CHART_TEXT_COLOUR, "titleColor": CHART_TEXT_COLOUR}
    return chart.configure_axis(**text).configure_legend(**text)


def _district_click() -> alt.Parameter:
    """A click on any mark of a district reports its AGS (the key the Kreisprofil link needs)."""
    return alt.selection_point(
        name=DISTRICT_SELECTION, fields=["district_ags"], on="click", clear=False
    )


def german_axis_expr(decimals: int = 0, suffix: str = "") -> str:
    """Vega expression that formats ``datum.value`` with German separators."""
    english = f"format(datum.value, ',.{decimals}f')"
    swapped = f"replace(replace(replace({english}, regexp(',', 'g'), '#'), regexp('[.]', 'g'), ','), regexp('#', 'g'), '.')"
    return f"{swapped} + '{suffix}'" if suffix else swapped


def german_axis(title: str, decimals: int = 0, suffix: str = "") -> alt.Axis:
    return alt.Axis(title=title, labelExpr=german_axis_expr(decimals, suffix))


def _pandas(frame: pl.DataFrame):
    return frame.to_pandas()


def with_display_column(
    frame: pl.DataFrame, column: str, kind: str, display_name: str
) -> pl.DataFrame:
    """Add a pre-formatted German text column for tooltips."""
    return frame.with_columns(
        pl.col(column)
        .map_elements(lambda v: labels.format_by_kind(v, kind), return_dtype=pl.String)
        .alias(display_name)
    )


def state_total_bars(state_years: pl.DataFrame) -> alt.LayerChart:
    """Statewide budget per year; a year that lacks districts is drawn pale with "25 von 26"
    above its bar, so a dip from a missing agreement never reads as a cut."""
    data = with_display_column(state_years, "budget_total_eur", "eur", "Budget").with_columns(
        pl.when(pl.col("n_districts_with_agreement") < pl.col("n_districts"))
        .then(pl.lit(labels.OV_INCOMPLETE))
        .otherwise(pl.lit(labels.OV_COMPLETE))
        .alias("Vollständigkeit"),
        pl.format(labels.OV_COVERAGE_SHORT, "n_districts_with_agreement", "n_districts").alias(
            "Abdeckung"
        ),
        pl.col("districts_missing").fill_null(labels.MISSING).alias("Ohne Zielvereinbarung"),
    )
    base = alt.Chart(_pandas(data)).encode(
        x=alt.X("year:O", title=labels.FILTER_YEAR, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("budget_total_eur:Q", axis=german_axis("Budget (€)")),
        tooltip=[
            alt.Tooltip("year:O", title=labels.FILTER_YEAR),
            alt.Tooltip("Budget:N"),
            alt.Tooltip("Abdeckung:N", title=labels.OV_COVERAGE_TITLE),
            alt.Tooltip("Ohne Zielvereinbarung:N"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "Vollständigkeit:N",
            scale=alt.Scale(
                domain=[labels.OV_COMPLETE, labels.OV_INCOMPLETE],
                range=[OKABE_ITO[0], "#9DC3E6"],
            ),
            legend=alt.Legend(title=None, orient="bottom"),
        )
    )
    marks = (
        base.transform_filter(alt.datum["Vollständigkeit"] == labels.OV_INCOMPLETE)
        .mark_text(dy=-8, fontSize=11, color="#333333")
        .encode(text="Abdeckung:N")
    )
    return (bars + marks).properties(height=260)


def _measure_colours(data: pl.DataFrame) -> tuple[list[str], list[str]]:
    """Labels "1 – Ausbildungsvorbereitung" … in type order, each with its type's fixed colour
    (a district without type 2 keeps the colours of types 3 and 4)."""
    pairs = data.select("measure_type", "Maßnahmenart").unique().sort("measure_type").rows()
    return [label for _, label in pairs], [OKABE_ITO[(kind - 1) % 8] for kind, _ in pairs]


def measure_money_bars(money: pl.DataFrame) -> alt.Chart:
    """Euros per measure type, stacked per year, one colour per type (the same order and
    colours as everywhere); the tooltip names the share in euros and the sources of the sum."""
    data = with_display_column(money, "measure_amount_eur", "eur", labels.MONEY_AMOUNT)
    data = with_display_column(data, "share_of_year", "share", "Anteil")
    data = with_display_column(data, "from_agreements_eur", "eur", labels.MONEY_FROM_AGREEMENTS)
    data = with_display_column(data, "from_decisions_eur", "eur", labels.MONEY_FROM_DECISIONS)
    data = data.with_columns(
        pl.format("{} – {}", "measure_type", "measure_name").alias("Maßnahmenart")
    )
    order, colours = _measure_colours(data)
    return (
        alt.Chart(_pandas(data))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=labels.FILTER_YEAR, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("measure_amount_eur:Q", stack="zero", axis=german_axis("Euro")),
            color=alt.Color(
                "Maßnahmenart:N",
                scale=alt.Scale(domain=order, range=colours),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0, title=None),
            ),
            order=alt.Order("measure_type:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("year:O", title=labels.FILTER_YEAR),
                alt.Tooltip("Maßnahmenart:N"),
                alt.Tooltip(f"{labels.MONEY_AMOUNT}:N"),
                alt.Tooltip("Anteil:N"),
                alt.Tooltip(f"{labels.MONEY_FROM_AGREEMENTS}:N"),
                alt.Tooltip(f"{labels.MONEY_FROM_DECISIONS}:N"),
            ],
        )
        .properties(height=320)
    )


def measure_money_share_bars(money_year: pl.DataFrame) -> alt.Chart:
    """Share of the year's euros per measure type (statewide), plotted in percent."""
    data = with_display_column(money_year, "share_of_year", "share", "Anteil")
    data = with_display_column(data, "measure_amount_eur", "eur", labels.MONEY_AMOUNT)
    data = data.with_columns(
        (pl.col("share_of_year") * 100).alias("share_pct"),
        pl.format("{} – {}", "measure_type", "measure_name").alias("Maßnahmenart"),
    )
    order, colours = _measure_colours(data)
    return (
        alt.Chart(_pandas(data))
        .mark_bar()
        .encode(
            y=alt.Y("Maßnahmenart:N", title=None, sort=order, axis=MEASURE_Y_AXIS),
            x=alt.X("share_pct:Q", axis=german_axis("Anteil an den Euro", 0, " %")),
            color=alt.Color(
                "Maßnahmenart:N",
                scale=alt.Scale(domain=order, range=colours),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("measure_name:N", title=labels.FILTER_MEASURE),
                "Anteil:N",
                alt.Tooltip(f"{labels.MONEY_AMOUNT}:N"),
            ],
        )
        .properties(height=180)
    )


def _metric_kind(metric: str) -> str:
    return {
        "budget_total_eur": "eur",
        "eur_per_inhabitant": "eur",
        "change_pct": "pct",
        "share_of_state": "share",
        "n_projects": "int",
    }[metric]


def _metric_axis(metric: str, title: str) -> alt.Axis:
    kind = _metric_kind(metric)
    if kind == "share":
        return german_axis(title, 1, " %")
    if kind == "pct":
        return german_axis(title, 1, " %")
    return german_axis(title, 2 if metric == "eur_per_inhabitant" else 0)


def _plot_values(frame: pl.DataFrame, metric: str) -> pl.DataFrame:
    """Shares are plotted in percent so the axis and the tooltip agree."""
    factor = 100.0 if _metric_kind(metric) == "share" else 1.0
    return frame.with_columns((pl.col(metric).cast(pl.Float64) * factor).alias("plot_value"))


def ranking_bars(
    district_year: pl.DataFrame, metric: str, title: str, selected_ags: str | None = None
) -> alt.Chart:
    """Districts sorted by the metric, coloured by peer group; a click on a bar reports the
    district (``DISTRICT_SELECTION``), and ``selected_ags`` is outlined."""
    data = _plot_values(
        with_display_column(district_year, metric, _metric_kind(metric), "Wert"), metric
    )
    data = data.with_columns((pl.col("district_ags") == (selected_ags or "")).alias("is_selected"))
    data = _with_description(data, {labels.FILTER_DISTRICT: "district_name", title: "Wert"})
    return (
        alt.Chart(_pandas(data))
        .mark_bar(cursor="pointer", strokeWidth=2)
        .encode(
            y=alt.Y("district_name:N", sort="-x", title=None, axis=DISTRICT_AXIS),
            x=alt.X("plot_value:Q", axis=_metric_axis(metric, title)),
            color=alt.Color(
                "district_type:N",
                title=labels.FILTER_PEER_GROUP,
                scale=alt.Scale(range=OKABE_ITO[:2]),
            ),
            tooltip=[
                alt.Tooltip("district_name:N", title=labels.FILTER_DISTRICT),
                alt.Tooltip("Wert:N", title=title),
            ],
            stroke=_outline(),
            description="Beschreibung:N",
        )
        .add_params(_district_click())
        .properties(height=alt.Step(20), usermeta=CLICKABLE)
    )


def _with_description(frame: pl.DataFrame, parts: dict[str, str]) -> pl.DataFrame:
    """A German ``Beschreibung`` per mark ("Kreis: Landkreis Kassel; Wert: 1.230.450 €"): an SVG
    mark's accessible name, which Vega otherwise builds from raw field names and English numbers."""
    pieces = []
    for title, column in parts.items():
        pieces += [
            pl.lit(f"{title}: "),
            pl.col(column).cast(pl.String).fill_null(labels.MISSING),
            pl.lit("; "),
        ]
    return frame.with_columns(pl.concat_str(pieces[:-1]).alias("Beschreibung"))


def _outline() -> dict:
    """Black outline on the row flagged ``is_selected``; no stroke elsewhere (as before)."""
    return alt.condition("datum.is_selected", alt.value(SELECTED_STROKE), alt.value(None))


def _value_colour(metric: str, title: str) -> alt.Color:
    decimals = 2 if metric == "eur_per_inhabitant" else 0
    suffix = " %" if _metric_kind(metric) in ("pct", "share") else ""
    return alt.Color(
        "plot_value:Q",
        title=title,
        scale=alt.Scale(scheme=SEQUENTIAL_SCHEME),
        legend=alt.Legend(labelExpr=german_axis_expr(1 if suffix else decimals, suffix)),
    )


def _with_map_helpers(data: pl.DataFrame) -> pl.DataFrame:
    """has_value (grey tile without data) and dark_tile (white label on dark viridis colours)."""
    low, high = data["plot_value"].min(), data["plot_value"].max()
    spread = (high - low) if low is not None and high is not None and high != low else 1.0
    return data.with_columns(
        pl.col("plot_value").is_not_null().alias("has_value"),
        (((pl.col("plot_value") - (low or 0.0)) / spread) < 0.45)
        .fill_null(False)
        .alias("dark_tile"),
    )


# Below this plot width (five tile columns) "Hersfeld-/Rotenburg" no longer fits its tile at
# 10 px; the tiles then show the abbreviations of hessen_grid.
TILE_LABEL_MIN_WIDTH = 280


def tile_map(district_year: pl.DataFrame, metric: str, title: str) -> alt.LayerChart:
    """The tile-grid map of Hessen coloured by ``metric`` (grey: no value)."""
    tiles = pl.DataFrame(tile_rows())
    data = tiles.join(district_year, on="district_ags", how="left")
    data = _with_map_helpers(
        _plot_values(with_display_column(data, metric, _metric_kind(metric), "Wert"), metric)
    )
    data = _with_description(data, {labels.FILTER_DISTRICT: "district_name", title: "Wert"})
    base = alt.Chart(_pandas(data)).encode(
        description="Beschreibung:N",
        x=alt.X("tile_col:O", axis=None, scale=alt.Scale(paddingInner=0.04)),
        y=alt.Y("tile_row:O", axis=None, scale=alt.Scale(paddingInner=0.04)),
        tooltip=[
            alt.Tooltip("district_name:N", title=labels.FILTER_DISTRICT),
            alt.Tooltip("Wert:N", title=title),
        ],
    )
    # grey tiles first: Vega-Lite drops marks whose colour field is null, so districts without
    # a value would vanish instead of showing as "no data"
    # the click parameter sits on the layer every district has; all layers share one scope and
    # one data source, so a click on a coloured tile or its label reports the same AGS
    background = base.mark_rect(cornerRadius=3, color="#D9D9D9", cursor="pointer").add_params(
        _district_click()
    )
    rects = (
        base.transform_filter("datum.has_value")
        .mark_rect(cornerRadius=3, cursor="pointer")
        .encode(color=_value_colour(metric, title))
    )
    # the full label where a tile is wide enough for it, else the abbreviation (no label is cut)
    text = (
        base.transform_calculate(
            tile_text=f"width < {TILE_LABEL_MIN_WIDTH} ? datum.tile_short : datum.tile_label"
        )
        .mark_text(fontSize=10, lineBreak="\n", cursor="pointer")
        .encode(
            text="tile_text:N",
            color=alt.condition("datum.dark_tile", alt.value("white"), alt.value("black")),
        )
    )
    return (background + rects + text).properties(width=560, height=600, usermeta=CLICKABLE)


def choropleth(
    district_year: pl.DataFrame, metric: str, title: str, geojson_path: Path
) -> alt.Chart:
    """A real map from a district GeoJSON (features carry ``properties.ags``)."""
    features = json.loads(Path(geojson_path).read_text(encoding="utf-8"))["features"]
    data = _plot_values(
        with_display_column(district_year, metric, _metric_kind(metric), "Wert"), metric
    )
    lookup = alt.LookupData(
        _pandas(data.select("district_ags", "district_name", "plot_value", "Wert")),
        key="district_ags",
        fields=["district_name", "plot_value", "Wert"],
    )
    return (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke="white", strokeWidth=1, cursor="pointer")
        .transform_calculate(district_ags="datum.properties.ags")
        .transform_lookup(lookup="district_ags", from_=lookup)
        .encode(
            color=alt.condition(
                "isValid(datum.plot_value)", _value_colour(metric, title), alt.value("#D9D9D9")
            ),
            tooltip=[
                alt.Tooltip("district_name:N", title=labels.FILTER_DISTRICT),
                alt.Tooltip("Wert:N", title=title),
            ],
        )
        .add_params(_district_click())
        .project(type="mercator")
        .properties(width=520, height=600, usermeta=CLICKABLE)
    )


def heatmap(
    mix: pl.DataFrame, value: str, value_label: str, selected_cell: tuple[str, int] | None = None
) -> alt.Chart:
    """District × measure type, coloured by ``value``. A click on a cell reports its
    ``district_ags`` and ``measure_type`` (``HEATMAP_SELECTION``); ``selected_cell`` is outlined."""
    kind = "int" if value == "n_projects" else "eur"
    data = with_display_column(mix.sort("district_ags", "measure_type"), value, kind, "Wert")
    chosen_ags, chosen_measure = selected_cell if selected_cell is not None else ("", -1)
    data = data.with_columns(
        ((pl.col("district_ags") == chosen_ags) & (pl.col("measure_type") == chosen_measure)).alias(
            "is_selected"
        )
    )
    data = _with_description(
        data,
        {
            labels.FILTER_DISTRICT: "district_name",
            labels.FILTER_MEASURE: "measure_name",
            value_label: "Wert",
        },
    )
    cell = alt.selection_point(
        name=HEATMAP_SELECTION, fields=["district_ags", "measure_type"], on="click", clear=False
    )
    return (
        alt.Chart(_pandas(data))
        .mark_rect(cursor="pointer")
        .encode(
            x=alt.X(
                "measure_name:N",
                title=labels.FILTER_MEASURE,
                sort=None,
                axis=MEASURE_X_AXIS,
                scale=alt.Scale(paddingInner=0.02),
            ),
            y=alt.Y("district_name:N", title=None, sort=None, axis=DISTRICT_AXIS),
            color=alt.Color(
                f"{value}:Q",
                title=value_label,
                scale=alt.Scale(scheme=SEQUENTIAL_SCHEME),
                legend=alt.Legend(labelExpr=german_axis_expr()),
            ),
            tooltip=[
                alt.Tooltip("district_name:N", title=labels.FILTER_DISTRICT),
                alt.Tooltip("measure_name:N", title=labels.FILTER_MEASURE),
                alt.Tooltip("Wert:N", title=value_label),
            ],
            stroke=alt.condition(
                "datum.is_selected", alt.value(SELECTED_STROKE), alt.value("white")
            ),
            strokeWidth=alt.condition("datum.is_selected", alt.value(3), alt.value(1)),
            description="Beschreibung:N",
        )
        .add_params(cell)
        .properties(height=alt.Step(20), usermeta=CLICKABLE)
    )


SERIES_HEIGHT = 360
# upright year labels, each under its own year (the first one too)
YEAR_AXIS = alt.Axis(labelAngle=0, labelAlign="center", labelFlush=False)


def incomplete_years(state_years: pl.DataFrame | None) -> pl.DataFrame:
    """The years in which not every district has an agreement, with "25 von 26" (``Abdeckung``)
    and the districts without one: the years whose state figures cover fewer districts."""
    columns = {"year": pl.Int64, "Abdeckung": pl.String, "Ohne Zielvereinbarung": pl.String}
    if state_years is None or state_years.is_empty():
        return pl.DataFrame(schema=columns)
    return (
        state_years.filter(pl.col("n_districts_with_agreement") < pl.col("n_districts"))
        .sort("year")
        .select(
            pl.col("year").cast(pl.Int64),
            pl.format(labels.OV_COVERAGE_SHORT, "n_districts_with_agreement", "n_districts").alias(
                "Abdeckung"
            ),
            pl.col("districts_missing").fill_null(labels.MISSING).alias("Ohne Zielvereinbarung"),
        )
    )


def _incomplete_year_bands(gaps: pl.DataFrame) -> alt.LayerChart:
    """A pale hatched-looking band behind each incomplete year with "25 von 26" at its top: the
    mark is the text and the legend entry, not the grey alone (as the bars on Überblick)."""
    data = gaps.with_columns(pl.lit(labels.ZR_INCOMPLETE_LEGEND).alias("Vollständigkeit"))
    base = alt.Chart(_pandas(data)).encode(
        x=alt.X("year:O", title=labels.FILTER_YEAR, axis=YEAR_AXIS),
        tooltip=[
            alt.Tooltip("year:O", title=labels.FILTER_YEAR),
            alt.Tooltip("Abdeckung:N", title=labels.OV_COVERAGE_TITLE),
            alt.Tooltip("Ohne Zielvereinbarung:N"),
        ],
    )
    band = base.mark_rect(opacity=0.9, stroke="#8C8C8C", strokeDash=[3, 3]).encode(
        fill=alt.Fill(
            "Vollständigkeit:N",
            scale=alt.Scale(domain=[labels.ZR_INCOMPLETE_LEGEND], range=["#EDEDED"]),
            legend=alt.Legend(title=None, orient="bottom", labelLimit=0),
        )
    )
    # at the foot of the band, where the lines rarely run (a budget is never near zero)
    text = base.mark_text(baseline="bottom", dy=-4, fontSize=11, color="#333333").encode(
        y=alt.datum(0), text="Abdeckung:N"
    )
    return band + text


def series_lines(
    series: pl.DataFrame,
    metric: str,
    average_column: str,
    title: str,
    state_years: pl.DataFrame | None = None,
) -> alt.Chart | alt.LayerChart:
    """Selected districts over the years (solid) beside the state average (dashed, black).

    The average is one more series of the same colour/dash encoding, so the legend lists it
    with its dashed black stroke next to the districts. A year in which not every district has
    an agreement (``state_years``: the Überblick's state rows) is marked behind the lines with a
    pale band and "25 von 26": its state average covers fewer districts.
    """
    districts = series.select(
        "district_name", "year", pl.col(metric).cast(pl.Float64).alias("value")
    )
    average = (
        series.group_by("year")
        .agg(pl.col(average_column).first().cast(pl.Float64).alias("value"))
        .sort("year")
        .select(pl.lit(labels.STATE_AVERAGE).alias("district_name"), "year", "value")
    )
    data = with_display_column(
        pl.concat([districts, average], how="vertical_relaxed"), "value", "eur", "Wert"
    )
    names = [*dict.fromkeys(districts["district_name"].to_list()), labels.STATE_AVERAGE]
    colours = [OKABE_ITO[index % 7] for index in range(len(names) - 1)] + ["#000000"]
    dashes = [[1, 0]] * (len(names) - 1) + [[6, 4]]
    decimals = 2 if metric == "eur_per_inhabitant" else 0
    legend = alt.Legend(
        title=labels.FILTER_DISTRICT, symbolType="stroke", symbolStrokeWidth=2, labelLimit=0
    )
    lines = (
        alt.Chart(_pandas(data))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=labels.FILTER_YEAR, axis=YEAR_AXIS),
            y=alt.Y("value:Q", axis=german_axis(title, decimals)),
            color=alt.Color(
                "district_name:N", scale=alt.Scale(domain=names, range=colours), legend=legend
            ),
            strokeDash=alt.StrokeDash(
                "district_name:N", scale=alt.Scale(domain=names, range=dashes), legend=legend
            ),
            tooltip=[
                alt.Tooltip("district_name:N", title=labels.FILTER_DISTRICT),
                alt.Tooltip("year:O", title=labels.FILTER_YEAR),
                alt.Tooltip("Wert:N", title=title),
            ],
        )
        .properties(height=SERIES_HEIGHT)
    )
    gaps = incomplete_years(state_years)
    shown_years = set(series["year"].to_list())
    gaps = gaps.filter(pl.col("year").is_in(sorted(shown_years)))
    if gaps.is_empty():
        return lines
    return (_incomplete_year_bands(gaps) + lines).properties(height=SERIES_HEIGHT)


def reconciliation_dots(totals: pl.DataFrame) -> alt.LayerChart:
    """Soll/Ist compactly: one row per district with a dot each for agreed, approved and used
    and a line between the smallest and largest, rows sorted by the gap approved minus agreed
    (largest overshoot first), the euro axis above and below the rows."""
    data = with_display_column(totals, "value", "eur", "Wert")
    wide = totals.pivot(on="series_key", index="district_name", values="value")
    gap = (
        pl.col("approved_eur").fill_null(0) - pl.col("agreed_eur").fill_null(0)
        if {"approved_eur", "agreed_eur"} <= set(wide.columns)
        else pl.lit(0)
    )
    order = wide.with_columns(gap.alias("gap")).sort("gap", descending=True)["district_name"]
    y = alt.Y("district_name:N", title=None, sort=order.to_list(), axis=DISTRICT_AXIS)
    base = alt.Chart(_pandas(data))
    span = base.mark_rule(color="#9A9A9A").encode(
        y=y, x=alt.X("min(value):Q", axis=german_axis("Betrag (€)")), x2="max(value):Q"
    )
    dots = base.mark_point(filled=True, size=70, opacity=0.9).encode(
        y=y,
        x=alt.X("value:Q", axis=alt.Axis(orient="top", labelExpr=german_axis_expr(), title=None)),
        color=alt.Color(
            "series:N",
            title=None,
            sort=list(labels.SI_SERIES.values()),
            scale=alt.Scale(range=OKABE_ITO[:3]),
            legend=alt.Legend(orient="top"),
        ),
        shape=alt.Shape("series:N", sort=list(labels.SI_SERIES.values()), legend=None),
        tooltip=[
            alt.Tooltip("district_name:N", title=labels.FILTER_DISTRICT),
            alt.Tooltip("series:N", title=" "),
            alt.Tooltip("Wert:N", title="Betrag"),
        ],
    )
    return (span + dots).properties(height=alt.Step(18))


def completeness_status(completeness: pl.DataFrame) -> pl.DataFrame:
    """Each district-year with a German ``Status``: what has arrived (agreement, decisions)."""
    return completeness.sort("district_ags", "year").with_columns(
        pl.when(pl.col("agreement_received") & pl.col("decisions_received"))
        .then(pl.lit(labels.DQ_STATUS_LABELS["both"]))
        .when(pl.col("agreement_received"))
        .then(pl.lit(labels.DQ_STATUS_LABELS["agreement"]))
        .when(pl.col("decisions_received"))
        .then(pl.lit(labels.DQ_STATUS_LABELS["decisions"]))
        .otherwise(pl.lit(labels.DQ_STATUS_LABELS["none"]))
        .alias("Status")
    )


def completeness_matrix(data: pl.DataFrame) -> alt.LayerChart:
    """26 districts × years coloured by what has arrived (``completeness_status``); each cell also
    carries its short code (VB, V, B, –), so the state is not told by colour alone."""
    order = list(labels.DQ_STATUS_LABELS.values())
    codes = dict(zip(order, labels.DQ_STATUS_CODES.values(), strict=True))
    data = data.with_columns(pl.col("Status").replace_strict(codes).alias("Kürzel"))
    base = alt.Chart(_pandas(data)).encode(
        x=alt.X("year:O", title=labels.FILTER_YEAR),
        y=alt.Y("district_name:N", title=None, sort=None, axis=DISTRICT_AXIS),
        tooltip=[
            alt.Tooltip("district_name:N", title=labels.FILTER_DISTRICT),
            alt.Tooltip("year:O", title=labels.FILTER_YEAR),
            "Status:N",
        ],
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "Status:N",
            sort=order,
            scale=alt.Scale(domain=order, range=["#009E73", "#56B4E9", "#E69F00", "#D55E00"]),
            legend=alt.Legend(
                labelExpr=" + ".join(
                    f"(datum.label == '{name}' ? '{code} – ' : '')" for name, code in codes.items()
                )
                + " + datum.label",
                labelLimit=0,
            ),
        ),
    )
    # black on all four fills is at least 5:1
    text = base.mark_text(fontSize=11, color="black").encode(text="Kürzel:N")
    return (cells + text).properties(height=alt.Step(20))


def profile_budget_bars(district_years: pl.DataFrame) -> alt.LayerChart:
    """One district's budget per year; a year without an agreement is marked "fehlt" at the
    baseline (no bar that could read as a budget of zero)."""
    data = with_display_column(district_years, "budget_total_eur", "eur", "Budget").with_columns(
        pl.when(pl.col("budget_total_eur").is_null())
        .then(pl.lit(labels.KP_NO_AGREEMENT_MARK))
        .alias("Hinweis")
    )
    base = alt.Chart(_pandas(data)).encode(
        x=alt.X("year:O", title=labels.FILTER_YEAR, axis=alt.Axis(labelAngle=0))
    )
    bars = base.mark_bar(color=OKABE_ITO[0]).encode(
        y=alt.Y("budget_total_eur:Q", axis=german_axis("Budget (€)")),
        tooltip=[alt.Tooltip("year:O", title=labels.FILTER_YEAR), "Budget:N"],
    )
    gaps = (
        base.transform_filter("datum.Hinweis != null")
        .mark_text(baseline="bottom", dy=-2, fontSize=12, color="#333333")
        .encode(y=alt.datum(0), text="Hinweis:N")
    )
    return (bars + gaps).properties(height=220)
