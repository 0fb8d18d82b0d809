"""A quarantined file a reviewer marks "nicht relevant" leaves the open review list but stays in
the Quarantäne download and in Datenqualität's quarantine table on screen, with who decided, when
and why; revoking the decision restores the file's undecided row."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.config import Settings
from pipelines.exports import ExportFilters, locate_snapshot
from pipelines.exports.snapshot import connect_snapshot
from pipelines.exports.tables import build_table
from pipelines.orchestration import run_ingest
from pipelines.review.accounts import add_local_account, authenticate
from pipelines.review.decide import decide
from pipelines.review.items import open_items
from tests.support.apptest import run_app_page

PRESS_RELEASE = "pressemitteilung.txt"
REASON = "Pressemitteilung, keine Zielvereinbarung"


def _quarantine_export(settings: Settings) -> pl.DataFrame:
    with connect_snapshot(locate_snapshot(settings.publish_dir)) as connection:
        return build_table(connection, "quarantaene", ExportFilters())


def _open_quarantine(settings: Settings) -> list[str]:
    with connect_snapshot(locate_snapshot(settings.publish_dir)) as connection:
        return open_items(connection, "quarantine")["original_name"].to_list()


def _press_release_row(settings: Settings) -> dict:
    export = _quarantine_export(settings)
    rows = export.filter(pl.col("original_name") == PRESS_RELEASE)
    assert rows.height == 1, export
    return rows.row(0, named=True)


def _quarantine_on_screen(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> pl.DataFrame:
    """Datenqualität's quarantine table as the page shows it (German headers)."""
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(settings.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(settings.archive_dir))
    app = run_app_page("datenqualitaet")
    (table,) = [frame.value for frame in app.dataframe if "Nicht relevant" in frame.value.columns]
    return pl.from_pandas(table)


def test_a_dismissed_file_stays_in_the_quarantine_download_with_who_when_why(
    tmp_path: Path, small_inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (small_inbox / PRESS_RELEASE).write_text(
        "Pressemitteilung: Der Landrat besucht eine Schule.\n", encoding="utf-8"
    )
    settings = Settings.rooted_at(tmp_path, small_inbox)
    assert run_ingest(settings).published
    undecided = _press_release_row(settings)
    assert undecided["is_dismissed"] is False
    assert undecided["reviewer"] is None and undecided["review_note"] is None
    assert PRESS_RELEASE in _open_quarantine(settings)

    add_local_account(settings.accounts_file, "anna", "reviewer", "korrekt-pferd-batterie")
    anna = authenticate(settings.accounts_file, "anna", "korrekt-pferd-batterie")
    dismissal = decide(
        settings.review_log,
        settings.publish_dir,
        anna,
        "dismiss",
        {"sha256": undecided["sha256"]},
        REASON,
    )
    assert run_ingest(settings).published

    dismissed = _press_release_row(settings)
    assert dismissed["is_dismissed"] is True
    assert dismissed["reviewer"] == "anna"
    assert dismissed["review_reason"] == REASON
    assert dismissed["decided_at"] is not None
    assert dismissed["review_note"].startswith("nicht relevant von anna am ")
    assert dismissed["review_note"].endswith(f": {REASON}")
    assert dismissed["reason_de"] == undecided["reason_de"]  # the quarantine reason is kept
    assert PRESS_RELEASE not in _open_quarantine(settings)
    on_screen = _quarantine_on_screen(settings, monkeypatch)
    shown = on_screen.filter(pl.col("Dateiname") == PRESS_RELEASE).row(0, named=True)
    assert shown["Nicht relevant"] is True
    assert shown["Prüfer/in"] == "anna"
    assert shown["Begründung"] == REASON
    assert shown["Entschieden am"] is not None

    decide(
        settings.review_log,
        settings.publish_dir,
        anna,
        "revoke",
        {"review_id": dismissal.review_id},
        "doch prüfen",
    )
    assert run_ingest(settings).published
    assert _press_release_row(settings) == undecided
    assert PRESS_RELEASE in _open_quarantine(settings)
    with duckdb.connect(str(locate_snapshot(settings.publish_dir).path), read_only=True) as c:
        assert c.execute("SELECT count(*) FROM mart_review_decisions").fetchone()[0] == 2
