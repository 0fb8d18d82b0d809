"""The briefing PDF from the snapshot the real ingest published: ``aqb briefing`` writes A4
pages with real text; poppler renders every page to an image and extracts its text; the figures
in it equal the warehouse's (recomputed here in SQL from the district rows) and the dashboard's
(the Überblick metric), for a year in which a district has no agreement."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from dashboards import labels
from pipelines.cli import main
from pipelines.exports import locate_snapshot
from tests.support.apptest import run_app_page

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) missing: bash scripts/setup.sh installs it",
)
A4_POINTS = (595, 842)


@pytest.fixture
def pipeline_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """The snapshot the real Dagster ingest of the sample corpus published."""
    settings, _summary, _manifest = request.getfixturevalue("ingested")
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(settings.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(settings.archive_dir))
    ref = locate_snapshot(settings.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        yield ref, connection


def _text(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, non-breaking spaces as spaces."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.replace("\u00a0", " ")


def _render(pdf: Path, folder: Path) -> list[Path]:
    """Every page rendered to PNG by pdftoppm (fails on a broken PDF)."""
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page*.png"))


def _page_size(pdf: Path) -> tuple[int, int]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    line = next(row for row in info.stdout.splitlines() if row.startswith("Page size:"))
    width, height = line.split(":", 1)[1].split("pts")[0].split("x")
    return round(float(width)), round(float(height))


def _eur(value) -> str:
    return labels.format_eur(value).replace("\u00a0", " ")


def _briefing(tmp_path: Path, *arguments: str) -> Path:
    out = tmp_path / "briefing.pdf"
    assert main(["briefing", *arguments, "--out", str(out)]) == 0
    return out


def _missing_year(connection) -> tuple[int, str, str]:
    """The latest year with a missing district that has a previous year to compare with."""
    return connection.execute(
        """SELECT s.year, d.district_ags, d.district_name FROM mart_state_year AS s
           JOIN mart_district_year AS d ON d.year = s.year AND NOT d.has_agreement
           WHERE s.year > (SELECT min(year) FROM mart_state_year)
           ORDER BY s.year DESC, d.district_ags LIMIT 1"""
    ).fetchone()


def test_state_briefing_figures_equal_the_warehouse(pipeline_env, tmp_path: Path) -> None:
    ref, connection = pipeline_env
    year, _ags, missing_name = _missing_year(connection)
    pdf = _briefing(tmp_path, "--year", str(year))
    pages = _render(pdf, tmp_path)
    assert 1 <= len(pages) <= 4 and all(page.stat().st_size > 2_000 for page in pages)
    assert _page_size(pdf) == A4_POINTS
    text = _text(pdf)
    # recomputed from the district rows, not read from mart_state_year
    total, n_with, comparable_now, comparable_prev = connection.execute(
        """SELECT sum(c.budget_total_eur), count(c.budget_total_eur),
                  sum(c.budget_total_eur) FILTER (WHERE p.has_agreement AND c.has_agreement),
                  sum(p.budget_total_eur) FILTER (WHERE p.has_agreement AND c.has_agreement)
           FROM mart_district_year AS c
           JOIN mart_district_year AS p ON p.district_ags = c.district_ags AND p.year = c.year - 1
           WHERE c.year = ?""",
        [year],
    ).fetchone()
    assert f"Briefing AQB {year}" in text
    assert _eur(total) in text
    assert f"Summe über {n_with} von 26 Kreisen" in " ".join(text.split())
    assert labels.format_signed_eur(comparable_now - comparable_prev).replace("\u00a0", " ") in text
    assert _eur(comparable_prev) in text and _eur(comparable_now) in text
    assert missing_name in text
    assert "Beispieldaten" in text
    assert ref.snapshot_id[:20] in text.replace("\n", "")
    assert "(Europe/Berlin)" in text
    # money by measure type in euros for the year, as the mart holds it
    for (amount,) in connection.execute(
        "SELECT sum(measure_amount_eur) FROM mart_measure_money WHERE year = ? "
        "GROUP BY measure_type ORDER BY measure_type",
        [year],
    ).fetchall():
        assert _eur(amount) in text
    # sources: the file name of an agreement of the year
    (source_name,) = connection.execute(
        "SELECT min(source_name) FROM mart_district_year WHERE year = ? AND has_agreement",
        [year],
    ).fetchone()
    assert source_name in text.replace("\n", "")


def test_dashboard_shows_the_briefings_headline(pipeline_env, tmp_path: Path) -> None:
    _ref, connection = pipeline_env
    year, _ags, _name = _missing_year(connection)
    app = run_app_page("ueberblick", {"jahr": str(year)})
    assert not app.exception
    total = app.metric[0]
    text = _text(_briefing(tmp_path, "--year", str(year)))
    assert total.value.replace("\u00a0", " ") in text
    assert total.delta.split(" (")[0].replace("\u00a0", " ") in text  # the like-for-like change
    assert any(button.key == f"briefing_{year}_hessen" for button in app.get("download_button"))


def test_district_briefing_marks_the_missing_year(pipeline_env, tmp_path: Path) -> None:
    _ref, connection = pipeline_env
    year, ags, name = _missing_year(connection)
    pdf = _briefing(tmp_path, "--year", str(year), "--district", ags)
    assert 1 <= len(_render(pdf, tmp_path)) <= 2
    text = " ".join(_text(pdf).split())  # a long title wraps onto two lines
    assert f"{name} ({ags})" in text
    assert f"Ohne Zielvereinbarung in: {year}" in text
    (budget,) = connection.execute(
        "SELECT budget_total_eur FROM mart_district_year WHERE district_ags = ? AND year = ?",
        [ags, year - 1],
    ).fetchone()
    assert budget is not None


@pytest.mark.parametrize(
    "arguments",
    [
        ["--year", "1990"],
        ["--year", "2024", "--district", "6431"],
        ["--year", "2024", "--district", "06999"],
    ],
)
def test_briefing_refuses_unknown_year_or_district(
    pipeline_env, tmp_path: Path, arguments: list[str], capsys
) -> None:
    assert main(["briefing", *arguments, "--out", str(tmp_path / "x.pdf")]) == 1
    assert "aqb briefing:" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
