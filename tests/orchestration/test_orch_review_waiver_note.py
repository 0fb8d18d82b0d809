"""A running waiver of a district-year shows in Kreisvergleich's "Manuelle Prüfung" note, as the
corrections do: after the next ingest the mart's review_note and the page's table name it (until
when, who, why, as plain text); a waiver that was revoked or has ended is not named."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.publish.snapshot import current_snapshot
from pipelines.review.accounts import add_local_account, authenticate
from pipelines.review.decide import decide
from tests.support.apptest import run_app_page

RUNNING = "Nachbewilligung <b>bekannt</b> *laut Kreis*"  # markup must stay plain text
BERGSTRASSE = "06431"


def _notes(settings: Settings) -> list[tuple[int, str | None]]:
    """Bergstraße's (year, review_note) rows in the published mart_district_year."""
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        frame = snapshot.table("mart_district_year").pl()
    return (
        frame.filter(pl.col("district_ags") == BERGSTRASSE)
        .select("year", "review_note")
        .sort("year")
        .rows()
    )


def test_a_running_waiver_is_noted_and_a_revoked_or_expired_one_is_not(
    tmp_path: Path, small_inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.rooted_at(tmp_path, small_inbox)
    assert run_ingest(settings).published
    add_local_account(settings.accounts_file, "anna", "reviewer", "korrekt-pferd-batterie")
    anna = authenticate(settings.accounts_file, "anna", "korrekt-pferd-batterie")

    def waive(suite: str, year: int, reason: str, until: str):
        target = {"suite": suite, "year": year, "district_ags": BERGSTRASSE}
        return decide(
            settings.review_log, settings.publish_dir, anna, "waive", target, reason,
            {"until": until},
        )  # fmt: skip

    running = waive("decisions_within_agreement", 2025, RUNNING, "2099-12-31")
    waive("decisions_within_agreement", 2024, "Frist war kurz", "2001-01-01")  # expired
    assert run_ingest(settings).published
    expected = f"Warnung ausgenommen bis 31.12.2099 von anna: {RUNNING}"
    assert _notes(settings) == [(2024, None), (2025, expected)]

    monkeypatch.setenv("AQB_PUBLISH_DIR", str(settings.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(settings.archive_dir))
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)
    comparison = run_app_page("kreisvergleich", {"jahr": "2025"})
    (table,) = [
        frame.value for frame in comparison.dataframe if "Manuelle Prüfung" in frame.value.columns
    ]
    noted = table[table["Manuelle Prüfung"].notna()]
    assert list(noted["Manuelle Prüfung"]) == [expected]
    hints = [text.value for text in comparison.text if text.value.startswith("Hinweis ")]
    assert len(hints) == 1 and hints[0].endswith(f"2025: {expected}"), hints
    assert not [md.value for md in comparison.markdown if "<b>bekannt</b>" in md.value]
    earlier = run_app_page("kreisvergleich", {"jahr": "2024"})
    (table,) = [
        frame.value for frame in earlier.dataframe if "Manuelle Prüfung" in frame.value.columns
    ]
    assert table["Manuelle Prüfung"].isna().all(), table["Manuelle Prüfung"].tolist()

    # revoked: the next ingest drops the note
    decide(
        settings.review_log, settings.publish_dir, anna, "revoke",
        {"review_id": running.review_id}, "irrtümlich ausgenommen",
    )  # fmt: skip
    assert run_ingest(settings).published
    assert _notes(settings) == [(2024, None), (2025, None)]
