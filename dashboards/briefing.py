"""The briefing PDF: an A4 handout in German for leadership, statewide (at most 4 pages) or for
one district (at most 2 pages), from the published snapshot.

Every figure comes from ``dashboards.figures`` and the export tables, the same functions the
pages use, so paper and screen show the same numbers. Text is real PDF text (searchable, numbers
copyable) in DejaVu Sans, a TrueType font with € and umlauts from Debian's fonts-dejavu-core;
charts are drawn with fpdf2's own lines and rectangles, nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dashboards import figures, labels
from pipelines.exports import ExportFilters, build_table, read_snapshot_info

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT = "DejaVu"
MAX_PAGES = {"state": 4, "district": 2}
# Okabe & Ito, as in the dashboard's charts (dashboards/charts.py)
PALETTE = ((0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167))
PALE = (157, 195, 230)
FLAG_COLUMNS = (
    "flag_approved_above_agreed",
    "flag_decision_without_agreement",
    "flag_agreement_without_decision",
    "flag_measure_not_in_agreement",
)
MAX_FLAG_LINES = {"state": 18, "district": 8}


class FontMissingError(RuntimeError):
    """DejaVu Sans is not installed (Debian package fonts-dejavu-core, see scripts/setup.sh)."""


def font_path(style: str) -> Path:
    """The DejaVu file for ``style`` ('' or 'B') from the system's font folder."""
    for folder in FONT_DIRS:
        path = folder / FONT_FILES[style]
        if path.is_file():
            return path
    raise FontMissingError(
        "DejaVu Sans not found: install Debian's fonts-dejavu-core (bash scripts/setup.sh)"
    )


@dataclass(frozen=True)
class Scope:
    """What the briefing covers: a year, and one district or the whole state."""

    year: int
    district: str | None = None

    @property
    def kind(self) -> str:
        return "state" if self.district is None else "district"

    @property
    def districts(self) -> tuple[str, ...]:
        return () if self.district is None else (self.district,)


class _Document(FPDF):
    """A4 portrait with the snapshot's "Stand" and page numbers in every footer."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        for style in FONT_FILES:
            self.add_font(FONT, style, str(font_path(style)))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(labels.BRIEFING_TITLE_STATE)
        self.set_lang("de-DE")
        self.set_creator(labels.APP_TITLE)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"{self.footer_text} · Seite {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def plain(text: str) -> str:
    """Markdown emphasis of the page sentences removed for print."""
    return text.replace("**", "")


class BriefingWriter:
    """Builds one briefing page by page; each ``section_*`` method draws one block."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, snapshot_id: str, scope: Scope):
        self.connection = connection
        self.scope = scope
        self.snapshot_id = snapshot_id
        self.info = read_snapshot_info(connection)
        self.stand = labels.BRIEFING_STAND.format(
            published=labels.format_utc_datetime(self.info.get("published_at")),
            snapshot_id=snapshot_id,
        )
        self.pdf = _Document(self.stand)
        self.pdf.alias_nb_pages()
        self.pdf.add_page()

    # --- text helpers ---------------------------------------------------------------------
    def heading(self, text: str, size: float = 12) -> None:
        if self.pdf.will_page_break(30):  # a heading never stands alone at the foot of a page
            self.pdf.add_page()
        self.pdf.ln(2)
        self.pdf.set_font(FONT, "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1)

    def paragraph(self, text: str, size: float = 9) -> None:
        self.pdf.set_font(FONT, "", size)
        self.pdf.multi_cell(
            0, size * 0.48, plain(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.pdf.ln(1)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str],
        size: float = 8,
    ) -> None:
        """A plain ruled table; numbers right-aligned, one format per column."""
        pdf = self.pdf
        pdf.set_font(FONT, "B", size)
        pdf.set_fill_color(230, 236, 245)
        for text, width, side in zip(header, widths, align, strict=True):
            pdf.cell(width, size * 0.55, text, border="B", align=side, fill=True)
        pdf.ln()
        pdf.set_font(FONT, "", size)
        for row in rows:
            if pdf.will_page_break(size * 0.55):
                pdf.add_page()
            for text, width, side in zip(row, widths, align, strict=True):
                pdf.cell(width, size * 0.5, _fit(pdf, text, width), align=side)
            pdf.ln()
        pdf.ln(2)

    def banner(self) -> None:
        """The "Beispieldaten" warning when the snapshot comes from the synthetic corpus."""
        if not self.info.get("is_sample"):
            return
        pdf = self.pdf
        pdf.set_fill_color(255, 243, 205)
        pdf.set_draw_color(230, 159, 0)
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(
            0,
            5,
            plain(labels.SAMPLE_BANNER),
            align="L",
            border=1,
            fill=True,
            padding=1.5,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_draw_color(0, 0, 0)
        pdf.ln(2)

    def title(self, text: str) -> None:
        self.pdf.set_font(FONT, "B", 16)
        self.pdf.multi_cell(0, 8, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_font(FONT, "", 9)
        self.pdf.set_text_color(70, 70, 70)
        self.pdf.multi_cell(0, 4.5, self.stand, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_text_color(0, 0, 0)
        self.pdf.ln(2)
        self.banner()

    def figures_row(self, items: Sequence[tuple[str, str, str]]) -> None:
        """Headline figures side by side: label, value, a small line below."""
        pdf = self.pdf
        width = (pdf.w - pdf.l_margin - pdf.r_margin) / len(items)
        top = pdf.get_y()
        for index, (label, value, note) in enumerate(items):
            x = pdf.l_margin + index * width
            pdf.set_xy(x, top)
            pdf.set_font(FONT, "", 8)
            pdf.cell(width - 2, 4, label)
            pdf.set_xy(x, top + 4.5)
            pdf.set_font(FONT, "B", 13)
            pdf.cell(width - 2, 6.5, value)
            pdf.set_xy(x, top + 11.5)
            pdf.set_font(FONT, "", 7.5)
            pdf.multi_cell(width - 3, 3.4, note, align="L")
        pdf.set_xy(pdf.l_margin, top + 20)

    # --- charts ----------------------------------------------------------------------------
    def bar_chart(
        self,
        categories: Sequence[str],
        stacks: Sequence[Sequence[float]],
        colours: Sequence[tuple[int, int, int]],
        *,
        notes: Sequence[str] = (),
        pale: Sequence[bool] = (),
        height: float = 48,
    ) -> None:
        """Vertical (stacked) bars in euros with a German-formatted axis; ``pale`` bars are
        drawn lighter with their ``notes`` above (years that lack districts)."""
        pdf = self.pdf
        if pdf.will_page_break(height + 10):
            pdf.add_page()
        left, top = pdf.l_margin + 22, pdf.get_y() + 3
        width = pdf.w - pdf.r_margin - left
        totals = [sum(stack) for stack in stacks] or [0]
        peak = _nice_ceiling(max(totals))
        pdf.set_font(FONT, "", 6.5)
        pdf.set_draw_color(200, 200, 200)
        for step in range(5):
            value = peak * step / 4
            y = top + height - height * step / 4
            pdf.line(left, y, left + width, y)
            pdf.set_xy(pdf.l_margin, y - 1.5)
            pdf.cell(21, 3, labels.format_eur(value), align="R")
        pdf.set_draw_color(0, 0, 0)
        slot = width / max(len(categories), 1)
        for index, (category, stack) in enumerate(zip(categories, stacks, strict=True)):
            x = left + index * slot + slot * 0.15
            base = top + height
            for part, colour in zip(stack, colours, strict=False):
                bar = height * part / peak if peak else 0
                shade = PALE if (pale and pale[index]) else colour
                pdf.set_fill_color(*shade)
                if bar > 0:
                    pdf.rect(x, base - bar, slot * 0.7, bar, style="F")
                base -= bar
            if notes and notes[index]:
                pdf.set_xy(x - slot * 0.2, base - 3.5)
                pdf.cell(slot * 1.1, 3, notes[index], align="C")
            pdf.set_xy(left + index * slot, top + height + 0.8)
            pdf.cell(slot, 3, category, align="C")
        pdf.set_xy(pdf.l_margin, top + height + 5)

    def legend(self, names: Sequence[str], colours: Sequence[tuple[int, int, int]]) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", 7)
        x = pdf.l_margin
        y = pdf.get_y()
        for name, colour in zip(names, colours, strict=False):
            text_width = pdf.get_string_width(name) + 8
            if x + text_width > pdf.w - pdf.r_margin:
                x, y = pdf.l_margin, y + 4
            pdf.set_fill_color(*colour)
            pdf.rect(x, y + 0.6, 3, 3, style="F")
            pdf.set_xy(x + 4, y)
            pdf.cell(text_width - 4, 4, name)
            x += text_width
        pdf.set_xy(pdf.l_margin, y + 6)

    # --- sections --------------------------------------------------------------------------
    def section_state_headline(self, state_years: pl.DataFrame) -> dict[str, Any]:
        year = self.scope.year
        row = state_years.filter(pl.col("year") == year).row(0, named=True)
        change = labels.MISSING
        if row["lfl_change_eur"] is not None:
            change = labels.format_signed_eur(row["lfl_change_eur"])
        self.figures_row(
            (
                (
                    labels.OV_STATE_TOTAL.format(year=year),
                    labels.format_eur(row["budget_total_eur"]),
                    labels.OV_OF_N.format(
                        n=row["n_districts_with_agreement"], total=row["n_districts"]
                    )
                    + " Kreise",
                ),
                (
                    labels.BRIEFING_LFL_CHANGE,
                    change,
                    labels.format_pct(row["lfl_change_pct"], signed=True)
                    + f", {row['n_districts_comparable']} Kreise in beiden Jahren",
                ),
                (
                    labels.OV_DISTRICTS_DECISIONS,
                    labels.OV_OF_N.format(
                        n=row["n_districts_with_decisions"], total=row["n_districts"]
                    ),
                    "",
                ),
                (labels.OV_PROJECTS, labels.format_number(row["n_projects"]), ""),
            )
        )
        for line in figures.coverage_text(row):
            self.paragraph(line)
        return row

    def section_state_chart(self, state_years: pl.DataFrame) -> None:
        self.heading(labels.OV_TOTAL_CHART)
        incomplete = [
            n < total
            for n, total in zip(
                state_years["n_districts_with_agreement"], state_years["n_districts"], strict=True
            )
        ]
        self.bar_chart(
            [str(year) for year in state_years["year"]],
            [[float(value or 0)] for value in state_years["budget_total_eur"]],
            [PALETTE[0]],
            notes=[
                f"{n} von {total}" if flag else ""
                for n, total, flag in zip(
                    state_years["n_districts_with_agreement"],
                    state_years["n_districts"],
                    incomplete,
                    strict=True,
                )
            ],
            pale=incomplete,
        )
        if any(incomplete):
            self.paragraph(labels.BRIEFING_PALE_NOTE, size=7.5)

    def section_money(self, scope_name: str) -> None:
        money = figures.measure_money(self.connection, self.scope.districts)
        sources = figures.measure_money_sources(self.connection, self.scope.districts)
        self.heading(labels.MONEY_CHART.format(scope=scope_name))
        if money.is_empty():
            self.paragraph(labels.MONEY_NO_SOURCE.format(year=self.scope.year))
            return
        years = sorted(money["year"].unique().to_list())
        types = sorted(money["measure_type"].unique().to_list())
        names = dict(zip(money["measure_type"], money["measure_name"], strict=False))
        amounts = {
            (row["year"], row["measure_type"]): float(row["measure_amount_eur"] or 0)
            for row in money.iter_rows(named=True)
        }
        colours = [PALETTE[(kind - 1) % len(PALETTE)] for kind in types]
        self.bar_chart(
            [str(year) for year in years],
            [[amounts.get((year, kind), 0.0) for kind in types] for year in years],
            colours,
        )
        self.legend([f"{kind} – {names[kind]}" for kind in types], colours)
        year_rows = money.filter(pl.col("year") == self.scope.year).sort("measure_type")
        if year_rows.height:
            self.table(
                labels.BRIEFING_MONEY_HEADER,
                [
                    (
                        f"{row['measure_type']} – {row['measure_name']}",
                        labels.format_eur(row["measure_amount_eur"]),
                        labels.format_share(row["share_of_year"]),
                        labels.format_eur(row["from_agreements_eur"]),
                        labels.format_eur(row["from_decisions_eur"]),
                    )
                    for row in year_rows.iter_rows(named=True)
                ],
                (62, 30, 18, 32, 32),
                ("L", "R", "R", "R", "R"),
            )
        self.paragraph(figures.money_source_text(sources, self.scope.year), size=8)

    def section_ranking(self) -> None:
        year = self.scope.year
        ranking = build_table(self.connection, "kreisvergleich", ExportFilters(years=(year,))).sort(
            "rank_in_state", nulls_last=True
        )
        self.heading(labels.BRIEFING_RANKING.format(year=year))
        self.table(
            labels.BRIEFING_RANKING_HEADER,
            [
                (
                    labels.format_number(row["rank_in_state"])
                    if row["rank_in_state"]
                    else labels.MISSING,
                    row["district_name"],
                    labels.format_eur(row["budget_total_eur"])
                    if row["budget_total_eur"] is not None
                    else labels.BRIEFING_NO_AGREEMENT_SHORT,
                    labels.format_eur(row["eur_per_inhabitant"], 2),
                    labels.format_signed_eur(row["change_eur"]),
                )
                for row in ranking.iter_rows(named=True)
            ],
            (12, 70, 30, 24, 38),
            ("R", "L", "R", "R", "R"),
            size=7.5,
        )

    def section_flags(self) -> None:
        year = self.scope.year
        self.heading(labels.BRIEFING_FLAGS.format(year=year))
        reconciliation = build_table(
            self.connection,
            "reconciliation",
            ExportFilters(years=(year,), districts=self.scope.districts),
        )
        if reconciliation is None or reconciliation.is_empty():
            self.paragraph(labels.SI_NO_FLAGS)
            return
        lines = flag_lines(reconciliation)
        if not lines:
            self.paragraph(labels.SI_NO_FLAGS)
            return
        limit = MAX_FLAG_LINES[self.scope.kind]
        self.paragraph(labels.BRIEFING_FLAG_COUNT.format(n=len(lines)))
        self.table(
            labels.BRIEFING_FLAG_HEADER,
            [(district, measure, flag) for district, measure, flag in lines[:limit]],
            (62, 50, 62),
            ("L", "L", "L"),
            size=7.5,
        )
        if len(lines) > limit:
            self.paragraph(labels.BRIEFING_FLAG_MORE.format(n=len(lines) - limit), size=7.5)

    def section_sources(self, district_years: pl.DataFrame) -> None:
        year = self.scope.year
        self.heading(labels.BRIEFING_SOURCES.format(year=year))
        rows = district_years.filter((pl.col("year") == year) & pl.col("source_name").is_not_null())
        text = "; ".join(
            labels.BRIEFING_SOURCE_ITEM.format(
                name=row["source_name"],
                page=labels.MISSING if row["source_page"] is None else row["source_page"],
                line=labels.MISSING if row["source_line"] is None else row["source_line"],
            )
            for row in rows.iter_rows(named=True)
        )
        self.paragraph(text or labels.MISSING, size=7)
        self.paragraph(labels.BRIEFING_SOURCE_NOTE, size=7)

    def section_district_headline(self, history: pl.DataFrame) -> None:
        year = self.scope.year
        current = history.filter(pl.col("year") == year)
        row = current.row(0, named=True) if current.height else {}
        change_note = labels.BRIEFING_NO_PREVIOUS
        if row.get("change_eur") is not None:
            change_note = labels.format_pct(row["change_pct"], signed=True) + " zum Vorjahr"
        self.figures_row(
            (
                (
                    labels.KP_BUDGET.format(year=year),
                    labels.format_eur(row.get("budget_total_eur"))
                    if row.get("budget_total_eur") is not None
                    else labels.KV_NO_AGREEMENT,
                    labels.BRIEFING_SIGNED.format(date=labels.format_date(row.get("signed_on"))),
                ),
                (
                    labels.BRIEFING_CHANGE,
                    labels.format_signed_eur(row.get("change_eur")),
                    change_note,
                ),
                (
                    labels.KP_RANK,
                    labels.format_number(row["rank_in_state"])
                    if row.get("rank_in_state")
                    else labels.MISSING,
                    "",
                ),
                (labels.KP_PER_CAPITA, labels.format_eur(row.get("eur_per_inhabitant"), 2), ""),
            )
        )
        missing = history.filter(~pl.col("has_agreement"))["year"].to_list()
        if missing:
            self.paragraph(
                labels.BRIEFING_DISTRICT_MISSING.format(
                    years=", ".join(str(value) for value in missing)
                )
            )

    def section_district_chart(self, history: pl.DataFrame) -> None:
        self.heading(labels.BRIEFING_DISTRICT_CHART)
        ordered = history.sort("year")
        missing = [not value for value in ordered["has_agreement"]]
        self.bar_chart(
            [str(year) for year in ordered["year"]],
            [[float(value or 0)] for value in ordered["budget_total_eur"]],
            [PALETTE[0]],
            notes=[labels.BRIEFING_NO_AGREEMENT_SHORT if flag else "" for flag in missing],
            height=38,
        )

    # --- whole documents -------------------------------------------------------------------
    def state(self) -> None:
        year = self.scope.year
        state_years = figures.state_years(self.connection)
        if year not in state_years["year"].to_list():
            raise ValueError(labels.BRIEFING_NO_YEAR.format(year=year))
        self.title(labels.BRIEFING_TITLE_STATE_YEAR.format(year=year))
        self.section_state_headline(state_years)
        self.section_state_chart(state_years)
        self.section_money(labels.MONEY_SCOPE_STATE)
        self.section_ranking()
        self.section_flags()
        self.section_sources(build_table(self.connection, "kreisvergleich", ExportFilters()))

    def district(self) -> None:
        year, ags = self.scope.year, self.scope.district
        history = build_table(self.connection, "kreisvergleich", ExportFilters(districts=(ags,)))
        if history.is_empty():
            raise ValueError(labels.BRIEFING_NO_DISTRICT.format(ags=ags))
        if year not in history["year"].to_list():
            raise ValueError(labels.BRIEFING_NO_YEAR.format(year=year))
        name = history["district_name"][0]
        self.title(labels.BRIEFING_TITLE_DISTRICT.format(name=name, ags=ags, year=year))
        self.section_district_headline(history)
        self.section_district_chart(history)
        self.section_money(name)
        self.section_flags()
        self.section_sources(history)

    def render(self) -> bytes:
        if self.scope.district is None:
            self.state()
        else:
            self.district()
        pages = self.pdf.pages_count
        if pages > MAX_PAGES[self.scope.kind]:
            raise RuntimeError(f"briefing has {pages} pages, more than allowed")
        return bytes(self.pdf.output())


def flag_lines(reconciliation: pl.DataFrame) -> list[tuple[str, str, str]]:
    """(district, measure type, German flag text) for every set flag, sorted by district."""
    lines = []
    for row in reconciliation.sort("district_ags", "measure_type").iter_rows(named=True):
        for flag in FLAG_COLUMNS:
            if row.get(flag):
                measure = (
                    labels.MISSING
                    if row.get("measure_type") is None
                    else f"{row['measure_type']} – {row.get('measure_name') or ''}".strip(" –")
                )
                lines.append((row["district_name"], measure, labels.header(flag)))
    return lines


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Cut ``text`` with an ellipsis so it fits ``width`` (names never run into the next cell)."""
    text = str(text)
    if pdf.get_string_width(text) <= width - 1:
        return text
    while text and pdf.get_string_width(text + "…") > width - 1:
        text = text[:-1]
    return text + "…"


def _nice_ceiling(value: float) -> float:
    """The next round axis maximum above ``value`` (1, 2, 2.5, 5 × a power of ten)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10.0 * magnitude


def briefing_pdf(
    connection: duckdb.DuckDBPyConnection, snapshot_id: str, year: int, district: str | None
) -> bytes:
    """The briefing as PDF bytes (ValueError with a German sentence for an unknown year or
    district)."""
    return BriefingWriter(connection, snapshot_id, Scope(year=year, district=district)).render()
