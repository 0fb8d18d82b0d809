"""The review page lists only true version conflicts: two versions of a district-year signed the
same day that are both still in the inbox. A file rewritten in place (its old bytes gone from the
inbox) is the newer version, not a conflict, and is not listed (stg_agreements'
has_version_conflict, not the bare same_signature_date)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest

from dashboards.review_page import load_items
from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.review.candidate import review_snapshot
from tests.support.agreements import make_agreement
from tests.support.apptest import run_app_page

HOUR_NS = 3_600 * 1_000_000_000


def _age(path: Path, age_ns: int = HOUR_NS) -> None:
    """An mtime in the past, so the registry reads the file as settled (not being written)."""
    stamp = time.time_ns() - age_ns
    os.utime(path, ns=(stamp, stamp))


def _open_versions(settings: Settings):
    ref, _ = review_snapshot(settings.publish_dir)
    return load_items(ref)["version"]


def test_only_versions_both_in_the_inbox_are_listed_as_conflicts(
    tmp_path: Path, small_inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in small_inbox.iterdir():
        _age(path)
    settings = Settings.rooted_at(tmp_path, small_inbox)
    assert run_ingest(settings).published

    # rewritten in place, same signature date: the old bytes are gone from the inbox
    rewritten = small_inbox / "zielvereinbarung_2024_bergstrasse.txt"
    rewritten.write_text(make_agreement(2024, budget="1.230.451"), encoding="utf-8")
    _age(rewritten, HOUR_NS // 2)
    second = run_ingest(settings)
    assert second.published, second.failures
    ref, _ = review_snapshot(settings.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as snapshot:
        versions_2024 = snapshot.execute(
            "SELECT count(*), bool_or(same_signature_date), bool_or(has_version_conflict) "
            "FROM mart_agreement_versions WHERE year = 2024"
        ).fetchone()
    assert versions_2024 == (2, True, False)  # same day, but no conflict
    assert _open_versions(settings).is_empty()

    # a second file for 2025 signed the same day, both in the inbox: a true conflict
    copy = small_inbox / "zielvereinbarung_2025_bergstrasse_zweitfassung.txt"
    copy.write_text(make_agreement(2025, budget="1.230.452"), encoding="utf-8")
    _age(copy, HOUR_NS // 4)
    third = run_ingest(settings)
    assert third.published, third.failures
    listed = _open_versions(settings)
    assert sorted(listed["year"].to_list()) == [2025, 2025]
    assert set(listed["source_name"]) == {
        "zielvereinbarung_2025_bergstrasse.txt",
        copy.name,
    }

    # the page offers exactly that district-year to settle, with both files to choose from
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(settings.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(settings.archive_dir))
    app = run_app_page("pruefaufgaben")
    pick = app.selectbox(key="review_version_pick")
    assert len(pick.options) == 1 and "2025" in pick.options[0]
    choices = app.radio(key="review_version_choice").options
    assert sorted(choices) == sorted(listed["source_name"].to_list())
