"""A hostile inbox (bench/hostile_inbox.py: links out of the inbox, loops, FIFOs, sockets, hidden
and unreadable entries, junk, truncated files, Markdown and newline names, undecodable bytes,
bombs over every limit, copies) beside good documents, ingested by ``aqb ingest`` as an
unprivileged user (``nobody``, so permissions bite as on a server): every entry is accounted for
in the Eingangsprotokoll, nothing outside the inbox is archived, and the good documents' marts
are exactly those of a clean run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from bench.hostile_inbox import HOSTILE_LIMITS, add_hostile_entries
from pipelines.config import PROJECT_ROOT, Settings
from pipelines.corpus import generate_corpus
from pipelines.orchestration import run_ingest

pytestmark = pytest.mark.slow

NOBODY = 65534
# marts that only describe good documents: identical with and without the hostile entries
GOOD_MARTS = (
    "mart_district_year",
    "mart_measure_mix",
    "mart_projects",
    "mart_decisions",
    "mart_reconciliation",
    "mart_state_year",
)


def _open_to_everyone(root: Path) -> None:
    for folder, _subfolders, files in os.walk(root):
        os.chmod(folder, 0o777)
        for name in files:
            os.chmod(Path(folder) / name, 0o666)


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    """A folder ``nobody`` may use (pytest's tmp_path is private to root)."""
    root = Path(tempfile.mkdtemp(prefix="aqb-hostile-"))
    os.chmod(root, 0o777)
    yield root
    for folder, _subfolders, _files in os.walk(root):
        os.chmod(folder, 0o777)
    shutil.rmtree(root, ignore_errors=True)


def _settings(root: Path, inbox: Path) -> Settings:
    return Settings.rooted_at(root, inbox)


def _marts(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return {
            mart: sorted(connection.execute(f"SELECT * FROM {mart}").fetchall(), key=repr)
            for mart in GOOD_MARTS
        }


@pytest.fixture(scope="module")
def hostile_run(work: Path):
    corpus = work / "good"
    generate_corpus(corpus, years=(2024, 2025), defect_rate=0.0)
    good_files = sorted(
        path for path in corpus.rglob("*") if path.is_file() and path.parent != corpus
    )
    clean = run_ingest(_settings(work / "clean", corpus))
    assert clean.published, clean.failures

    inbox = work / "inbox"
    shutil.copytree(corpus, inbox)
    good_in_inbox = sorted(inbox / path.relative_to(corpus) for path in good_files)
    _open_to_everyone(inbox)
    expected = add_hostile_entries(inbox, good_in_inbox)
    run_root = work / "hostile"
    run_root.mkdir()
    os.chmod(run_root, 0o777)
    settings = _settings(run_root, inbox)
    environment = {
        **os.environ,
        **HOSTILE_LIMITS,
        "AQB_INBOX_DIR": str(inbox),
        "AQB_WAREHOUSE_PATH": str(settings.warehouse_path),
        "AQB_ARCHIVE_DIR": str(settings.archive_dir),
        "AQB_PUBLISH_DIR": str(settings.publish_dir),
        "AQB_DATA_DOCS_DIR": str(settings.data_docs_dir),
        "AQB_PARSE_TIMEOUT_SECONDS": "120",
        "HOME": str(run_root),
        # a Dagster instance ``nobody`` may write (the default, data/dagster_home of the
        # checkout, belongs to root: the run could not start, exit 3)
        "DAGSTER_HOME": str(run_root / "dagster_home"),
    }
    completed = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-m",
            "pipelines.cli",
            "ingest",
            "--no-progress",
        ],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return {
        "completed": completed,
        "expected": expected,
        "good": [os.fsdecode(path.relative_to(inbox)) for path in good_in_inbox],
        "settings": settings,
        "clean": work / "clean" / "warehouse.duckdb",
    }


def _protocol(settings: Settings) -> dict[str, tuple[str, str | None]]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as connection:
        rows = connection.execute(
            "SELECT relative_path, outcome, reason_code FROM mart_inbox_entries"
        ).fetchall()
    return {path: (outcome, code) for path, outcome, code in rows}


def test_every_entry_is_accounted_for(hostile_run) -> None:
    completed = hostile_run["completed"]
    assert completed.returncode == 1, completed.stdout[-3000:] + completed.stderr[-3000:]
    expected = hostile_run["expected"]
    assert len(expected) >= 200
    protocol = _protocol(hostile_run["settings"])
    printable = {
        path.encode("utf-8", "surrogateescape")
        .decode("utf-8", "backslashreplace")
        .replace("\n", "\\n"): outcome
        for path, outcome in expected.items()
    }
    for path, outcome in printable.items():
        assert path in protocol, f"{path!r} is missing from the Eingangsprotokoll"
        assert protocol[path][0] == outcome, (path, protocol[path])
    for path in hostile_run["good"]:
        assert protocol[path][0] in {"landed", "quarantined"}, (path, protocol[path])
    assert protocol["manifest.json"][1] == "corpus_description"
    assert set(protocol) == set(printable) | set(hostile_run["good"]) | {"manifest.json"}
    # the summary's counts add up to the entries
    summary = completed.stdout
    assert f"Dateien / files: {len(protocol)}" in summary
    assert "\nQuarantäne: 0" not in summary  # a newline in a name cannot forge a line


def test_limits_and_links_give_their_reasons(hostile_run) -> None:
    protocol = _protocol(hostile_run["settings"])
    codes = {path: code for path, (_outcome, code) in protocol.items()}
    assert codes["hostile/link_0_0.pdf"] == "symlink"
    assert codes["hostile/pipe_0.csv"] == "special_file"
    assert codes["hostile/locked_0.txt"] == "unreadable"
    assert codes["hostile/locked_folder_0"] == "unreadable"
    assert codes["hostile/big_0.txt"] == "file_too_large"
    assert codes["hostile/long_line_0.txt"] == "line_too_long"
    assert codes["hostile/many_rows_0.csv"] == "too_many_rows"
    assert codes["hostile/shared_strings_bomb_0.xlsx"] == "xlsx_too_large"
    assert codes["hostile/row_bomb_0.xlsx"] == "too_many_rows"


def test_nothing_outside_the_inbox_was_archived(hostile_run) -> None:
    archive = hostile_run["settings"].archive_dir
    stored = b"".join(path.read_bytes() for path in archive.rglob("*") if path.is_file())
    assert b"must never be archived" not in stored
    assert b"root:x:0:0" not in stored


def test_good_documents_give_the_marts_of_a_clean_run(hostile_run) -> None:
    assert _marts(hostile_run["settings"].warehouse_path) == _marts(hostile_run["clean"])
