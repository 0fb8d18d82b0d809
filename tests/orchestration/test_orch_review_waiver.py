"""Waivers end to end: a failed warning a reviewer waived shows as waived in the check results
and the ingest summary and keeps exit 0; once the waiver's end date has passed, exit 1."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.publish.snapshot import current_snapshot
from pipelines.review.accounts import add_local_account, authenticate
from pipelines.review.decide import decide
from pipelines.review.log import read_log
from tests.support.agreements import make_agreement


def _snapshot(settings: Settings, table: str) -> pl.DataFrame:
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        return snapshot.table(table).pl()


def test_a_waived_warning_keeps_exit_0_and_an_expired_waiver_makes_exit_1(
    tmp_path: Path, small_inbox: Path, capsys
) -> None:
    from pipelines.commands.ingest_cmd import exit_code, format_summary

    # Bergstraße alone in 2023 is far from the published statewide 27,7 Mio €: a warning.
    (small_inbox / "zielvereinbarung_2023_bergstrasse.txt").write_text(
        make_agreement(2023), encoding="utf-8"
    )
    settings = Settings.rooted_at(tmp_path, small_inbox)
    warned = run_ingest(settings)
    assert warned.published and any(
        "statewide_totals" in s and "2023" in s for s in warned.warnings
    )
    add_local_account(settings.accounts_file, "anna", "reviewer", "korrekt-pferd-batterie")
    anna = authenticate(settings.accounts_file, "anna", "korrekt-pferd-batterie")
    target = {"suite": "statewide_totals", "year": 2023}

    waiver = decide(
        settings.review_log, settings.publish_dir, anna, "waive", target,
        "nur ein Kreis im Testbestand", {"until": "2099-12-31"},
    )  # fmt: skip
    waived = run_ingest(settings)
    assert exit_code(waived) == 0 and not any("2023" in s for s in waived.warnings)
    assert any("ausgenommen bis 31.12.2099 von anna" in s for s in waived.waived)
    assert "Ausgenommen / waived: Prüfung statewide_totals" in format_summary(waived)
    checks = _snapshot(settings, "mart_check_results").filter(
        (pl.col("suite") == "statewide_totals") & (pl.col("year") == 2023)
    )
    assert checks.select("success", "waiver_status", "waived_by").rows() == [
        (False, "waived", "anna")
    ]

    decide(
        settings.review_log, settings.publish_dir, anna, "waive", target,
        "Frist war kurz", {"until": "2001-01-01"},
    )  # fmt: skip
    expired = run_ingest(settings)
    assert exit_code(expired) == 1
    assert any("Ausnahme abgelaufen am 01.01.2001" in s for s in expired.failures)
    audit = _snapshot(settings, "mart_review_decisions") if expired.published else None
    assert waiver.review_id  # the first waiver stays in the log, replaced by the second
    assert len(read_log(settings.review_log).records) == 2
    assert audit is None or audit["state"].to_list() == ["ersetzt", "abgelaufen"]
