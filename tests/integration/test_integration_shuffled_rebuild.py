"""The current agreement of a district-year is a function of the documents, never of their
arrival order: a warehouse rebuilt from the same inbox, its files arriving in another order and
with other modification times, has exactly the marts of the live one.

The inbox holds the generated corpus plus the two cases arrival order used to decide: two
corrections of one district-year signed on the same day as the original (a tie, resolved by
the content fingerprint and flagged ``has_version_conflict``), and a byte-different copy of an
agreement with the same parsed content (a duplicate, not a new version).
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Settings
from pipelines.corpus import generate_corpus
from pipelines.orchestration import run_ingest
from tests.support.marts import comparable_marts

pytestmark = pytest.mark.slow

TIE_SOURCE = "agreements/2025/zielvereinbarung_2025_06431_landkreis_bergstrasse.txt"


def _tie_versions(source: bytes) -> dict[str, bytes]:
    """Two corrections signed the same day as ``source`` (another budget, found where the
    parser found it) and a copy with other bytes and the same content."""
    from pipelines.parse.dispatch import parse_document

    outcome = parse_document(Path(TIE_SOURCE).name, source, None)
    assert outcome.status == "ok" and outcome.agreement is not None, outcome.reason
    assert not any(m.amount_eur for m in outcome.agreement.measures), "amounts would not add up"
    budget = int(outcome.agreement.budget_total_eur)
    text = source.decode("utf-8")

    def german(value: int) -> str:
        return f"{value:,}".replace(",", ".")

    assert text.count(german(budget)) == 1, german(budget)
    versions = {
        suffix: text.replace(german(budget), german(budget + extra)).encode("utf-8")
        for suffix, extra in (("_berichtigt_a", 52_000), ("_berichtigt_b", 53_000))
    }
    versions["_kopie"] = source + b"\n"
    return versions


def _place(files: Iterable[tuple[str, bytes]], inbox: Path, rng: random.Random) -> None:
    """Write files into ``inbox`` with random modification times."""
    for relative, data in files:
        path = inbox / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        stamp = rng.uniform(1.6e9, 1.75e9)
        os.utime(path, (stamp, stamp))


def _ingest_in_steps(root: Path, steps: list[list[tuple[str, bytes]]], seed: int) -> Path:
    """A warehouse fed one step of files per run (each run sees what came before, too)."""
    inbox = root / "inbox"
    inbox.mkdir(parents=True)
    settings = Settings.rooted_at(root, inbox)
    rng = random.Random(seed)
    for files in steps:
        _place(files, inbox, rng)
        summary = run_ingest(settings)
        assert summary.run_success, summary.failures
    return settings.warehouse_path


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    corpus = tmp_path_factory.mktemp("corpus")
    generate_corpus(corpus, years=(2024, 2025), defect_rate=0.05)
    files = {
        os.fsdecode(path.relative_to(corpus)): path.read_bytes()
        for path in sorted(corpus.rglob("*"))
        if path.is_file() and path.parent != corpus
    }
    stem = TIE_SOURCE.removesuffix(".txt")
    for suffix, data in _tie_versions(files[TIE_SOURCE]).items():
        files[f"{stem}{suffix}.txt"] = data
    return files


@pytest.fixture(scope="module")
def live_and_rebuilt(tmp_path_factory: pytest.TempPathFactory, documents: dict[str, bytes]):
    stem = TIE_SOURCE.removesuffix(".txt")
    late = {f"{stem}_berichtigt_a.txt"}
    early = {f"{stem}_berichtigt_b.txt", f"{stem}_kopie.txt"}
    rest = [(name, data) for name, data in documents.items() if name not in late | early]
    live = _ingest_in_steps(
        tmp_path_factory.mktemp("live"),
        [
            [*rest, *((name, documents[name]) for name in sorted(early))],
            [(name, documents[name]) for name in sorted(late)],
        ],
        seed=1,
    )
    shuffled = list(documents.items())
    random.Random(2).shuffle(shuffled)
    rebuilt = _ingest_in_steps(
        tmp_path_factory.mktemp("rebuilt"),
        [
            [(name, documents[name]) for name in sorted(late)],
            [item for item in shuffled if item[0] not in late],
        ],
        seed=3,
    )
    return live, rebuilt


def test_a_rebuild_in_another_order_gives_every_mart_of_the_live_warehouse(
    live_and_rebuilt,
) -> None:
    live, rebuilt = live_and_rebuilt
    live_marts, rebuilt_marts = comparable_marts(live), comparable_marts(rebuilt)
    assert set(live_marts) == set(rebuilt_marts)
    assert "mart_district_year" in live_marts
    for table, rows in live_marts.items():
        assert rows == rebuilt_marts[table], f"{table} differs between live and rebuilt"


def test_same_day_versions_are_a_flagged_conflict_and_a_copy_is_no_version(
    live_and_rebuilt, documents
) -> None:
    live, _rebuilt = live_and_rebuilt
    with duckdb.connect(str(live), read_only=True) as connection:
        rows = connection.execute(
            "SELECT source_name, is_current, has_version_conflict, content_fingerprint "
            "FROM stg_agreements WHERE district_ags = '06431' AND year = 2025 ORDER BY version"
        ).fetchall()
    names = [Path(name).name for name, *_ in rows]
    # the copy with other bytes is no version of its own: three contents, three versions
    assert len(rows) == 3, names
    assert (
        sum(1 for name in names if "_kopie" in name)
        + sum(1 for name in names if name.endswith("bergstrasse.txt"))
        == 1
    )
    assert all(conflict for _name, _current, conflict, _fingerprint in rows)
    # the documented tie rule: of the versions signed that day, the largest fingerprint is current
    current = [row for row in rows if row[1]]
    assert len(current) == 1
    assert current[0][3] == max(fingerprint for *_rest, fingerprint in rows)
