"""A reviewer un-blocks publishing without touching the inbox: a superseding agreement with an
absurd budget stops the gate; withdrawing it (a decision in the log) publishes again with the
marts exactly as before it arrived; revoking the withdrawal blocks again."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.cli import main
from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.publish.snapshot import current_snapshot
from pipelines.review.accounts import add_local_account, authenticate
from pipelines.review.candidate import candidate_path
from pipelines.review.decide import decide
from tests.support.agreements import make_agreement
from tests.support.settings_env import use_settings

# marts whose content changes by design with every decision or run (the audit, check history)
VOLATILE_MARTS = {"mart_review_decisions", "mart_check_results"}


def _marts(settings: Settings) -> dict[str, pl.DataFrame]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'mart_%'"
            ).fetchall()
        ]
        return {
            name: connection.table(name).pl()
            for name in sorted(names)
            if name not in VOLATILE_MARTS
        }


def _snapshot(settings: Settings, table: str) -> pl.DataFrame:
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        return snapshot.table(table).pl()


def _assert_same_marts(
    before: dict[str, pl.DataFrame], after: dict[str, pl.DataFrame], skip: tuple[str, ...] = ()
) -> None:
    assert before.keys() == after.keys()
    for name, frame in before.items():
        if name in skip:
            continue
        other = after[name]
        shared = [column for column in frame.columns if column in other.columns]
        assert frame.select(shared).equals(other.select(shared)), name


def test_withdrawing_an_absurd_agreement_unblocks_publishing_and_revoke_restores(
    tmp_path: Path, small_inbox: Path
) -> None:
    settings = Settings.rooted_at(tmp_path, small_inbox)
    first = run_ingest(settings)
    assert first.published and first.ok
    before = _marts(settings)

    absurd = small_inbox / "zielvereinbarung_2025_bergstrasse_neu.txt"
    absurd.write_text(make_agreement(2025, budget="99.000.000"), encoding="utf-8")
    blocked = run_ingest(settings)
    assert not blocked.published and blocked.checks_failed >= 1
    assert candidate_path(settings.publish_dir).is_file()  # reviewers see what blocked
    blocked_marts = _marts(settings)

    add_local_account(settings.accounts_file, "anna", "reviewer", "korrekt-pferd-batterie")
    anna = authenticate(settings.accounts_file, "anna", "korrekt-pferd-batterie")
    with duckdb.connect(str(candidate_path(settings.publish_dir)), read_only=True) as candidate:
        versions = candidate.table("mart_agreement_versions").pl()
    absurd_sha = versions.filter(pl.col("is_current") & (pl.col("year") == 2025))["source_sha256"][
        0
    ]
    assert (
        float(versions.filter(pl.col("source_sha256") == absurd_sha)["budget_total_eur"][0]) == 99e6
    )
    withdrawal = decide(
        settings.review_log,
        settings.publish_dir,
        anna,
        "withdraw",
        {"sha256": absurd_sha},
        "Entwurf mit Tippfehler im Budget, vom Kreis zurückgezogen",
    )
    assert withdrawal.previous["original_name"] == absurd.name

    unblocked = run_ingest(settings)
    assert unblocked.published and unblocked.ok, unblocked.failures
    assert absurd.is_file()  # the inbox was not touched
    assert not candidate_path(settings.publish_dir).exists()
    # every figure as before the absurd version arrived; the document list names it (withdrawn)
    # and the inbox protocol lists the file
    _assert_same_marts(before, _marts(settings), skip=("mart_documents", "mart_inbox_entries"))
    documents = _snapshot(settings, "mart_documents")
    row = documents.filter(pl.col("sha256") == absurd_sha).row(0, named=True)
    assert row["review_status"] == "zurückgezogen"  # still archived and listed, marked
    assert "anna" in row["review_note"] and "Tippfehler" in row["review_note"]
    audit = _snapshot(settings, "mart_review_decisions")
    assert audit["review_id"].to_list() == [withdrawal.review_id]
    assert audit["state"].to_list() == ["in Kraft"]

    decide(
        settings.review_log,
        settings.publish_dir,
        anna,
        "revoke",
        {"review_id": withdrawal.review_id},
        "doch gültig",
    )
    again = run_ingest(settings)
    assert not again.published and again.checks_failed >= 1
    _assert_same_marts(blocked_marts, _marts(settings))  # exactly the state before the decision


def test_aqb_review_command_needs_a_reviewer_and_prints_json(
    tmp_path: Path, small_inbox: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    settings = Settings.rooted_at(tmp_path, small_inbox)
    use_settings(settings, monkeypatch)
    assert run_ingest(settings).published
    add_local_account(settings.accounts_file, "lea", "reader", "nur-lesen-bitte")
    add_local_account(settings.accounts_file, "anna", "reviewer", "korrekt-pferd-batterie")
    sha = _snapshot(settings, "mart_documents")["sha256"][0]
    withdraw = ["review", "withdraw", sha, "--reason", "Entwurf"]

    monkeypatch.setenv("AQB_REVIEWER_PASSWORD", "nur-lesen-bitte")
    assert main([*withdraw, "--reviewer", "lea"]) == 3  # a reader cannot decide
    monkeypatch.setenv("AQB_REVIEWER_PASSWORD", "falsch-falsch")
    assert main([*withdraw, "--reviewer", "anna"]) == 3  # wrong password
    assert not settings.review_log.exists()
    monkeypatch.setenv("AQB_REVIEWER_PASSWORD", "korrekt-pferd-batterie")
    assert main(["review", "withdraw", "f" * 64, "--reason", "x", "--reviewer", "anna"]) == 1
    capsys.readouterr()
    assert main([*withdraw, "--reviewer", "anna"]) == 0
    printed = capsys.readouterr().out
    assert '"kind": "withdraw"' in printed and '"reviewer": "anna"' in printed
    with pytest.raises(SystemExit) as usage:
        main(["review", "withdraw", sha])  # no --reason
    assert usage.value.code == 2

    assert os.environ["AQB_REVIEW_LOG"] == str(settings.review_log)
    assert run_ingest(settings).published
    capsys.readouterr()
    assert main(["review", "audit"]) == 0
    audit_lines = capsys.readouterr().out.strip().splitlines()
    assert len(audit_lines) == 1 and '"state": "in Kraft"' in audit_lines[0]
