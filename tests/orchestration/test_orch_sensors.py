"""The inbox sensor asks for exactly one run per new content; the failure message is clear."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.documents.sensors import inbox_sensor
from pipelines.operations.alerts import failure_message
from pipelines.resources import AqbPathsResource


def _paths(inbox: Path, root: Path) -> AqbPathsResource:
    return AqbPathsResource(
        inbox_dir=str(inbox),
        archive_dir=str(root / "archive"),
        publish_dir=str(root / "pub"),
        data_docs_dir=str(root / "docs"),
        is_sample=False,
    )


def _tick(inbox: Path, root: Path, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(cursor=cursor, resources={"aqb_paths": _paths(inbox, root)})
    return inbox_sensor(context)


def test_one_run_per_new_file_and_none_on_the_next_tick(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Zielvereinbarung A", encoding="utf-8")
    first = _tick(inbox, tmp_path, None)
    assert len(first.run_requests) == 1
    assert first.run_requests[0].tags["aqb/trigger_file"] == "a.txt"

    second = _tick(inbox, tmp_path, first.cursor)
    assert second.run_requests == []

    (inbox / "b.txt").write_text("Zielvereinbarung B", encoding="utf-8")
    (inbox / "copy_of_a.txt").write_text(
        "Zielvereinbarung A", encoding="utf-8"
    )  # same bytes: no run
    third = _tick(inbox, tmp_path, second.cursor)
    assert [request.tags["aqb/trigger_file"] for request in third.run_requests] == ["b.txt"]

    (inbox / "a.txt").write_text("Zielvereinbarung A, korrigiert", encoding="utf-8")
    fourth = _tick(inbox, tmp_path, third.cursor)
    assert len(fourth.run_requests) == 1
    assert fourth.run_requests[0].run_key != first.run_requests[0].run_key
    assert _tick(inbox, tmp_path, fourth.cursor).run_requests == []


def test_hidden_files_do_not_start_runs(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / ".partial_upload.pdf").write_bytes(b"%PDF-1.4")
    assert _tick(inbox, tmp_path, None).run_requests == []


def test_failure_message_names_job_run_and_reason() -> None:
    message = failure_message(
        "ingest_job", "0123456789abcdef", "1 blocking asset check failed\nstack..."
    )
    assert "ingest_job" in message and "0123456789abcdef" in message
    assert "1 blocking asset check failed" in message and "stack" not in message
