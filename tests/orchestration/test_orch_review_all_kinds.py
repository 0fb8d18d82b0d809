"""Every kind of review item decided on the sample corpus, each once from the Prüfaufgaben page
(Streamlit AppTest of the real page) and once from ``aqb review ... `` (JSON, exit codes); the
next real ingest applies them all, in the warehouse and in the published snapshot, and the audit
lists each with who, when, why and what it replaced. Revoking (page and command line) restores
the state before the decision.

The sample corpus has no agreement versions signed the same day; two are added (a second file of
Wiesbaden's and Frankfurt's 2024 agreement with another budget, both kept in the inbox), so a
version conflict can be settled from either side. It has no grant-decision source conflict, so
"settle" is exercised on agreement versions here (source conflicts: test_orch_review_gate and
the warehouse tests).
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.review_page import load_items
from pipelines.cli import main
from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.publish.snapshot import current_snapshot
from pipelines.review.accounts import add_local_account
from pipelines.review.candidate import review_snapshot
from pipelines.review.log import read_log
from tests.support.apptest import run_app_page
from tests.support.settings_env import use_settings

PASSWORD = "korrekt-pferd-batterie"
CONFLICTS = (("06414", "landeshauptstadt_wiesbaden"), ("06412", "stadt_frankfurt_am_main"))
BUDGET = re.compile(rb"insgesamt(\s+)([0-9][0-9.]*)")  # "1.151.600 Euro", "4.224.650,00 €"


def _second_version(inbox: Path, ags: str, slug: str) -> Path:
    """A second 2024 agreement of ``ags`` signed the same day, 100 € more, beside the first."""
    first = inbox / "agreements" / "2024" / f"zielvereinbarung_2024_{ags}_{slug}.txt"
    data = first.read_bytes()
    match = BUDGET.search(data)
    assert match, first
    amount = int(match.group(2).replace(b".", b"")) + 100
    grouped = f"{amount:,}".replace(",", ".").encode()
    second = first.with_name(f"zielvereinbarung_2024_{ags}_{slug}_zweitfassung.txt")
    second.write_bytes(data[: match.start(2)] + grouped + data[match.end(2) :])
    return second


def _env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    use_settings(settings, monkeypatch, reviewer="anna", password=PASSWORD)
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)


def _cli(capsys, *arguments: str, expect: int = 0) -> dict:
    """``aqb review ...``; the exit code, and the decision it printed as JSON."""
    capsys.readouterr()
    assert main(["review", *arguments]) == expect
    out = capsys.readouterr().out.strip()
    return json.loads(out) if expect == 0 else {}


def _page_login() -> AppTest:
    app = run_app_page("pruefaufgaben")
    app.text_input(key="aqb_login_user").input("anna")
    app.text_input(key="aqb_login_password").input(PASSWORD)
    next(b for b in app.button if b.label == "Anmelden").click().run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def _press(app: AppTest, form: str, reason: str) -> None:
    """Fill the reason of ``form`` and submit it; the page must confirm the decision."""
    app.text_area(key=f"{form}_reason").input(reason)
    app.button(key=f"{form}_submit").click().run()
    assert not app.exception, [error.value for error in app.exception]
    assert not app.error, [error.value for error in app.error]
    assert any("Entscheidung gespeichert" in success.value for success in app.success)


def _row_index(frame: pl.DataFrame, **values) -> int:
    for index, row in enumerate(frame.iter_rows(named=True)):
        if all(row[key] == value for key, value in values.items()):
            return index
    raise AssertionError(f"no row {values}")


def _snapshot(settings: Settings, sql: str, params=None) -> pl.DataFrame:
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        return snapshot.sql(sql, params=params or []).pl()


def _warehouse(settings: Settings, sql: str, params=None) -> pl.DataFrame:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        return connection.sql(sql, params=params or []).pl()


def test_every_review_kind_from_page_and_command_line_takes_effect_at_the_next_ingest(
    tmp_path: Path, sample_corpus, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    corpus_dir, _manifest = sample_corpus
    inbox = tmp_path / "inbox"
    shutil.copytree(corpus_dir, inbox)
    for ags, slug in CONFLICTS:
        _second_version(inbox, ags, slug)
    settings = Settings.rooted_at(tmp_path / "run", inbox)
    _env(settings, monkeypatch)
    assert run_ingest(settings).published
    add_local_account(settings.accounts_file, "anna", "reviewer", PASSWORD)
    ref, is_candidate = review_snapshot(settings.publish_dir)
    assert not is_candidate
    items = load_items(ref)

    matches = items["match"]
    match_years = set(zip(matches["district_ags"], matches["year"], strict=True))
    assert matches.height >= 6
    warnings = items["warning"].filter(pl.col("suite") == "decisions_within_agreement")
    assert sorted(warnings["year"].to_list()) == [2016, 2017]
    # the two added same-day versions raise the version-conflict warning; settling clears it
    assert items["warning"].filter(pl.col("suite") == "version_conflicts")["year"].to_list() == [
        2024
    ]
    assert items["quarantine"].height >= 2
    versions = items["version"]
    assert sorted(set(versions["district_ags"])) == sorted(ags for ags, _slug in CONFLICTS)
    documents = items["documents"].filter(
        pl.col("is_current") & ~pl.col("district_ags").is_in([a for a, _s in CONFLICTS])
    )
    documents = documents.filter(
        ~pl.struct("district_ags", "year").map_elements(
            lambda r: (r["district_ags"], r["year"]) in match_years, return_dtype=pl.Boolean
        )
    )
    withdrawn_page, withdrawn_cli = documents.filter(pl.col("year") == 2019).head(2).to_dicts()
    corrected_page = documents.filter(pl.col("year") == 2020).row(0, named=True)
    corrected_cli = documents.filter(pl.col("year") == 2021).row(0, named=True)
    quarantined_page, quarantined_cli = items["quarantine"].head(2).to_dicts()
    # The sample corpus's open matches are all lines without an agreement for their district
    # and year (no suggestion to confirm): the page re-maps and rejects them and refuses a
    # confirmation without a suggestion; the command line confirms a line the matcher linked.
    assert matches["suggested_project_name"].null_count() == matches.height
    page_match = matches.head(3).to_dicts()
    cli_match = matches.slice(3, 2).to_dicts()
    linked = _snapshot(
        settings,
        "SELECT decision_id, line_number, matched_project_name FROM mart_project_matches "
        "WHERE status = 'matched' AND NOT needs_review ORDER BY decision_id, line_number LIMIT 1",
    ).row(0, named=True)
    other_project = "Projekt laut Nachtrag (Seite)"  # a re-map may name any project
    expected: dict[str, tuple[str, str]] = {}  # review_id -> (kind, reason)

    # --- from the page ------------------------------------------------------------------------
    app = _page_login()
    for row, choice, reason in zip(
        page_match,
        ("accept", "reject", "remap"),
        ("Seite: bestätigt", "Seite: keine Zuordnung", "Seite: anderes Projekt"),
        strict=True,
    ):
        app.selectbox(key="review_match_pick").set_value(
            _row_index(matches, decision_id=row["decision_id"], line_number=row["line_number"])
        ).run()
        app.radio(key="review_match_choice").set_value(choice)
        app.text_input(key="review_match_other").input(other_project if choice == "remap" else "")
        if choice == "accept":  # nothing suggested: refused in German, nothing written
            app.text_area(key="review_match_reason").input(reason)
            app.button(key="review_match_submit").click().run()
            assert any("kein Projekt vorgeschlagen" in e.value for e in app.error)
            assert not settings.review_log.exists()
            continue
        _press(app, "review_match", reason)
    app.selectbox(key="review_warning_pick").set_value(
        _row_index(items["warning"], suite="decisions_within_agreement", year=2016)
    ).run()
    _press(app, "review_warning", "Seite: Nachbewilligung 2016 bekannt")
    app.selectbox(key="review_quarantine_pick").set_value(
        _row_index(items["quarantine"], sha256=quarantined_page["sha256"])
    ).run()
    _press(app, "review_quarantine", "Seite: nicht relevant")
    wiesbaden = versions.filter(pl.col("district_ags") == "06414")
    years = versions.select("district_ags", "district_name", "year").unique(maintain_order=True)
    app.selectbox(key="review_version_pick").set_value(
        _row_index(years, district_ags="06414")
    ).run()
    chosen_page = wiesbaden.filter(~pl.col("is_current"))["source_sha256"][0]  # the tie's loser
    app.radio(key="review_version_choice").set_value(chosen_page)
    _press(app, "review_version", "Seite: diese Fassung gilt")
    app.selectbox(key="review_document_pick").set_value(
        _row_index(items["documents"], source_sha256=withdrawn_page["source_sha256"])
    ).run()
    _press(app, "review_document", "Seite: Entwurf, zurückgezogen")
    app.selectbox(key="review_correct_district").set_value(corrected_page["district_ags"]).run()
    app.selectbox(key="review_correct_year").set_value(2020).run()
    labels_in_year = app.selectbox(key="review_correct_document").options
    app.selectbox(key="review_correct_document").set_value(
        next(i for i, label in enumerate(labels_in_year) if corrected_page["source_name"] in label)
    ).run()
    app.selectbox(key="review_correct_field").set_value("budget_total_eur").run()
    new_budget = int(corrected_page["budget_total_eur"]) + 1000
    app.text_input(key="review_correct_value").input(f"{new_budget:,} €".replace(",", "."))
    _press(app, "review_correct", "Seite: Tippfehler im Budget")
    page_records = read_log(settings.review_log).records
    assert [r.kind for r in page_records] == [
        "reject",
        "accept",
        "waive",
        "dismiss",
        "settle",
        "withdraw",
        "correct",
    ]
    assert page_records[1].payload["project_name"] == other_project
    expected.update({r.review_id: (r.kind, r.reason) for r in page_records})

    # --- from the command line ----------------------------------------------------------------
    reject, remap = cli_match
    confirm = linked
    printed = [
        _cli(capsys, "accept", confirm["decision_id"], str(confirm["line_number"]),
             "--reason", "CLI: bestätigt"),
        _cli(capsys, "reject", reject["decision_id"], str(reject["line_number"]),
             "--reason", "CLI: keine Zuordnung"),
        _cli(capsys, "accept", remap["decision_id"], str(remap["line_number"]),
             "--project", "Projekt laut Nachtrag", "--reason", "CLI: anderes Projekt"),
        _cli(capsys, "waive", "decisions_within_agreement", "2017",
             "--until", (date.today() + timedelta(days=30)).strftime("%d.%m.%Y"),
             "--reason", "CLI: Nachbewilligung 2017 bekannt"),
        _cli(capsys, "dismiss", quarantined_cli["sha256"], "--reason", "CLI: nicht relevant"),
        _cli(capsys, "settle", "--district", "06412", "--year", "2024", "--source",
             versions.filter((pl.col("district_ags") == "06412") & ~pl.col("is_current"))[
                 "source_sha256"][0], "--reason", "CLI: diese Fassung gilt"),
        _cli(capsys, "withdraw", withdrawn_cli["source_sha256"], "--reason", "CLI: Entwurf"),
        _cli(capsys, "correct", corrected_cli["source_sha256"], "signed_on",
             (corrected_cli["signed_on"] - timedelta(days=1)).strftime("%d.%m.%Y"),
             "--reason", "CLI: Datum laut Original"),
    ]  # fmt: skip
    assert all(record["reviewer"] == "anna" for record in printed)
    _cli(capsys, "correct", corrected_cli["source_sha256"], "budget_total_eur", "zwölf",
         "--reason", "x", expect=1)  # fmt: skip
    monkeypatch.setenv("AQB_REVIEWER_PASSWORD", "falsch-falsch")
    _cli(capsys, "dismiss", quarantined_cli["sha256"], "--reason", "x", expect=3)
    monkeypatch.setenv("AQB_REVIEWER_PASSWORD", PASSWORD)
    expected.update({r["review_id"]: (r["kind"], r["reason"]) for r in printed})
    assert len(read_log(settings.review_log).records) == 15

    # --- the next ingest applies every decision -----------------------------------------------
    applied = run_ingest(settings)
    assert applied.published, applied.failures
    statuses = {
        (r["decision_id"], r["line_number"]): (r["review_status"], r["matched_project_name"])
        for r in _snapshot(
            settings, "SELECT * FROM mart_project_matches WHERE review_status IS NOT NULL"
        ).iter_rows(named=True)
    }
    key = lambda r: (r["decision_id"], r["line_number"])  # noqa: E731
    assert key(page_match[0]) not in statuses  # the refused confirmation
    assert statuses[key(page_match[1])] == ("manuell abgelehnt", None)
    assert statuses[key(page_match[2])] == ("manuell zugeordnet", other_project)
    assert statuses[key(confirm)] == ("manuell bestätigt", linked["matched_project_name"])
    assert statuses[key(reject)] == ("manuell abgelehnt", None)
    assert statuses[key(remap)] == ("manuell zugeordnet", "Projekt laut Nachtrag")
    assert len(statuses) == 5

    waivers = _snapshot(
        settings,
        "SELECT year, waiver_status, waived_by, waiver_reason FROM mart_check_results "
        "WHERE suite = 'decisions_within_agreement' AND NOT success ORDER BY year",
    )
    assert waivers.rows() == [
        (2016, "waived", "anna", "Seite: Nachbewilligung 2016 bekannt"),
        (2017, "waived", "anna", "CLI: Nachbewilligung 2017 bekannt"),
    ]

    dismissed = _snapshot(
        settings, "SELECT sha256, is_dismissed, reviewer, review_reason FROM mart_quarantine"
    ).filter(pl.col("is_dismissed"))
    assert sorted(dismissed.rows()) == sorted(
        [
            (quarantined_page["sha256"], True, "anna", "Seite: nicht relevant"),
            (quarantined_cli["sha256"], True, "anna", "CLI: nicht relevant"),
        ]
    )

    current = _snapshot(settings, "SELECT * FROM mart_agreement_versions")
    for ags, chosen in (("06414", chosen_page), ("06412", printed[5]["payload"]["sha256"])):
        row = current.filter(pl.col("is_current") & (pl.col("district_ags") == ags)).filter(
            pl.col("year") == 2024
        )
        assert row["source_sha256"].to_list() == [chosen] and row["is_settled"].to_list() == [True]
    assert load_items(review_snapshot(settings.publish_dir)[0])["version"].is_empty()

    withdrawn = {withdrawn_page["source_sha256"], withdrawn_cli["source_sha256"]}
    assert not withdrawn & set(current["source_sha256"])  # out of the marts
    documents_after = _snapshot(settings, "SELECT sha256, review_status FROM mart_documents")
    assert (
        set(documents_after.filter(pl.col("review_status") == "zurückgezogen")["sha256"])
        == withdrawn
    )  # still archived and listed, marked

    corrected = current.filter(pl.col("source_sha256") == corrected_page["source_sha256"]).row(
        0, named=True
    )
    assert int(corrected["budget_total_eur"]) == new_budget
    assert corrected["review_note"].startswith("manuell korrigiert (Budget) von anna am ")
    dated = current.filter(pl.col("source_sha256") == corrected_cli["source_sha256"]).row(
        0, named=True
    )
    assert dated["signed_on"] == corrected_cli["signed_on"] - timedelta(days=1)
    parsed = _warehouse(
        settings,
        "SELECT sha256, parsed_budget_total_eur, parsed_signed_on FROM stg_agreements "
        "WHERE sha256 IN (?, ?)",
        [corrected_page["source_sha256"], corrected_cli["source_sha256"]],
    )
    kept = {row[0]: row[1:] for row in parsed.rows()}
    assert kept[corrected_page["source_sha256"]][0] == corrected_page["budget_total_eur"]
    assert kept[corrected_cli["source_sha256"]][1] == corrected_cli["signed_on"]

    audit = _snapshot(settings, "SELECT * FROM mart_review_decisions ORDER BY log_line")
    assert audit.height == 15
    assert {
        row["review_id"]: (row["kind"], row["reason"]) for row in audit.iter_rows(named=True)
    } == (expected)
    assert set(audit["reviewer"]) == {"anna"} and set(audit["state"]) == {"in Kraft"}
    assert audit["decided_at"].null_count() == 0
    assert audit.filter(pl.col("kind") == "correct")["previous_json"].str.contains('"value"').all()
    budget_previous = json.loads(
        audit.filter(pl.col("review_id") == page_records[6].review_id)["previous_json"][0]
    )
    assert float(budget_previous["value"]) == float(corrected_page["budget_total_eur"])

    # --- revoking, from the page and from the command line, restores the state before ---------
    app = _page_login()
    # inside the form: set without a run, submitted together with the reason
    app.selectbox(key="review_revoke_pick").set_value(printed[1]["review_id"])
    _press(app, "review_revoke", "Seite: Zeile gehört doch dazu")
    assert read_log(settings.review_log).records[-1].target == {
        "review_id": printed[1]["review_id"]
    }
    _cli(capsys, "revoke", page_records[5].review_id, "--reason", "CLI: doch gültig")
    assert run_ingest(settings).published
    restored = _snapshot(
        settings,
        "SELECT review_status FROM mart_project_matches WHERE decision_id = ? AND line_number = ?",
        [reject["decision_id"], reject["line_number"]],
    )
    states = dict(_snapshot(settings, "SELECT review_id, state FROM mart_review_decisions").rows())
    assert states[printed[1]["review_id"]] == "widerrufen"
    assert states[page_records[5].review_id] == "widerrufen"
    assert len(states) == 17
    assert restored["review_status"].to_list() == [None], (reject, printed[1])
    assert withdrawn_page["source_sha256"] in set(
        _snapshot(settings, "SELECT source_sha256 FROM mart_agreement_versions")["source_sha256"]
    )
