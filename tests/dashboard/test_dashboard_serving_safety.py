"""The dashboard is safe to put on a network: loopback by default, no tracebacks for visitors,
text from documents never rendered as markup, downloads only of verified archive copies."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import openpyxl
import polars as pl

from dashboards import STREAMLIT_FLAGS, labels, queries
from pipelines.cli import build_parser
from pipelines.commands.serve_cmd import streamlit_command
from pipelines.exports.writers import ExportContext, to_xlsx_bytes


def test_serve_binds_loopback_unless_a_host_is_given() -> None:
    args = build_parser(only="serve").parse_args(["serve"])
    assert args.host == "127.0.0.1"
    assert "--server.address=127.0.0.1" in streamlit_command(args.port, args.host)
    opened = build_parser(only="serve").parse_args(["serve", "--host", "0.0.0.0"])
    assert "--server.address=0.0.0.0" in streamlit_command(opened.port, opened.host)
    assert "--client.showErrorDetails=none" in STREAMLIT_FLAGS


def test_file_names_with_markup_stay_text() -> None:
    line = labels.source_line(
        "[x](https://evil.example)![p](https://evil.example/p.png)", "a" * 64, 1, 2
    )
    assert "](" not in line.replace("\\]\\(", "")
    assert "\\[x\\]\\(https\\://evil\\.example\\)" in line
    assert "\n" not in labels.source_line("zeile1\nQuarantäne: 0", "a" * 64, None, None)
    assert labels.markdown_text("<img src=x onerror=alert(1)>").startswith("\\<img")


def _archived(archive: Path, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    (archive / sha[:2]).mkdir(parents=True, exist_ok=True)
    (archive / sha[:2] / sha).write_bytes(data)
    return sha


def test_only_archive_files_whose_hash_matches_are_offered(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    sha = _archived(archive, b"Zielvereinbarung")
    assert queries.verified_archive_file(archive, sha) == archive / sha[:2] / sha
    (tmp_path / "secret").write_text("secret")
    for crafted in ("../../secret", "../" * 5 + "etc/passwd", sha.upper(), "", None):
        assert queries.verified_archive_file(archive, crafted) is None
    swapped = _archived(archive, b"original bytes")
    os.chmod(archive / swapped[:2] / swapped, 0o644)
    (archive / swapped[:2] / swapped).write_bytes(b"other bytes!!!")
    assert queries.verified_archive_file(archive, swapped) is None
    linked = "ab" * 32
    (archive / "ab").mkdir(exist_ok=True)
    (archive / "ab" / linked).symlink_to(tmp_path / "secret")
    assert queries.verified_archive_file(archive, linked) is None


def test_xlsx_over_the_row_limit_continues_on_further_sheets() -> None:
    frame = pl.DataFrame({"original_name": [f"f{n}.pdf" for n in range(7)]})
    context = ExportContext("quarantaene", "Quarantäne", "s", None)
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, context, rows_per_sheet=3)))
    assert workbook.sheetnames[:3] == ["Quarantäne", "Quarantäne (2)", "Quarantäne (3)"]
    cells = [
        row[0]
        for name in workbook.sheetnames[:3]
        for row in workbook[name].iter_rows(min_row=2, values_only=True)
    ]
    assert cells == [f"f{n}.pdf" for n in range(7)]
    info = dict(workbook["Info"].iter_rows(values_only=True))
    assert info["Zeilen"] == "7" and "3 Blättern" in info["Tabellenblätter"]
