"""Check results people read: German rules kept with the suites, per-year details that show only
that year's rows, the committed GX context equal to what build_context writes, and an ingest
summary whose document counts add up to the files seen (exact duplicates included)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import polars as pl

import warehouse
from pipelines.commands.ingest_cmd import format_summary
from pipelines.config import Settings
from pipelines.orchestration import run_ingest
from pipelines.quality.build_context import build, committed_files
from pipelines.quality.gx_context import EXPECTATIONS_DIR
from pipelines.quality.suites import RULE_META_KEY, SUITES
from tests.support.agreements import make_agreement


def _settings(root: Path, inbox: Path) -> Settings:
    return Settings.rooted_at(root, inbox)


def test_every_expectation_has_a_distinct_german_rule() -> None:
    for suite in SUITES:
        rules = [expectation["meta"][RULE_META_KEY] for expectation in suite.expectations]
        assert all(rule and not rule.startswith("expect_") for rule in rules), suite.name
        assert len(set(rules)) == len(rules), suite.name


def test_committed_context_is_exactly_what_build_context_writes(tmp_path: Path) -> None:
    build(tmp_path)
    generated = {
        path.relative_to(tmp_path): path.read_bytes() for path in committed_files(tmp_path)
    }
    committed = {
        path.relative_to(EXPECTATIONS_DIR): path.read_bytes()
        for path in committed_files(EXPECTATIONS_DIR)
    }
    assert sorted(generated) == sorted(committed)
    stale = [str(path) for path in generated if generated[path] != committed[path]]
    assert not stale, f"run python -m pipelines.quality.build_context: {stale}"
    suite = json.loads(
        (EXPECTATIONS_DIR / "expectations" / "decisions_within_agreement.json").read_text("utf-8")
    )
    assert [item["meta"][RULE_META_KEY] for item in suite["expectations"]] == [
        "Bewilligt nicht über dem vereinbarten Budget"
    ]


def test_failed_rule_is_german_and_each_year_lists_only_its_own_rows(
    tmp_path: Path, small_inbox: Path
) -> None:
    for year, budget in ((2022, "80.000.000"), (2023, "90.000.000")):
        (small_inbox / f"zielvereinbarung_{year}_bergstrasse.txt").write_text(
            make_agreement(year, budget=budget), encoding="utf-8"
        )
    settings = _settings(tmp_path, small_inbox)
    summary = run_ingest(settings)
    assert not summary.published
    rule = "Budget im plausiblen Bereich (50.000–8.000.000 €)"
    assert any(rule in sentence and "2023" in sentence for sentence in summary.failures)
    assert not any("expect_" in sentence for sentence in summary.failures)

    with warehouse.connect(settings.warehouse_path) as connection:
        warehouse.build_models(connection, "staging", only=["stg_check_results"])
        warehouse.build_models(connection, "marts", only=["mart_check_results"])
        latest = connection.table("mart_check_results").pl()
    failed = latest.filter((pl.col("rule") == rule) & ~pl.col("success")).sort("year")
    assert failed["year"].to_list() == [2022, 2023]
    assert set(failed["expectation"]) == {"expect_column_values_to_be_between(budget_total_eur)"}
    detail_2022, detail_2023 = failed["detail"].to_list()
    assert "06431" in detail_2022 and "80.000.000 €" in detail_2022
    assert "90.000.000" not in detail_2022
    assert "90.000.000 €" in detail_2023 and "80.000.000" not in detail_2023
    assert not latest["rule"].str.starts_with("expect_").any()


def test_document_counts_add_up_to_the_files_seen_with_exact_duplicates(
    tmp_path: Path, small_inbox: Path
) -> None:
    original = small_inbox / "zielvereinbarung_2025_bergstrasse.txt"
    shutil.copy(original, small_inbox / "kopie_von_zv_2025.txt")
    (small_inbox / "pressemitteilung.txt").write_text(
        "Pressemitteilung: Der Landrat besucht eine Schule.\n", encoding="utf-8"
    )
    settings = _settings(tmp_path, small_inbox)

    def parts(summary) -> int:
        return (
            summary.docs_new
            + summary.docs_updated
            + summary.docs_unchanged
            + summary.docs_duplicate
            + summary.docs_quarantined
        )

    first = run_ingest(settings)
    assert (first.files_seen, first.docs_duplicate, first.docs_quarantined) == (4, 1, 1)
    assert parts(first) == first.files_seen
    assert "Duplikate (gleicher Inhalt, anderer Name) / duplicates: 1" in format_summary(first)

    # the copy under a new name: still one duplicate, nothing new, every content once unchanged
    shutil.move(small_inbox / "kopie_von_zv_2025.txt", small_inbox / "noch_eine_kopie.txt")
    second = run_ingest(settings)
    assert (second.docs_new, second.docs_duplicate, second.docs_unchanged) == (0, 1, 3)
    assert parts(second) == second.files_seen == 4
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        assert connection.table("raw_documents").pl().height == 3
