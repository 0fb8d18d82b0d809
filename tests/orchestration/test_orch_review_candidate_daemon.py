"""A run the daemon launches keeps a blocked run's marts for reviewers, as ``aqb ingest`` does:
the candidate is written inside the job (after the mart checks), not by the command line. The
inbox sensor's run request for a new absurd-budget agreement is executed as the daemon executes
it (the real ``ingest_job``, in-process executor, the request's tags); the candidate appears with
the blocking version in it, and the next published run of the job removes it."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from pipelines.config import Settings
from pipelines.definitions import build_definitions
from pipelines.defs.documents.sensors import inbox_sensor
from pipelines.defs.jobs import INGEST_JOB
from pipelines.orchestration import run_ingest, run_instance
from pipelines.publish.snapshot import current_snapshot_id
from pipelines.resources import build_resources
from pipelines.review.accounts import add_local_account, authenticate
from pipelines.review.candidate import candidate_path
from pipelines.review.decide import decide
from tests.support.agreements import make_agreement


def _sensor_requests(settings: Settings, cursor: str | None) -> tuple[list[dg.RunRequest], str]:
    """The inbox sensor's run requests for what is new since ``cursor``, and its new cursor."""
    resources = build_resources(settings)
    context = dg.build_sensor_context(
        cursor=cursor, resources={"aqb_paths": resources["aqb_paths"]}
    )
    result = inbox_sensor(context)
    return result.run_requests, result.cursor


def _launch(settings: Settings, request: dg.RunRequest) -> dg.ExecuteInProcessResult:
    """The job run as the daemon runs it: the definitions' ingest job with the request's tags."""
    job = build_definitions(build_resources(settings)).resolve_job_def(INGEST_JOB)
    return job.execute_in_process(instance=run_instance(), tags=request.tags, raise_on_error=False)


def test_a_sensor_launched_blocked_run_keeps_its_marts_for_reviewers(
    tmp_path: Path, small_inbox: Path
) -> None:
    settings = Settings.rooted_at(tmp_path, small_inbox)
    assert run_ingest(settings).published
    published_id = current_snapshot_id(settings.publish_dir)
    _requests, cursor = _sensor_requests(settings, None)  # the sensor has seen today's inbox

    absurd = small_inbox / "zielvereinbarung_2025_bergstrasse_neu.txt"
    absurd.write_text(make_agreement(2025, budget="99.000.000"), encoding="utf-8")
    (request,), cursor = _sensor_requests(settings, cursor)
    assert request.tags["aqb/trigger_file"] == absurd.name
    blocked = _launch(settings, request)
    assert not blocked.asset_materializations_for_node("published_snapshot")
    assert current_snapshot_id(settings.publish_dir) == published_id
    candidate = candidate_path(settings.publish_dir)
    assert candidate.is_file()  # written by the job itself, no command line involved
    with duckdb.connect(str(candidate), read_only=True) as connection:
        versions = connection.table("mart_agreement_versions").pl()
        info = connection.table("snapshot_info").pl().row(0, named=True)
        failed = (
            connection.table("mart_check_results")
            .pl()
            .filter((pl.col("run_id") == blocked.run_id) & ~pl.col("success"))
        )
    current_2025 = versions.filter(pl.col("is_current") & (pl.col("year") == 2025)).row(
        0, named=True
    )
    assert float(current_2025["budget_total_eur"]) == 99e6
    assert blocked.run_id in info.values()
    assert (failed["severity"] == "error").any()

    add_local_account(settings.accounts_file, "anna", "reviewer", "korrekt-pferd-batterie")
    anna = authenticate(settings.accounts_file, "anna", "korrekt-pferd-batterie")
    decide(
        settings.review_log,
        settings.publish_dir,
        anna,
        "withdraw",
        {"sha256": current_2025["source_sha256"]},
        "Entwurf mit Tippfehler im Budget",
    )
    unblocked = _launch(settings, request)
    assert unblocked.asset_materializations_for_node("published_snapshot")
    assert not candidate.exists()  # the published run removed it
