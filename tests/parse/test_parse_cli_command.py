"""`aqb parse` through pipelines.cli.main: exit codes 0/1/2 and the JSON Lines fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def agreement_file(tmp_path: Path, build_agreement) -> Path:
    path = tmp_path / "zv_2025_bergstrasse.txt"
    path.write_bytes(
        build_agreement(
            earmark_sentences=["Davon sind 40.000 Euro für Teilzeitausbildung vorgesehen."]
        ).encode("cp1252")
    )
    return path


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_parse_json_ok(cli_main, capsys, agreement_file: Path) -> None:
    assert cli_main(["parse", str(agreement_file), "--format", "json"]) == 0
    (record,) = json_lines(capsys.readouterr().out)
    assert record["source"] == agreement_file.name
    assert len(record["sha256"]) == 64
    assert (record["status"], record["reason"], record["document_type"]) == (
        "ok",
        None,
        "agreement",
    )
    assert (record["district_ags"], record["district_name"], record["year"]) == (
        "06431",
        "Landkreis Bergstraße",
        2025,
    )
    assert record["budget_total_eur"] == 1230450.0
    assert (
        record["ministry"] == "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
    )
    assert [m["measure_type"] for m in record["measures"]] == [1, 2, 3, 4]
    assert record["measures"][0]["projects"] == ["Werkstatt Berufsstart", "Praxisklasse Plus"]
    assert set(record["measures"][0]) >= {"measure_type", "name", "amount_eur", "projects"}
    assert record["earmarks"][0]["label"] == "Teilzeitausbildung"
    assert [(s["place"], s["date"]) for s in record["signatures"]] == [
        ("Wiesbaden", "2025-08-02"),
        ("Heppenheim", "2025-08-08"),
    ]
    assert {"name", "role"} <= set(record["signatures"][0])
    assert record["provenance"]["budget_total_eur"]["line"] > 0


def test_parse_quarantined_file_exits_1(
    cli_main, capsys, agreement_file: Path, tmp_path: Path
) -> None:
    press = tmp_path / "pressemitteilung.txt"
    press.write_text(
        "Pressemitteilung\n\nZielvereinbarung unterzeichnet: 1.230.450 Euro für den Kreis.\n",
        encoding="utf-8",
    )
    assert cli_main(["parse", str(agreement_file), str(press)]) == 1
    records = json_lines(capsys.readouterr().out)
    assert [r["status"] for r in records] == ["ok", "quarantined"]
    assert "press release" in records[1]["reason"]


def test_parse_table_format(cli_main, capsys, agreement_file: Path) -> None:
    assert cli_main(["parse", "--format", "table", str(agreement_file)]) == 0
    out = capsys.readouterr().out
    assert (
        "Landkreis Bergstraße (06431)" in out and "1.230.450,00 €" in out and "BASS Studium" in out
    )


def test_missing_file_is_a_usage_error(cli_main, capsys, tmp_path: Path) -> None:
    assert cli_main(["parse", str(tmp_path / "fehlt.pdf")]) == 2
    err = capsys.readouterr().err
    assert "file not found" in err and "Traceback" not in err


def test_bad_format_option_is_a_usage_error(cli_main, capsys, agreement_file: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["parse", "--format", "xml", str(agreement_file)])
    assert exit_info.value.code == 2
