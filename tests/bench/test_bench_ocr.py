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
