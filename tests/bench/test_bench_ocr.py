"""The OCR scenario's corpus sizing (the scenario itself is heavy and runs by hand)."""

from __future__ import annotations

from bench.scenarios.ocr import corpus_years


def test_the_ocr_corpus_has_enough_years_for_the_scans_asked_for() -> None:
    assert corpus_years(1) == (2025, 2025)
    assert corpus_years(40) == (2025, 2025)
    assert corpus_years(51) == (2024, 2025)
    assert corpus_years(200) == (2022, 2025)
