"""A scan read unsure holds its reading for review (issue 16, ``pipelines.parse.held``): a named
reviewer compares it with the scan on the Prüfaufgaben page and releases exactly that reading;
the next ingest stores it marked "aus Scan gelesen" without reading a page again, the audit
names who and why, and a revoke sends the document back to quarantine."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.cli import main
from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.publish.snapshot import current_snapshot
from pipelines.review.accounts import add_local_account
from pipelines.review.log import read_log
from tests.support import scans
from tests.support.agreements import make_agreement
from tests.support.apptest import main_module_kept, run_app_page
from tests.support.settings_env import use_settings

PASSWORD = "korrekt-pferd-batterie"
# the scan of 2023 filed under 2022: the year read contradicts the file name, so it is unsure
SCAN_NAME = "zielvereinbarung_2022_bergstrasse.pdf"
DISTRICT_YEARS = (
    "SELECT year, from_scan FROM mart_district_year WHERE district_ags = '06431' AND has_agreement"
    " ORDER BY year"
)
NAME_FIELD = "review_release_name_"
CORRECTED_NAME = "Berichtigter Projektname"
REASON = "Jahr 2023 auf dem Scan geprüft; Dateiname falsch"


@pytest.fixture(autouse=True)
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AQB_OCR", "1")


def _warehouse(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _snapshot(settings: Settings, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        return snapshot.execute(sql, list(params)).fetchall()


def _release_on_the_page() -> list[str]:
    """Sign in, pick the held scan, check its reading and release it; the rows it showed."""
    with main_module_kept():
        return _release(run_app_page("pruefaufgaben"))


def _source_lines(year: int) -> list[str]:
    """Kreisprofil's source lines (name, hash, page/line, reader, review note) for Bergstraße."""
    with main_module_kept():
        app = run_app_page("kreisprofil", {"kreis": "06431", "jahr": str(year)})
        return [block.value for block in app.markdown if "SHA-256" in block.value]


def _release(app: AppTest) -> list[str]:
    app.text_input(key="aqb_login_user").input("anna")
    app.text_input(key="aqb_login_password").input(PASSWORD)
    next(b for b in app.button if b.label == "Anmelden").click().run()
    pick = app.selectbox(key="review_quarantine_pick")
    pick.set_value(next(o for o in pick.options if SCAN_NAME in str(o))).run()
    assert not app.exception, [error.value for error in app.exception]
    (reading,) = [f.value for f in app.dataframe if "Gelesener Wert" in f.value.columns]
    shown = [
        f"{row['Feld']}={row['Gelesener Wert']}{' (unsicher)' if row['Unsicher gelesen'] else ''}"
        for row in reading.to_dict("records")
    ]
    first_name = next(box for box in app.text_input if box.key.startswith(NAME_FIELD))
    first_name.input(CORRECTED_NAME)
    app.text_area(key="review_release_reason").input(REASON)
    app.button(key="review_release_submit").click().run()
    assert not app.exception, [error.value for error in app.exception]
    assert not app.error, [error.value for error in app.error]
    assert any("Entscheidung gespeichert" in success.value for success in app.success)
    return shown


def test_a_released_reading_lands_marked_and_a_revoke_holds_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "zielvereinbarung_2024_bergstrasse.txt").write_text(
        make_agreement(2024), encoding="utf-8"
    )
    scan = scans.scan_text(scans.wrap_text(make_agreement(2023)), seed=12)
    (inbox / SCAN_NAME).write_bytes(scan)
    settings = Settings.rooted_at(tmp_path / "run", inbox)
    use_settings(settings, monkeypatch, reviewer="anna", password=PASSWORD)
    run_ingest(settings)
    ((sha256, code, reading_hash, held),) = _warehouse(
        settings, "SELECT sha256, reason_code, reading_hash, held_reading FROM quarantine"
    )
    assert code == "scan_unsure" and len(reading_hash) == 64
    fields = {(item["field"], item["index"]): item["value"] for item in json.loads(held)}
    assert fields[("year", "")] == "2023"
    assert fields[("budget_total_eur", "")] == "1230450.00"
    assert _warehouse(settings, "SELECT year FROM agreements ORDER BY year") == [(2024,)]

    # a release must name the reading the reviewer saw: another hash is refused
    add_local_account(settings.accounts_file, "anna", "reviewer", PASSWORD)
    assert main(["review", "release", sha256, "0" * 64, "--reason", REASON]) == 1
    # names only: a figure is never corrected on release
    budget = ["--name", "budget_total_eur:=1.230.450"]
    assert main(["review", "release", sha256, reading_hash, *budget, "--reason", REASON]) == 1
    assert not settings.review_log.exists()

    shown = _release_on_the_page()
    assert "Haushaltsjahr=2023" in shown and "Budget=1.230.450,00 €" in shown
    # the page marks exactly the names the reading stored as read unsure
    marked = [item["value"] for item in json.loads(held) if item["unsure"]]
    assert [row for row in shown if row.endswith(" (unsicher)")] == [
        f"Projekt={name} (unsicher)" for name in marked
    ]
    (release,) = read_log(settings.review_log).records
    assert (release.kind, release.reviewer, release.target) == (
        "release",
        "anna",
        {"sha256": sha256, "reading_hash": reading_hash},
    )
    # the first project's name was corrected on the page: the log keeps it and the name as read
    ((key, name),) = release.payload["corrections"].items()
    assert (key, name) == ("project:1.1", CORRECTED_NAME)
    assert release.previous["names_as_read"] == {key: fields[("project", "1.1")]}

    read_at = [path.stat().st_mtime_ns for path in scans.ocr_cache_files(scan, True)]
    run_ingest(settings)
    assert [path.stat().st_mtime_ns for path in scans.ocr_cache_files(scan, True)] == read_at
    stored = _warehouse(settings, "SELECT year, budget_total_eur, from_scan FROM agreements")
    assert sorted(stored) == [(2023, 1230450, True), (2024, 1230450, False)]
    projects = _warehouse(
        settings,
        "SELECT p.project_name FROM agreement_projects AS p JOIN agreements AS a USING (sha256)"
        " WHERE a.year = 2023 AND p.measure_type = 1 ORDER BY p.position",
    )
    assert projects[0] == (CORRECTED_NAME,)
    assert [name for (name,) in projects[1:]] == [
        item["value"] for item in json.loads(held) if item["field"] == "project"
    ][1 : len(projects)]
    assert _warehouse(settings, "SELECT count(*) FROM quarantine") == [(0,)]
    assert _warehouse(
        settings, "SELECT status, released_by FROM parse_results WHERE reading_hash IS NOT NULL"
    ) == [("ok", release.review_id)]
    assert _snapshot(settings, DISTRICT_YEARS) == [
        (2023, True),
        (2024, False),
    ]
    ((status, note),) = _snapshot(
        settings, "SELECT review_status, review_note FROM mart_documents WHERE sha256 = ?", sha256
    )
    assert status == "Scan-Lesung freigegeben"
    assert note.startswith("Scan-Lesung nach Prüfung freigegeben (1 Name berichtigt) von anna am ")
    assert note.endswith(f": {REASON}")
    (source,) = [line for line in _source_lines(2023) if "SHA" in line and sha256[:12] in line]
    assert "aus Scan gelesen von tesseract" in source
    assert "Scan\\-Lesung nach Prüfung freigegeben \\(1 Name berichtigt\\) von anna" in source

    # revoked from the command line: the reading is held again, nothing of it stays published
    assert main(["review", "revoke", release.review_id, "--reason", "doch unklar"]) == 0
    capsys.readouterr()
    run_ingest(settings)
    assert _warehouse(settings, "SELECT year FROM agreements ORDER BY year") == [(2024,)]
    assert _warehouse(settings, "SELECT sha256, reading_hash FROM quarantine") == [
        (sha256, reading_hash)
    ]
    assert _snapshot(
        settings,
        "SELECT year FROM mart_district_year WHERE district_ags = '06431' AND has_agreement"
        " ORDER BY year",
    ) == [(2024,)]
