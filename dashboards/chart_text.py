"""What each chart shows, in words and as a table: a screen reader cannot read a chart.

Every chart of the dashboard gets a short German summary (the largest and smallest value and the
latest change) and the data it plots as a table of German-formatted text (WCAG 1.1.1, 1.4.1).
Pure functions: frames in, text out; the pages place both next to their chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboards import labels


@dataclass(frozen=True)
class ChartText:
    """The summary sentence(s) and the chart's data as display text under German headers."""

    summary: str
    table: pl.DataFrame


def _table(frame: pl.DataFrame, columns: dict[str, tuple[str, str]]) -> pl.DataFrame:
    """``columns``: source column -> (German header, format kind); every cell becomes text."""
    return pl.DataFrame(
        {
            header: [labels.format_by_kind(value, kind) for value in frame[column].to_list()]
            for column, (header, kind) in columns.items()
        },
        schema={header: pl.String for header, _kind in columns.values()},
    )


def _extremes(frame: pl.DataFrame, name: str, value: str, kind: str) -> str:
    """'Am höchsten: A (1.000 €); am niedrigsten: B (10 €).' over the rows with a value; ties go
    to the first row in the frame's order, so the sentence is stable."""
    rows = frame.filter(pl.col(value).is_not_null())
    if rows.is_empty():
        return labels.SUMMARY_NO_VALUES
    values = rows[value].to_list()
    names = rows[name].to_list()
    top, bottom = values.index(max(values)), values.index(min(values))
    if top == bottom:
        return labels.SUMMARY_ONE_VALUE.format(
            name=names[top], value=labels.format_by_kind(values[top], kind)
        )
    return labels.SUMMARY_EXTREMES.format(
        max_name=names[top],
        max_value=labels.format_by_kind(values[top], kind),
        min_name=names[bottom],
        min_value=labels.format_by_kind(values[bottom], kind),
    )


def _latest_change(frame: pl.DataFrame, period: str, value: str) -> str:
    """'2025 gegenüber 2024: +12.300 € (+1,2 %).' from the last two rows with a value."""
    rows = frame.filter(pl.col(value).is_not_null()).sort(period)
    if rows.height < 2:
        return ""
    (prev_period, prev), (last_period, last) = rows.select(period, value).rows()[-2:]
    pct = (float(last) / float(prev) - 1.0) * 100 if prev else None
    return " " + labels.SUMMARY_CHANGE.format(
        last=last_period,
        prev=prev_period,
        change=labels.format_signed_eur(float(last) - float(prev)),
        pct=labels.format_pct(pct, signed=True),
    )


def yearly_budget(years: pl.DataFrame) -> ChartText:
    """Budget per year (the state total on Überblick, one district on Kreisprofil)."""
    frame = years.sort("year").with_columns(pl.col("year").cast(pl.String).alias("year_text"))
    summary = _extremes(frame, "year_text", "budget_total_eur", "eur") + _latest_change(
        frame, "year", "budget_total_eur"
    )
    table = _table(
        frame,
        {"year_text": (labels.FILTER_YEAR, "text"), "budget_total_eur": ("Budget", "eur")},
    )
    return ChartText(summary, table)


METRIC_KINDS = {
    "budget_total_eur": "eur",
    "eur_per_inhabitant": "eur",
    "change_pct": "pct",
    "share_of_state": "share",
    "n_projects": "int",
}


def district_metric(district_year: pl.DataFrame, metric: str, metric_label: str) -> ChartText:
    """One metric per district (map and ranking of Kreisvergleich), highest first; the change to
    the previous year names the largest rise and fall."""
    kind = METRIC_KINDS[metric]
    frame = district_year.sort(metric, descending=True, nulls_last=True)
    summary = _extremes(frame, "district_name", metric, kind)
    changes = frame.filter(pl.col("change_pct").is_not_null()).sort("change_pct")
    if changes.height >= 2:
        rise, fall = changes.row(-1, named=True), changes.row(0, named=True)
        summary += " " + labels.SUMMARY_RISE_FALL.format(
            rise=rise["district_name"],
            rise_pct=labels.format_pct(rise["change_pct"], signed=True),
            fall=fall["district_name"],
            fall_pct=labels.format_pct(fall["change_pct"], signed=True),
        )
    table = _table(
        frame,
        {
            "district_name": (labels.FILTER_DISTRICT, "text"),
            metric: (metric_label, kind),
            "change_pct": ("Veränderung zum Vorjahr", "pct"),
        },
    )
    return ChartText(summary, table)


def measure_cells(mix: pl.DataFrame, value: str, value_label: str) -> ChartText:
    """District × measure type (the heatmap): the largest and smallest cell."""
    kind = "int" if value == "n_projects" else "eur"
    frame = mix.sort("district_ags", "measure_type").with_columns(
        pl.concat_str(
            pl.col("district_name"), pl.lit(" – "), pl.col("measure_name").fill_null(labels.MISSING)
        ).alias("cell")
    )
    summary = _extremes(frame, "cell", value, kind)
    table = _table(
        frame,
        {
            "district_name": (labels.FILTER_DISTRICT, "text"),
            "measure_name": (labels.FILTER_MEASURE, "text"),
            value: (value_label, kind),
        },
    )
    return ChartText(summary, table)


def district_series(
    series: pl.DataFrame,
    metric: str,
    average_column: str,
    title: str,
    incomplete: pl.DataFrame | None = None,
) -> ChartText:
    """Chosen districts over the years: each one's first and last value and the change between;
    the years marked incomplete in the chart (``charts.incomplete_years``: not every district
    has an agreement) are named with their coverage, and each table row says its year's."""
    sentences = []
    for (name,), rows in series.sort("year").group_by("district_name", maintain_order=True):
        values = rows.filter(pl.col(metric).is_not_null())
        if values.is_empty():
            continue
        first, last = values.row(0, named=True), values.row(-1, named=True)
        pct = (float(last[metric]) / float(first[metric]) - 1.0) * 100 if first[metric] else None
        sentences.append(
            labels.SUMMARY_SERIES.format(
                name=name,
                first_year=first["year"],
                first=labels.format_by_kind(first[metric], "eur"),
                last_year=last["year"],
                last=labels.format_by_kind(last[metric], "eur"),
                pct=labels.format_pct(pct, signed=True),
            )
        )
    gaps = (
        incomplete.filter(pl.col("year").is_in(series["year"].unique().to_list()))
        if incomplete is not None
        else None
    )
    coverage = {} if gaps is None else dict(zip(gaps["year"], gaps["Abdeckung"], strict=True))
    table = _table(
        series.sort("district_name", "year").with_columns(
            pl.col("year")
            .replace_strict(coverage, default=labels.OV_COMPLETE, return_dtype=pl.String)
            .alias("coverage"),
            pl.col("year").cast(pl.String),
        ),
        {
            "district_name": (labels.FILTER_DISTRICT, "text"),
            "year": (labels.FILTER_YEAR, "text"),
            metric: (title, "eur"),
            average_column: (labels.STATE_AVERAGE, "eur"),
            "coverage": (labels.OV_COVERAGE_TITLE, "text"),
        },
    )
    summary = " ".join(sentences) or labels.SUMMARY_NO_VALUES
    if coverage:
        summary += " " + labels.SUMMARY_INCOMPLETE_YEARS.format(
            years=", ".join(f"{year} ({text})" for year, text in coverage.items())
        )
    return ChartText(summary, table)


def reconciliation(totals: pl.DataFrame) -> ChartText:
    """Agreed / approved / used per district (long form): the sum of each series and the district
    with the largest approved amount."""
    sums = [
        labels.SUMMARY_SERIES_SUM.format(
            series=series,
            total=labels.format_eur(totals.filter(pl.col("series") == series)["value"].sum()),
        )
        for series in labels.SI_SERIES.values()
        if totals.filter(pl.col("series") == series).height
    ]
    summary = "; ".join(sums) + "." if sums else labels.SUMMARY_NO_VALUES
    approved = totals.filter(pl.col("series") == labels.SI_SERIES["approved_eur"])
    if approved.height:
        top = approved.sort("value", descending=True).row(0, named=True)
        summary += " " + labels.SUMMARY_TOP_APPROVED.format(
            name=top["district_name"], value=labels.format_eur(top["value"])
        )
    table = _table(
        totals.sort("district_name", "series"),
        {
            "district_name": (labels.FILTER_DISTRICT, "text"),
            "series": ("Reihe", "text"),
            "value": ("Betrag", "eur"),
        },
    )
    return ChartText(summary, table)


def completeness(status: pl.DataFrame) -> ChartText:
    """Districts × years by what has arrived: how many pairs are in each state."""
    counts = status.group_by("Status").len()
    by_status = dict(zip(counts["Status"].to_list(), counts["len"].to_list(), strict=True))
    summary = labels.SUMMARY_COMPLETENESS.format(
        n=status.height,
        parts="; ".join(
            f"{name}: {by_status.get(name, 0)}" for name in labels.DQ_STATUS_LABELS.values()
        ),
    )
    table = _table(
        status.with_columns(pl.col("year").cast(pl.String)),
        {
            "district_name": (labels.FILTER_DISTRICT, "text"),
            "year": (labels.FILTER_YEAR, "text"),
            "Status": ("Stand", "text"),
        },
    )
    return ChartText(summary, table)


def money_by_year(money: pl.DataFrame) -> ChartText:
    """Euros per measure type and year (stacked bars): the largest type of the latest year."""
    latest = money.filter(pl.col("year") == money["year"].max()) if money.height else money
    summary = (
        _extremes(latest, "measure_name", "measure_amount_eur", "eur") if latest.height else ""
    )
    table = _table(
        money.sort("year", "measure_type"),
        {
            "year": (labels.FILTER_YEAR, "int"),
            "measure_name": (labels.FILTER_MEASURE, "text"),
            "measure_amount_eur": ("Euro", "eur"),
            "share_of_year": ("Anteil an den Euro", "share"),
        },
    )
    return ChartText(summary, table)


def money_share(money_year: pl.DataFrame) -> ChartText:
    """Share of one year's euros per measure type."""
    summary = _extremes(money_year, "measure_name", "share_of_year", "share")
    table = _table(
        money_year,
        {
            "measure_name": (labels.FILTER_MEASURE, "text"),
            "measure_amount_eur": ("Euro", "eur"),
            "share_of_year": ("Anteil an den Euro", "share"),
        },
    )
    return ChartText(summary, table)
