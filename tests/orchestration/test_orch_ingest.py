"""The real definitions, materialised in-process into temp DuckDB files: marts, the blocking
quality gate, the no-change run, and the ``aqb ingest`` exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.cli import main
from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.publish.snapshot import current_snapshot, current_snapshot_id
from pipelines.quality.suites import SUITES_BY_NAME
from tests.support.agreements import make_agreement


def _settings(root: Path, inbox: Path) -> Settings:
    return Settings.rooted_at(root, inbox)


def _snapshot_table(settings: Settings, table: str) -> pl.DataFrame:
    with duckdb.connect(str(current_snapshot(settings.publish_dir)), read_only=True) as snapshot:
        return snapshot.table(table).pl()


def test_ingest_publishes_marts_then_a_planted_absurd_budget_blocks_publishing(
    tmp_path: Path, small_inbox: Path
) -> None:
    settings = _settings(tmp_path, small_inbox)
    first = run_ingest(settings)
    assert first.published and first.ok, first.failures
    assert (first.docs_new, first.docs_quarantined, first.checks_failed) == (2, 0, 0)
    district_year = _snapshot_table(settings, "mart_district_year").filter(pl.col("has_agreement"))
    assert sorted(district_year.select("district_ags", "year").rows()) == [
        ("06431", 2024),
        ("06431", 2025),
    ]
    assert float(district_year["budget_total_eur"][0]) == 1_230_450.0
    served_before = current_snapshot_id(settings.publish_dir)
    assert (settings.data_docs_dir / "index.html").is_file()

    (small_inbox / "zielvereinbarung_2023_bergstrasse.txt").write_text(
        make_agreement(2023, budget="90.000.000"), encoding="utf-8"
    )
    blocked = run_ingest(settings)
    assert blocked.docs_new == 1 and blocked.docs_quarantined == 0  # the parser accepts it ...
    assert blocked.checks_failed >= 1 and not blocked.published  # ... the quality gate does not
    assert any(
        "current_agreements" in sentence and "2023" in sentence for sentence in blocked.failures
    )
    assert current_snapshot_id(settings.publish_dir) == served_before
    assert (
        2023
        not in _snapshot_table(settings, "mart_district_year")
        .filter(pl.col("has_agreement"))["year"]
        .to_list()
    )

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        results = connection.table("check_results").pl().filter(pl.col("run_id") == blocked.run_id)
        runs = connection.table("ingest_runs").pl()
    failed = results.filter(~pl.col("success") & (pl.col("severity") == "error"))
    assert failed["year"].to_list() == [2023]
    # The marts suites share one check step: a failing error suite does not cut the others short.
    assert set(results["suite"].to_list()) == set(SUITES_BY_NAME)
    assert runs.height == 2 and runs.filter(pl.col("run_id") == blocked.run_id)[
        "published"
    ].to_list() == [False]


def test_a_run_without_changes_parses_nothing_and_keeps_the_snapshot(
    tmp_path: Path, small_inbox: Path
) -> None:
    settings = _settings(tmp_path, small_inbox)
    first = run_ingest(settings)
    second = run_ingest(settings)
    assert (second.docs_new, second.docs_updated, second.docs_unchanged) == (0, 0, 2)
    assert second.up_to_date and not second.published and second.ok
    assert second.snapshot_id == first.snapshot_id


def test_aqb_ingest_exit_codes(
    tmp_path: Path, small_inbox: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    for variable, folder in (("AQB_ARCHIVE_DIR", "archive"), ("AQB_DATA_DOCS_DIR", "docs")):
        monkeypatch.setenv(variable, str(tmp_path / folder))
    arguments = [
        "ingest",
        "--inbox",
        str(small_inbox),
        "--warehouse",
        str(tmp_path / "wh.duckdb"),
        "--publish-dir",
        str(tmp_path / "pub"),
        "--no-progress",
    ]
    assert main(arguments) == 0
    assert "published: ja/yes" in capsys.readouterr().out

    (small_inbox / "pressemitteilung.txt").write_text(
        "Pressemitteilung: Der Landrat besucht eine Schule.\n", encoding="utf-8"
    )
    assert main(arguments) == 1
    output = capsys.readouterr().out
    assert "pressemitteilung.txt" in output and "quarantined 1" in output

    with pytest.raises(SystemExit) as usage:
        main(["ingest", "--no-such-option"])
    assert usage.value.code == 2


@pytest.mark.slow
def test_sample_corpus_marts_have_every_district_year(ingested) -> None:
    """On the generated corpus (shared ``ingested`` fixture): 26 districts x every year, published."""
    settings, summary, _manifest = ingested
    assert summary.snapshot_id is not None and summary.checks_failed == 0, summary.failures
    district_year = _snapshot_table(settings, "mart_district_year")
    assert district_year.group_by("year").len()["len"].unique().to_list() == [26]
    assert district_year.filter(pl.col("has_agreement")).height >= 26 * 9
    assert os.path.isfile(settings.data_docs_dir / "index.html")


def test_a_link_in_the_inbox_is_reported_as_skipped_by_this_run(
    tmp_path: Path, small_inbox: Path
) -> None:
    """The summary separates this listing's skipped entries from quarantine left by earlier
    runs (a first run has no earlier runs), and a skipped entry still means exit 1."""
    (small_inbox / "verknuepfung.pdf").symlink_to(tmp_path / "anywhere.pdf")
    summary = run_ingest(_settings(tmp_path / "run", small_inbox))
    assert summary.published, summary.failures
    assert [path for path, _reason in summary.skipped_entries] == ["verknuepfung.pdf"]
    assert summary.skipped_entries[0][1].startswith("Verknüpfung")
    assert summary.outstanding == []
    assert not summary.ok
