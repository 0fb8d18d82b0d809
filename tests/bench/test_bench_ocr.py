"""The OCR scenario: its corpus sizing, and its quick parse-only measure on one scan (the full
scenario, with two ingests, is heavy and runs by hand)."""

from __future__ import annotations

import os

from bench.scenarios.ocr import corpus_years


def test_the_ocr_corpus_has_enough_years_for_the_scans_asked_for() -> None:
    assert corpus_years(1) == (2025, 2025)
    assert corpus_years(40) == (2025, 2025)
    assert corpus_years(51) == (2024, 2025)
    assert corpus_years(200) == (2022, 2025)


def test_parse_only_judges_every_scan_from_its_outcome(tmp_path, monkeypatch) -> None:
    """The quick exactness measure on a corpus with one scan: OCR'd for real, judged against
    the manifest, nothing landing wrong; the OCR cache is filled and the corpus kept, and OCR
    is off again afterwards."""
    from bench.scenarios.ocr import parse_only

    monkeypatch.delenv("AQB_OCR", raising=False)
    figures = parse_only(count=1, seed=7, keep=tmp_path)
    assert "AQB_OCR" not in os.environ
    assert figures["mode"] == "parse_only" and figures["scans"] == 1
    assert sum(figures["counts"].values()) == 1
    assert figures["counts"]["wrong"] == 0 and figures["counts"]["other"] == 0, figures
    assert list((tmp_path / "ocr").glob("*/*.json"))  # the scan's pages were read by OCR
    assert figures["pages_read_by_ocr"] == len(list((tmp_path / "ocr").glob("*/*.json")))
    # judged again from that cache: the same corpus, the same verdicts, no page read again
    again = parse_only(count=1, seed=7, keep=tmp_path / "again", ocr_cache=tmp_path / "ocr")
    assert again["pages_read_by_ocr"] == 0
    assert again["counts"] == figures["counts"]
    # judged once more with the next budget year's names too: the same scan, never wrong
    beside = again["with_next_year"]
    assert sum(beside["counts"].values()) == 1 and beside["counts"]["wrong"] == 0, beside
    assert beside["counts"]["exact"] >= again["counts"]["exact"]


def test_the_next_years_names_are_the_next_years_only(tmp_path) -> None:
    """What the parse-only measure lends a held scan besides its own year: the names the
    district's documents of the year after the corpus's hold, read from a generated corpus
    of those years with the same seed (most projects continue from one year to the next)."""
    from bench.scenarios.ocr import _known_names, _next_year_names
    from pipelines.corpus import generate_corpus

    first, last = corpus_years(1)
    names = _next_year_names(tmp_path / "next", 1, 7)
    assert names and {year for _field, _ags, year in names} == {last + 1}
    fields = {field for field, _ags, _year in names}
    assert fields == {"project", "line_project", "line_provider", "line_measure_type"}
    this_year = tmp_path / "this"
    known = _known_names(this_year, generate_corpus(this_year, (first, last), seed=7))
    continued = [
        name
        for (field, ags, _year), held in known.items()
        if field == "project"
        for name in held
        if name in names.get((field, ags, last + 1), {})
    ]
    projects = sum(len(held) for (field, *_rest), held in known.items() if field == "project")
    assert len(continued) > projects / 2  # most of the year's projects continue
