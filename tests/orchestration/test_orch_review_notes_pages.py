"""A reviewer's correction shows where its figure is shown: after the next ingest, Kreisprofil and
Kreisvergleich print "manuell korrigiert" with who, when and why beside the corrected budget;
the other district-years and years carry no note."""

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

REASON = "Tippfehler im Budget laut Kreis"


def _texts(app) -> list[str]:
    return [text.value for text in app.text]


def test_a_corrected_budget_is_noted_on_kreisprofil_and_kreisvergleich(
    tmp_path: Path, small_inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.rooted_at(tmp_path, small_inbox)
    assert run_ingest(settings).published
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        versions = snapshot.table("mart_agreement_versions").pl()
    row = versions.filter(pl.col("year") == 2025).row(0, named=True)
    add_local_account(settings.accounts_file, "anna", "reviewer", "korrekt-pferd-batterie")
    anna = authenticate(settings.accounts_file, "anna", "korrekt-pferd-batterie")
    decide(
        settings.review_log,
        settings.publish_dir,
        anna,
        "correct",
        {"sha256": row["source_sha256"], "field": "budget_total_eur"},
        REASON,
        {"value": "1300000"},
    )
    assert run_ingest(settings).published

    monkeypatch.setenv("AQB_PUBLISH_DIR", str(settings.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(settings.archive_dir))
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)
    expected_start = (
        f"Hinweis {row['district_name']} 2025: manuell korrigiert (Budget) von anna am "
    )

    profile = run_app_page("kreisprofil", {"kreis": row["district_ags"], "jahr": "2025"})
    notes = [text for text in _texts(profile) if text.startswith("Hinweis ")]
    assert len(notes) == 1, _texts(profile)
    assert notes[0].startswith(expected_start) and notes[0].endswith(f": {REASON}")
    assert any("1.300.000" in metric.value for metric in profile.metric)

    comparison = run_app_page("kreisvergleich", {"jahr": "2025"})
    notes = [text for text in _texts(comparison) if text.startswith("Hinweis ")]
    assert len(notes) == 1 and notes[0].startswith(expected_start), _texts(comparison)
    # the table's note column, beside the budget it affects, as plain text
    (table,) = [
        frame.value for frame in comparison.dataframe if "Manuelle Prüfung" in frame.value.columns
    ]
    headers = list(table.columns)
    assert headers[headers.index("Budget (€)") + 1] == "Manuelle Prüfung", headers
    noted = table[table["Manuelle Prüfung"].notna()]
    assert list(noted["Gebietskörperschaft"]) == [row["district_name"]]
    assert noted["Manuelle Prüfung"].iloc[0].startswith("manuell korrigiert (Budget) von anna am ")
    assert noted["Manuelle Prüfung"].iloc[0].endswith(f": {REASON}")

    earlier = run_app_page("kreisprofil", {"kreis": row["district_ags"], "jahr": "2024"})
    assert not [text for text in _texts(earlier) if text.startswith("Hinweis ")]
