"""The code location loads, every asset is described, schedules and checks are wired right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipelines.config import PROJECT_ROOT
from pipelines.definitions import ASSET_CHECKS, defs
from pipelines.defs.publishing.schedules import nightly_ingest
from pipelines.quality.suites import SUITES_BY_NAME


def test_every_asset_has_group_kinds_and_description() -> None:
    specs = list(defs.resolve_all_asset_specs())
    assert {spec.key.to_user_string() for spec in specs} >= {
        "inbox_documents",
        "raw_document_registry",
        "parsed_documents",
        "project_matches",
        "staging/stg_agreements",
        "marts/mart_district_year",
        "published_snapshot",
    }
    for spec in specs:
        assert spec.group_name and spec.group_name != "default", spec.key
        assert spec.kinds, spec.key
        assert spec.description and len(spec.description) > 30, spec.key


def test_matching_is_partitioned_by_budget_year_and_models_are_not() -> None:
    """Matching decides a run's years; the model tables are rebuilt whole (per-year
    materializations of every table would cost an event per table and year)."""
    by_key = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    keys = by_key["project_matches"].partitions_def.get_partition_keys()
    assert "2016" in keys and "2025" in keys
    for name in ("staging/stg_agreements", "marts/mart_state_year", "published_snapshot"):
        assert by_key[name].partitions_def is None, name


def test_every_model_file_is_an_asset_with_the_tables_it_reads_upstream() -> None:
    """Each ``warehouse/models/<layer>/<table>.sql`` is the asset ``<layer>/<table>``, kinds
    duckdb and sql, described by its comment; its upstream assets follow its SQL."""
    specs = {spec.key: spec for spec in defs.resolve_all_asset_specs()}
    files = {
        dg.AssetKey([layer, path.stem])
        for layer in ("staging", "marts")
        for path in (PROJECT_ROOT / "warehouse" / "models" / layer).glob("*.sql")
    }
    assert len(files) > 25 and files <= set(specs)
    for key in files:
        assert specs[key].kinds == {"duckdb", "sql"}, key
        assert specs[key].group_name == key.path[0], key
    deps = {dep.asset_key for dep in specs[dg.AssetKey(["marts", "mart_state_year"])].deps}
    assert deps == {dg.AssetKey(["marts", "mart_district_year"]), dg.AssetKey("reference_data")}
    stg_agreements = {
        dep.asset_key for dep in specs[dg.AssetKey(["staging", "stg_agreements"])].deps
    }
    assert dg.AssetKey("parsed_documents") in stg_agreements
    assert dg.AssetKey(["staging", "stg_review_decisions"]) in stg_agreements
    published = {dep.asset_key for dep in specs[dg.AssetKey("published_snapshot")].deps}
    assert published == {key for key in files if key.path[0] == "marts"}


def test_dg_list_defs_names_every_model_file(tmp_path) -> None:
    """``dg list defs`` (what a newcomer runs) lists every model file as an asset."""
    dg_cli = Path(sys.executable).parent / "dg"
    completed = subprocess.run(
        [str(dg_cli), "list", "defs", "--json"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": f"{dg_cli.parent}:/usr/bin:/bin",
            "DAGSTER_HOME": str(tmp_path),
            "HOME": str(tmp_path),
            "PYTHONPATH": str(PROJECT_ROOT),  # this checkout's code, not the installed one
        },
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    listed = completed.stdout
    for layer in ("staging", "marts"):
        for path in (PROJECT_ROOT / "warehouse" / "models" / layer).glob("*.sql"):
            assert f'"{layer}/{path.stem}"' in listed, path.name


def test_error_suites_block_and_warning_suites_do_not() -> None:
    for checks_def in ASSET_CHECKS:
        for spec in checks_def.check_specs:
            suite = SUITES_BY_NAME[spec.name.removeprefix("gx_")]
            assert spec.blocking == (suite.severity == "error"), spec.name


def test_each_suite_is_one_check_on_the_table_it_validates() -> None:
    """``gx_<suite>`` sits on the asset of its suite's table (the UI shows a table's checks on
    that table); the suites of one layer share one step."""
    check_keys = [key for checks_def in ASSET_CHECKS for key in checks_def.check_keys]
    assert sorted(key.name for key in check_keys) == sorted(
        f"gx_{suite}" for suite in SUITES_BY_NAME
    )
    for key in check_keys:
        suite = SUITES_BY_NAME[key.name.removeprefix("gx_")]
        assert key.asset_key.path[-1] == suite.table, key
    assert {
        dg.AssetCheckKey(dg.AssetKey(["marts", "mart_state_year"]), "gx_statewide_totals"),
        dg.AssetCheckKey(dg.AssetKey(["staging", "stg_agreements"]), "gx_parsed_agreements"),
        dg.AssetCheckKey(dg.AssetKey(["marts", "mart_measure_mix"]), "gx_measure_mix"),
    } <= set(check_keys)
    layers_per_step = [
        {key.asset_key.path[0] for key in checks_def.check_keys} for checks_def in ASSET_CHECKS
    ]
    assert sorted(next(iter(layers)) for layers in layers_per_step) == ["marts", "staging"]
    assert all(len(layers) == 1 for layers in layers_per_step)


def test_nightly_schedule_runs_at_two_berlin_time() -> None:
    assert nightly_ingest.cron_schedule == "0 2 * * *"
    assert nightly_ingest.execution_timezone == "Europe/Berlin"
    assert nightly_ingest.job_name == "ingest_job"
    request = nightly_ingest.evaluate_tick(dg.build_schedule_context()).run_requests[0]
    assert request.tags["dagster/asset_partition_range_start"] == "2010"


def test_dg_check_defs_passes(tmp_path) -> None:
    """``dg check defs`` (dagster-dg-cli, what 1.13 recommends over ``dagster definitions
    validate``) loads the code location from pyproject's ``[tool.dg]`` and validates it."""
    dg_cli = Path(sys.executable).parent / "dg"
    completed = subprocess.run(
        [str(dg_cli), "check", "defs"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": f"{dg_cli.parent}:/usr/bin:/bin",
            "DAGSTER_HOME": str(tmp_path),
            "HOME": str(tmp_path),
        },
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert "All definitions loaded successfully" in completed.stdout + completed.stderr
