"""`aqb parse` through pipelines.cli.main: exit codes 0/1/2 and the JSON Lines fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.agreement_texts import build_agreement


@pytest.fixture
def agreement_file(tmp_path: Path) -> Path:
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


def _final_decision_csv() -> bytes:
    """A funding-system export with one Schlussbescheid (used and reclaimed money per line)."""
    from datetime import date
    from decimal import Decimal

    from pipelines.parse.records import DecisionLine, DecisionRecord, Provenance
    from tests.support.decision_table_writers import write_decision_table_csv

    lines = (
        DecisionLine("Jobdatings", 1, "Bildungswerk", Decimal("90000.00"), Provenance(1, 1),
                     used_eur=Decimal("83100.00"), reclaimed_eur=Decimal("6900.00")),
        DecisionLine("BASS Studium", 4, None, Decimal("1200000.00"), Provenance(1, 1),
                     used_eur=Decimal("1200000.00"), reclaimed_eur=Decimal("0.00")),
    )  # fmt: skip
    record = DecisionRecord(
        decision_id="RPKS-57-AQB-2025-06431-03",
        decision_type="final",
        decision_date=date(2026, 3, 2),
        district_ags="06431",
        district_name="Landkreis Bergstraße",
        year=2025,
        lines=lines,
        total_eur=Decimal("1290000.00"),
        refers_to="RPKS-57-AQB-2025-06431-02",
        used_total_eur=Decimal("1283100.00"),
        reclaimed_total_eur=Decimal("6900.00"),
    )
    return write_decision_table_csv([record])


def test_table_of_a_final_decision_is_german_with_used_and_reclaimed(
    cli_main, capsys, tmp_path: Path
) -> None:
    export = tmp_path / "bescheide.csv"
    export.write_bytes(_final_decision_csv())
    assert cli_main(["parse", "--format", "table", str(export)]) == 0
    out = capsys.readouterr().out
    assert "Schlussbescheid RPKS-57-AQB-2025-06431-03" in out
    assert "final" not in out.replace("Final", "")
    assert "Verwendet: 1.283.100,00 €" in out and "Rückforderung: 6.900,00 €" in out
    assert "Verwendet 83.100,00 €, Rückforderung 6.900,00 €" in out


def test_a_folder_is_parsed_recursively_in_sorted_order(cli_main, capsys, tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    (folder / "b").mkdir(parents=True)
    text = build_agreement().encode("cp1252")
    for relative in ("b/zv_2.txt", "a_zv_1.txt", "b/.hidden.txt"):
        (folder / relative).write_bytes(text)
    assert cli_main(["parse", str(folder)]) == 0
    assert [record["source"] for record in json_lines(capsys.readouterr().out)] == [
        "a_zv_1.txt",
        "zv_2.txt",
    ]


def test_an_empty_folder_is_a_usage_error(cli_main, capsys, tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    assert cli_main(["parse", str(tmp_path / "leer")]) == 2
    assert "contain no files" in capsys.readouterr().err


def test_a_reader_that_stops_early_ends_the_output_quietly(tmp_path: Path) -> None:
    """``aqb parse folder | head -n 1``: no BrokenPipeError, exit status from the outcomes."""
    import subprocess
    import sys

    folder = tmp_path / "inbox"
    folder.mkdir()
    text = build_agreement().encode("cp1252")
    for number in range(40):  # far more output than a pipe buffer holds
        (folder / f"zv_{number:02d}.txt").write_bytes(text)
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "parse", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    first_line = process.stdout.readline()
    process.stdout.close()  # what head does after its first line
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert json.loads(first_line)["status"] == "ok"
    assert process.wait() == 0
    assert "BrokenPipe" not in stderr and "Traceback" not in stderr and "failed" not in stderr
