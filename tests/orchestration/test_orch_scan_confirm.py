"""A scan held on its names alone lands once a document of its district-year with a text layer
or a table holds each of those names (issue 16, ``pipelines.parse.confirm``), through the real
ingest with real OCR: held first, landed exactly as read when RP Kassel's export arrives (from
the OCR cache, no page read again), held again when a reviewer withdraws the export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from bench.scenarios.ocr import corpus_years
from pipelines.cli import main
from pipelines.config import Settings
from pipelines.corpus import generate_corpus
from pipelines.corpus.verify import scan_verdict
from pipelines.orchestration import run_ingest
from pipelines.publish.snapshot import current_snapshot
from pipelines.review.accounts import add_local_account
from tests.support import scans
from tests.support.apptest import main_module_kept, run_app_page
from tests.support.settings_env import use_settings

# the bench's scan corpus of seed 1234 (``bench.scenarios.ocr --seed 1234``): Vogelsbergkreis's
# amendment, scanned at 200 dpi, whose first project both OCR models read right but not surely,
# and the export of all 2025 decisions that holds that project's name
SEED = 1234
SCAN = "decisions/2025/RPKS-57-AQB-2025-06535-02_aenderungsbescheid_scan.pdf"
EXPORT = "exports/foerderdaten_aqb_2025.xlsx"
PASSWORD = "korrekt-pferd-batterie"
CONFIRMED_NOTE = "Unsicher gelesene Namen der Scan-Lesung bestätigt durch"


@pytest.fixture(autouse=True)
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AQB_OCR", "1")
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")


def _warehouse(settings: Settings, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        return connection.execute(sql, list(params)).fetchall()


def _scan_rows(settings: Settings, sha256: str) -> list[tuple]:
    return _warehouse(
        settings,
        "SELECT status, reason, unsure_names, names_confirmed_by FROM parse_results"
        " WHERE sha256 = ?",
        sha256,
    )


def _scan_alone_in_inbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, scan_path: str, **reviewer: str
) -> tuple[Path, dict, Settings]:
    """The bench's scan corpus of ``seed`` and settings whose inbox holds its scan
    ``scan_path`` alone: (corpus folder, manifest files by path, settings)."""
    corpus = tmp_path / "corpus"
    manifest = generate_corpus(
        corpus, years=corpus_years(24), seed=seed, defect_rate=0, scan_count=24
    )
    inbox = tmp_path / "inbox"
    (inbox / "decisions").mkdir(parents=True)
    shutil.copy(corpus / scan_path, inbox / "decisions" / Path(scan_path).name)
    settings = Settings.rooted_at(tmp_path / "run", inbox)
    use_settings(settings, monkeypatch, **reviewer)
    return corpus, manifest.by_path(), settings


def _published_note(settings: Settings, sha256: str) -> str | None:
    """The note the published snapshot's ``mart_documents`` keeps for a document."""
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        ((note,),) = snapshot.execute(
            "SELECT review_note FROM mart_documents WHERE sha256 = ?", [sha256]
        ).fetchall()
    return note


def test_a_scan_held_on_names_lands_when_the_export_holds_them_and_is_held_again_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, files, settings = _scan_alone_in_inbox(
        tmp_path, monkeypatch, SEED, SCAN, reviewer="anna", password=PASSWORD
    )
    scan, export = files[SCAN], files[EXPORT]
    inbox = settings.inbox_dir

    run_ingest(settings)
    ((status, reason, unsure, confirmed_by),) = _scan_rows(settings, scan.sha256)
    assert (status, confirmed_by) == ("quarantined", None), reason
    held = json.loads(unsure)
    assert (held["district_ags"], held["year"]) == ("06535", 2025)
    ((key, name),) = held["names"].items()
    assert (key, name) == ("line_project:1", scan.expected["lines"][0]["project"])

    # the export arrives: its rows hold the name, the scan is parsed again from the OCR cache
    read_at = [
        path.stat().st_mtime_ns for path in scans.ocr_cache_files((corpus / SCAN).read_bytes())
    ]
    shutil.copy(corpus / EXPORT, inbox / Path(EXPORT).name)
    run_ingest(settings)
    after = [
        path.stat().st_mtime_ns for path in scans.ocr_cache_files((corpus / SCAN).read_bytes())
    ]
    assert after == read_at
    ((status, _reason, _unsure, confirmed_by),) = _scan_rows(settings, scan.sha256)
    assert (status, confirmed_by) == ("ok", export.sha256)
    assert _warehouse(
        settings, "SELECT count(*) FROM quarantine WHERE sha256 = ?", scan.sha256
    ) == [(0,)]
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        # stored exactly as the manifest's ground truth, marked as read from a scan
        assert scan_verdict(connection, scan).verdict == "exact"
    note = _published_note(settings, scan.sha256)
    assert note == f"{CONFIRMED_NOTE} foerderdaten_aqb_2025.xlsx"
    # Kreisprofil's source line of the amendment says so beside its hash and reader
    with main_module_kept():
        app = run_app_page("kreisprofil", {"kreis": "06535", "jahr": "2025"})
        (source,) = [block.value for block in app.markdown if scan.sha256[:12] in block.value]
    assert "aus Scan gelesen von tesseract" in source
    assert CONFIRMED_NOTE.replace("-", "\\-") in source

    # a reviewer withdraws the export: nothing confirms the name any more, the scan is held
    add_local_account(settings.accounts_file, "anna", "reviewer", PASSWORD)
    assert main(["review", "withdraw", export.sha256, "--reason", "falsche Datei"]) == 0
    capsys.readouterr()
    run_ingest(settings)
    ((status, _reason, _unsure, confirmed_by),) = _scan_rows(settings, scan.sha256)
    assert (status, confirmed_by) == ("quarantined", None)
    assert _warehouse(settings, "SELECT count(*) FROM decisions WHERE sha256 = ?", scan.sha256) == [
        (0,)
    ]


# the bench's scan corpus of seed 20250802: Landkreis Fulda's first decision, scanned at 200
# dpi, whose third project both models read with a speck for the blank ("Projekt
# Mobile.Jobberatung"), and the export that spells it "Projekt Mobile Jobberatung"
MISREAD_SEED = 20250802
MISREAD_SCAN = "decisions/2025/RPKS-57-AQB-2025-06631-01_zuwendungsbescheid_scan.pdf"


def test_a_name_misread_typically_lands_as_the_export_spells_it_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, files, settings = _scan_alone_in_inbox(
        tmp_path, monkeypatch, MISREAD_SEED, MISREAD_SCAN
    )
    scan, export = files[MISREAD_SCAN], files[EXPORT]
    inbox = settings.inbox_dir

    run_ingest(settings)
    ((status, reason, unsure, _confirmed_by),) = _scan_rows(settings, scan.sha256)
    assert status == "quarantined", reason
    held = json.loads(unsure)
    printed = scan.expected["lines"][2]["project"]
    assert held["names"] == {"line_project:3": "Projekt Mobile.Jobberatung"}
    assert printed == "Projekt Mobile Jobberatung"

    shutil.copy(corpus / EXPORT, inbox / Path(EXPORT).name)
    run_ingest(settings)
    ((status, _reason, _unsure, confirmed_by),) = _scan_rows(settings, scan.sha256)
    assert (status, confirmed_by) == ("ok", export.sha256)
    assert _warehouse(
        settings, "SELECT names_corrected FROM parse_results WHERE sha256 = ?", scan.sha256
    ) == [(json.dumps([["Projekt Mobile.Jobberatung", printed]], ensure_ascii=False),)]
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        # every line stored as the manifest's ground truth, the project as the export spells it
        assert scan_verdict(connection, scan).verdict == "exact"
    note = _published_note(settings, scan.sha256)
    assert note == (
        f"{CONFIRMED_NOTE} foerderdaten_aqb_2025.xlsx; Namen wie dort geschrieben übernommen: "
        f"„{printed}“ (gelesen: „Projekt Mobile.Jobberatung“)"
    )


# the bench's scan corpus of seed 4242: Landkreis Limburg-Weilburg's first decision, scanned at
# 150 dpi, whose third row both models read without its number and measure type ("3%
# Übergangsmanagement Schule-Beruf; …", "8% …") between rows of types 1 and 2
OPEN_SEED = 4242
OPEN_SCAN = "decisions/2025/RPKS-57-AQB-2025-06533-01_zuwendungsbescheid_scan.pdf"


def test_a_measure_type_left_open_lands_as_the_export_files_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Held with the range its place allows, which no reviewer can release; landed with the
    measure type the export files the project under, the row exactly as printed."""
    corpus, files, settings = _scan_alone_in_inbox(
        tmp_path, monkeypatch, OPEN_SEED, OPEN_SCAN, reviewer="anna", password=PASSWORD
    )
    scan, export = files[OPEN_SCAN], files[EXPORT]
    printed = scan.expected["lines"][2]

    run_ingest(settings)
    ((status, reason, unsure, _confirmed_by),) = _scan_rows(settings, scan.sha256)
    assert status == "quarantined", reason
    names = json.loads(unsure)["names"]
    assert names["line_measure_type:3"] == "1-2"
    assert names["line_project:3"] == printed["project"]
    assert printed["measure_type"] in (1, 2)

    # the Prüfaufgaben page shows the type as not read and offers no release of the reading
    add_local_account(settings.accounts_file, "anna", "reviewer", PASSWORD)
    with main_module_kept():
        app = run_app_page("pruefaufgaben")
        app.text_input(key="aqb_login_user").input("anna")
        app.text_input(key="aqb_login_password").input(PASSWORD)
        next(b for b in app.button if b.label == "Anmelden").click().run()
        pick = app.selectbox(key="review_quarantine_pick")
        pick.set_value(next(o for o in pick.options if Path(OPEN_SCAN).name in str(o))).run()
        assert not app.exception, [error.value for error in app.exception]
        (reading,) = [f.value for f in app.dataframe if "Gelesener Wert" in f.value.columns]
        assert "nicht gelesen, 1 bis 2" in reading["Gelesener Wert"].to_list()
        assert any("Keine Freigabe möglich" in info.value for info in app.info)
        assert not [box for box in app.text_area if box.key == "review_release_reason"]
    # nor does the command line: the reading as held has nothing to release
    ((reading_hash,),) = _warehouse(
        settings, "SELECT reading_hash FROM quarantine WHERE sha256 = ?", scan.sha256
    )
    assert main(["review", "release", scan.sha256, reading_hash, "--reason", "geprüft"]) == 1
    assert "Maßnahmenart nicht gelesen" in capsys.readouterr().err
    assert not settings.review_log.exists()

    shutil.copy(corpus / EXPORT, settings.inbox_dir / Path(EXPORT).name)
    run_ingest(settings)
    ((status, _reason, _unsure, confirmed_by),) = _scan_rows(settings, scan.sha256)
    assert (status, confirmed_by) == ("ok", export.sha256)
    (stored,) = _warehouse(
        settings,
        "SELECT measure_type FROM decision_lines WHERE sha256 = ? AND project_name = ?",
        scan.sha256,
        printed["project"],
    )
    assert stored == (printed["measure_type"],)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        assert scan_verdict(connection, scan).verdict == "exact"
