"""Datenqualität shows freshness (Aktualität) and the run history (Einlesevorgänge): last runs
with what each changed, failures with their reason, a link into the Dagster UI when configured."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import duckdb
import pandas as pd
import pytest

from dashboards import labels
from pipelines.operations.history import IngestRunRow, export_history, record_run
from tests.support import snapshot_factory
from tests.support.apptest import run_app_page, tables_under_subheadings, walk_elements


def _history(publish_dir, now: datetime) -> None:
    """Two runs in a scratch warehouse, exported where the dashboard reads them."""
    with duckdb.connect() as connection:
        import warehouse

        warehouse.migrate(connection)
        record_run(
            connection,
            IngestRunRow(
                run_id="11111111-aaaa-bbbb-cccc-000000000001",
                started_at=now - timedelta(hours=3),
                finished_at=now - timedelta(hours=3) + timedelta(seconds=40),
                status="SUCCESS",
                launched_by="schedule",
                job_name="ingest_job",
                docs_new=7,
                checks_passed=9,
                published=True,
                snapshot_id="snap-1",
            ),
        )
        record_run(
            connection,
            IngestRunRow(
                run_id="22222222-aaaa-bbbb-cccc-000000000002",
                started_at=now - timedelta(hours=1),
                finished_at=now - timedelta(hours=1) + timedelta(seconds=5),
                status="FAILURE",
                launched_by="sensor",
                job_name="ingest_job",
                failure_reason="step raw_document_registry: <b>Could not set lock</b> on file",
            ),
        )
        export_history(connection, publish_dir)


@pytest.fixture()
def with_history(tmp_path, monkeypatch):
    built = snapshot_factory.build_snapshot(tmp_path, years=(2024, 2025), seed=13)
    monkeypatch.setenv("AQB_PUBLISH_DIR", str(built.publish_dir))
    monkeypatch.setenv("AQB_ARCHIVE_DIR", str(built.archive_dir))
    monkeypatch.setenv("AQB_DAGSTER_UI_URL", "http://127.0.0.1:3000/")
    monkeypatch.setenv("AQB_AGREEMENT_DUE", "03-31")
    monkeypatch.delenv("AQB_DISTRICT_GEOJSON", raising=False)
    _history(built.publish_dir, datetime.now(UTC).replace(tzinfo=None))
    return built


def _runs_table(app):
    """The run history's parts (each keyed by "Beginn", newest first) side by side again."""
    parts = [frame.value for frame in app.dataframe if list(frame.value.columns)[:1] == ["Beginn"]]
    assert [list(part.columns)[0] for part in parts] == ["Beginn"] * 3
    assert all(part["Beginn"].equals(parts[0]["Beginn"]) for part in parts)
    return pd.concat([parts[0], *(part.drop(columns="Beginn") for part in parts[1:])], axis=1)


def test_runs_in_three_parts_keyed_by_start(with_history) -> None:
    """Each part of the run history starts with "Beginn"; status, counts and reasons are
    under their own subheadings, the failure reason wraps (fixed width, tall rows)."""
    app = run_app_page("datenqualitaet", None, fail_on_exception=False)
    shown = tables_under_subheadings(app)
    assert shown[labels.DQ_RUNS_STATUS] == [
        "Beginn",
        "Ende",
        "Status",
        "Gestartet durch",
        "Veröffentlicht",
    ]
    assert shown[labels.DQ_RUNS_COUNTS] == [
        "Beginn",
        "Neu",
        "Aktualisiert",
        "Quarantäne",
        "Prüfungen (bestanden/Warnung/Fehler)",
    ]
    assert shown[labels.DQ_RUNS_REASON] == ["Beginn", "Haushaltsjahre", "Grund", "Dagster"]
    reason = [node for node in walk_elements(app.main) if node.type == "dataframe"][-1]
    assert reason.proto.row_height >= 65
    assert json.loads(reason.proto.columns)["Grund"]["width"] >= 300


def test_runs_section_lists_last_runs_failures_and_dagster_links(with_history) -> None:
    app = run_app_page("datenqualitaet", None, fail_on_exception=False)
    assert not app.exception, [error.value for error in app.exception]
    assert {"Aktualität", "Einlesevorgänge"} <= {header.value for header in app.header}, (
        [w.value for w in app.warning],
        [i.value for i in app.info],
        [m.value for m in app.markdown][-5:],
    )
    table = _runs_table(app)
    assert table["Status"].to_list() == ["fehlgeschlagen", "erfolgreich"]
    assert table["Gestartet durch"].to_list() == ["Sensor (Posteingang)", "Zeitplan (nächtlich)"]
    assert table["Neu"].to_list() == [0, 7]
    assert table["Grund"].to_list()[0] == (
        "step raw_document_registry: <b>Could not set lock</b> on file"
    )  # shown as text, never as markup
    assert table["Dagster"].to_list() == [
        "http://127.0.0.1:3000/runs/22222222-aaaa-bbbb-cccc-000000000002",
        "http://127.0.0.1:3000/runs/11111111-aaaa-bbbb-cccc-000000000001",
    ]
    assert [error.value for error in app.error] == [
        "1 der letzten 2 Läufe fehlgeschlagen oder abgebrochen."
    ]
    markdown = " ".join(element.value for element in app.markdown)
    assert "Letzter erfolgreicher Einlesevorgang:" in markdown
    assert not [w for w in app.warning if "älter als 26 Stunden" in w.value]


def test_without_ui_address_there_is_no_link_column(with_history, monkeypatch) -> None:
    monkeypatch.delenv("AQB_DAGSTER_UI_URL")
    app = run_app_page("datenqualitaet", None, fail_on_exception=False)
    assert "Dagster" not in _runs_table(app).columns
