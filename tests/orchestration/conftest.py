"""Fixtures for orchestration tests: small inboxes made from the real Bergstraße agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

REFERENCE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "reference"
    / "zielvereinbarung_2025_landkreis_bergstrasse.txt"
)


@pytest.fixture(scope="session")
def agreement_text() -> str:
    if not REFERENCE.is_file():
        pytest.skip(
            f"../shared is absent here, so the real agreement ({REFERENCE}) cannot serve as a template"
        )
    return REFERENCE.read_text(encoding="utf-8")


def agreement_for_year(text: str, year: int, budget: str = "1.230.450") -> str:
    """The real agreement moved to ``year`` (dates too) with ``budget`` as its total."""
    return text.replace("2025", str(year)).replace("1.230.450 Euro", f"{budget} Euro")


@pytest.fixture(scope="session")
def make_agreement(agreement_text: str):
    """``make_agreement(year, budget)`` -> the text of a variant agreement (tests cannot import conftest)."""
    return lambda year, budget="1.230.450": agreement_for_year(agreement_text, year, budget)


@pytest.fixture()
def small_inbox(tmp_path: Path, agreement_text: str) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for year in (2024, 2025):
        (inbox / f"zielvereinbarung_{year}_bergstrasse.txt").write_text(
            agreement_for_year(agreement_text, year), encoding="utf-8"
        )
    return inbox
