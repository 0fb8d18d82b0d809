"""One rule for a quarantine reason without a German text: the quarantine list and the
Eingangsprotokoll (stg_inbox_entries) both say "Sonstiger Grund", never an empty cell."""

from __future__ import annotations

from pathlib import Path

import pytest

import warehouse
from pipelines.ingest.loader import store_outcome
from pipelines.parse.records import ParseOutcome
from pipelines.reasons import Reason
from tests.support import warehouse_records as builders

STAGING = ["stg_review_decisions", "stg_quarantine", "stg_inbox_entries"]


def _quarantine_file(connection, tmp_path: Path, name: str) -> str:
    """A registered inbox file the parser quarantined; returns its sha256."""
    sha = builders.register(connection, tmp_path, name, f"kein AQB-Dokument {name}".encode())
    outcome = ParseOutcome(
        source=name,
        sha256=sha,
        status="quarantined",
        reason="Not an agreement (press release).",
        document_type=None,
        reason_code=Reason.NOT_AN_AGREEMENT.value,
    )
    store_outcome(connection, outcome, name, "v1")
    return sha


def _reasons(connection, table: str, sha: str) -> tuple:
    return connection.execute(
        f"SELECT reason_code, reason_de, reason_en FROM {table} WHERE sha256 = ?", [sha]
    ).fetchone()


@pytest.mark.parametrize("code", ["retired_code", None])
def test_unknown_reason_code_reads_sonstiger_grund_in_both_lists(
    connection, tmp_path: Path, code: str | None
) -> None:
    """A quarantine row whose code has no German text (a code this version does not know, or
    none) shows "Sonstiger Grund" in the Eingangsprotokoll exactly as in the quarantine list."""
    sha = _quarantine_file(connection, tmp_path, "pressemitteilung.txt")
    # a row written by another version: its code is not one of pipelines.reasons.Reason
    connection.execute(
        "UPDATE quarantine SET reason_code = ?, reason_de = NULL, reason_en = NULL"
        " WHERE sha256 = ?",
        [code, sha],
    )
    assert code is None or code not in {reason.value for reason in Reason}
    warehouse.build_models(connection, "staging", only=STAGING)

    quarantine = _reasons(connection, "stg_quarantine", sha)
    entry = _reasons(connection, "stg_inbox_entries", sha)
    assert quarantine[1:] == ("Sonstiger Grund", "Other reason")
    assert entry == quarantine
    outcome = connection.execute(
        "SELECT outcome FROM stg_inbox_entries WHERE sha256 = ?", [sha]
    ).fetchone()
    assert outcome == ("quarantined",)


def test_known_reason_code_keeps_its_german_text_in_the_inbox_list(
    connection, tmp_path: Path
) -> None:
    sha = _quarantine_file(connection, tmp_path, "pressemitteilung.txt")
    warehouse.build_models(connection, "staging", only=STAGING)
    code, german, _english = _reasons(connection, "stg_inbox_entries", sha)
    assert (code, german) == (Reason.NOT_AN_AGREEMENT.value, Reason.NOT_AN_AGREEMENT.de)
