"""SQL mutants of the warehouse models, run against the model tests (part of `make mutation`).

Python mutation testers do not look inside .sql files, yet the flags and the current-version
logic live there. This script copies the project once into a temporary directory, then for each
mutant rewrites one model in that copy (the tracked files are never touched), runs the selected
tests in the copy (its ``warehouse`` package shadows the installed one because the copy is the
working directory) and restores the file. Mutants:

- comparison operators: ``>`` <-> ``>=``, ``<`` <-> ``<=``;
- filters on the current agreement: ``WHERE is_current`` -> ``WHERE NOT is_current``, and the
  definition of ``is_current`` (latest version -> first version);
- join conditions: each ``AND a.x = b.x`` conjunct dropped;
- "latest" windows: ``DESC`` -> ``ASC``.

Also a few hand-written Python mutants of code mutmut cannot reach (the body of a decorated
Dagster asset), so the publish step's second guard is tried too.

Writes bench/results/sql_mutants.md (killed / survived per mutant, score; survivors explained
as equivalent in scripts/sql_mutants_equivalent.toml count as caught, with their reason). Rows of the report
it replaces whose mutant was not run this time are kept, marked with that report's date, so a
run of a few models (or of single lines, ``--at``) does not drop the others' results.

Usage: python scripts/sql_mutants.py [--only mart_reconciliation] [--at stg_decision_state:31]
       [--list]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "results" / "sql_mutants.md"
EQUIVALENT = ROOT / "scripts" / "sql_mutants_equivalent.toml"
MODELS = "warehouse/models"
COPIED = ("warehouse", "pipelines", "dashboards", "tests", "expectations")
COPIED_FILES = ("pyproject.toml", "workspace.yaml")
IGNORED = shutil.ignore_patterns(
    "__pycache__", "*.duckdb", "*.duckdb.wal", "artifacts", "uncommitted"
)
# the tests that read each model's result, most sensitive first (pytest -x stops at the first
# failure, so a killed mutant costs only the tests up to it); other models: WAREHOUSE_TESTS
RECONCILIATION_TESTS = (
    "tests/decisions/test_decision_reconciliation_boundaries.py",
    "tests/decisions/test_decision_reconciliation.py",
)
# from_scan of the two marts that show decision figures (issue 16): scanned agreement/decision
SCAN_TESTS = ("tests/warehouse/test_warehouse_scan_marts.py",)
STATE_TESTS = ("tests/decisions/test_decision_state.py", *RECONCILIATION_TESTS)
WAREHOUSE_TESTS = ("tests/warehouse/test_warehouse_models.py",)
# boundaries (ties, equal amounts, superseded versions, waivers ending on the as-of date) of the
# marts that decide a number or a verdict, on a small hand-made warehouse: fast, so first
MART_TESTS = ("tests/warehouse/test_warehouse_mart_boundaries.py", *WAREHOUSE_TESTS)
TESTS_BY_MODEL = {
    "mart_reconciliation": (*RECONCILIATION_TESTS, *SCAN_TESTS),
    "mart_decisions": (*MART_TESTS, *RECONCILIATION_TESTS),
    "mart_district_year": MART_TESTS,
    "mart_state_year": MART_TESTS,
    "mart_measure_money": MART_TESTS,
    "mart_measure_mix": MART_TESTS,
    "mart_completeness": MART_TESTS,
    "mart_review_decisions": MART_TESTS,
    "mart_projects": MART_TESTS,
    "mart_project_changes": MART_TESTS,
    "mart_project_matches": (
        MART_TESTS[0],
        "tests/decisions/test_decision_matching.py",
        *SCAN_TESTS,
    ),
    "stg_inbox_entries": (MART_TESTS[0], "tests/warehouse/test_warehouse_reason_fallback.py"),
    "stg_districts": MART_TESTS,  # the latest population figure (eur_per_inhabitant)
    "mart_agreement_versions": (
        f"{MART_TESTS[0]}::test_agreement_versions_compare_each_version_with_the_one_before_in_its_year",
        *MART_TESTS,
    ),
    "stg_documents": MART_TESTS,
    "stg_quarantine": MART_TESTS,
    "mart_quarantine": MART_TESTS,
    "stg_decision_state": STATE_TESTS,
    # has_source_conflict is read only by the source-conflict test
    "stg_decision_events": (*STATE_TESTS, "tests/decisions/test_decision_source_conflict.py"),
    "stg_decision_lines": STATE_TESTS,
    # settle, correction and tie rules: the two stg_agreements tests of the boundaries first
    "stg_agreements": (
        f"{MART_TESTS[0]}::test_a_settle_decides_its_own_year_only_and_a_tie_needs_the_same_year_and_presence",
        f"{MART_TESTS[0]}::test_of_files_with_the_same_content_the_settled_then_the_corrected_one_represents_it",
        *RECONCILIATION_TESTS,
        *MART_TESTS,
    ),
    "stg_agreement_measures": (*MART_TESTS, *RECONCILIATION_TESTS),
    "stg_agreement_projects": (*MART_TESTS, "tests/decisions/test_decision_matching.py"),
}
PUBLISH_TESTS = ("tests/warehouse/test_warehouse_publish_gate.py",)


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to the project root
    line: int  # 1-based, for the report
    kind: str
    start: int  # character span in the file's text
    end: int
    replacement: str
    tests: tuple[str, ...]

    def describe(self, text: str) -> str:
        return f"`{text[self.start : self.end].strip()}` -> `{self.replacement.strip()}`"


_COMPARISON = re.compile(r"(?<=\s)(>=|<=|>|<)(?=\s)")
_SWAP = {">": ">=", ">=": ">", "<": "<=", "<=": "<"}
_CURRENT_FILTER = re.compile(r"\b(?:WHERE|AND)\s+(?P<column>(?:\w+\.)?is_current)\b")
_CURRENT_DEFINITION = re.compile(
    r"(?P<left>\w+\.version) = (?P<right>\w+\.versions)(?= AS is_current)"
)
_JOIN_CONJUNCT = re.compile(r"\s+AND\s+\w+\.\w+\s*=\s*\w+\.\w+")
_DESC = re.compile(r"\bDESC\b")

# mutants of Python code that mutmut cannot generate (decorated Dagster asset bodies)
ORCHESTRATION_GATE_TEST = (
    "tests/orchestration/test_orch_ingest.py"
    "::test_ingest_publishes_marts_then_a_planted_absurd_budget_blocks_publishing",
)
# (file, kind, code, mutated code, tests): the publish gate's guards
HAND_MUTANTS = (
    (
        "pipelines/defs/publishing/assets.py",
        "publish guard removed",
        "if failures.height:",
        "if False:",
        PUBLISH_TESTS,
    ),
    (
        "pipelines/defs/publishing/assets.py",
        "publish guard from the second failure",
        "if failures.height:",
        "if failures.height > 1:",
        PUBLISH_TESTS,
    ),
    (
        "pipelines/defs/quality/gx_checks.py",
        "error suites not blocking",
        'blocking=spec.severity == "error",',
        "blocking=False,",
        PUBLISH_TESTS,
    ),
    (
        "pipelines/defs/quality/gx_checks.py",
        "check result always passed",
        "passed=outcome.success,",
        "passed=True,",
        ORCHESTRATION_GATE_TEST,
    ),
)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of SQL code, comments (``-- ...``) excluded."""
    spans, position = [], 0
    for line in text.splitlines(keepends=True):
        comment = line.find("--")
        spans.append((position, position + (comment if comment >= 0 else len(line))))
        position += len(line)
    return spans


def _in_code(spans: list[tuple[int, int]], start: int) -> bool:
    return any(begin <= start < end for begin, end in spans)


def sql_mutants(path: Path) -> list[Mutant]:
    text = path.read_text(encoding="utf-8")
    relative = str(path.relative_to(ROOT))
    spans = _code_spans(text)
    found: list[Mutant] = []

    def add(kind: str, start: int, end: int, replacement: str) -> None:
        if _in_code(spans, start):
            line = text.count("\n", 0, start) + 1
            tests = TESTS_BY_MODEL.get(path.stem, WAREHOUSE_TESTS)
            found.append(Mutant(relative, line, kind, start, end, replacement, tests))

    for match in _COMPARISON.finditer(text):
        add("comparison", match.start(), match.end(), _SWAP[match.group(1)])
    for match in _CURRENT_FILTER.finditer(text):
        column = match.group("column")
        add("is_current filter", match.start("column"), match.end("column"), f"NOT {column}")
    for match in _CURRENT_DEFINITION.finditer(text):
        add("is_current definition", match.start(), match.end(), f"{match.group('left')} = 1")
    for match in _JOIN_CONJUNCT.finditer(text):
        add("join condition", match.start(), match.end(), "")
    for match in _DESC.finditer(text):
        add("latest first", match.start(), match.end(), "ASC")
    return found


def hand_mutants() -> list[Mutant]:
    found = []
    for relative, kind, old, new, tests in HAND_MUTANTS:
        text = (ROOT / relative).read_text(encoding="utf-8")
        start = text.find(old)
        if start < 0:
            print(f"hand mutant {kind!r}: {old!r} no longer in {relative}", file=sys.stderr)
            continue
        line = text.count("\n", 0, start) + 1
        found.append(Mutant(relative, line, kind, start, start + len(old), new, tests))
    return found


def all_mutants(only: list[str] | None) -> list[Mutant]:
    paths = sorted((ROOT / MODELS).glob("*/*.sql"))
    if only:  # in the order given, so the models that decide a number can go first
        paths = sorted(
            (path for path in paths if path.stem in only), key=lambda p: only.index(p.stem)
        )
    found = [mutant for path in paths for mutant in sql_mutants(path)]
    return found + hand_mutants()


def copy_project(target: Path) -> None:
    for name in COPIED:
        shutil.copytree(ROOT / name, target / name, ignore=IGNORED)
    for name in COPIED_FILES:
        shutil.copy2(ROOT / name, target / name)


def _run_tests(copy: Path, tests: tuple[str, ...]) -> subprocess.CompletedProcess:
    """The given tests in the copy, stopping at the first failure (no browser or slow tests)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            "-p",
            "no:xdist",
            "-m",
            "not browser and not slow",
            *tests,
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(copy), "OMP_THREAD_LIMIT": "1"},
    )


def run_mutant(copy: Path, mutant: Mutant) -> tuple[str, float]:
    """'killed' or 'survived' and the seconds it took; the copy's file is restored after."""
    target = copy / mutant.path
    original = target.read_text(encoding="utf-8")
    target.write_text(
        original[: mutant.start] + mutant.replacement + original[mutant.end :], encoding="utf-8"
    )
    started = time.monotonic()
    try:
        completed = _run_tests(copy, mutant.tests)
    finally:
        target.write_text(original, encoding="utf-8")
    status = {0: "survived", 1: "killed"}.get(completed.returncode, f"error {completed.returncode}")
    if status.startswith("error"):
        print(completed.stdout[-2000:], completed.stderr[-2000:], file=sys.stderr)
    return status, time.monotonic() - started


def baseline_check(copy: Path, mutants: list[Mutant]) -> None:
    """Every test set the mutants use passes on the unmutated copy. pytest exits 1 for a test
    that errors at setup (a fixture that no longer exists) as for one that fails, so a broken
    test file would otherwise count every mutant it runs as killed."""
    for tests in sorted({mutant.tests for mutant in mutants}):
        completed = _run_tests(copy, tests)
        if completed.returncode != 0:
            print(completed.stdout[-3000:], completed.stderr[-2000:], file=sys.stderr)
            raise SystemExit(
                f"these tests fail without any mutant, so no kill would count: {tests}"
            )


def sanity_check(copy: Path) -> None:
    """The copy's ``warehouse`` must be the one imported, or no mutant could ever be killed."""
    found = subprocess.run(
        [sys.executable, "-c", "import warehouse; print(warehouse.__file__)"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not found.startswith(str(copy)):
        raise SystemExit(f"the copy's warehouse package is not imported first: {found}")


def _row_key(cells: list[str]) -> tuple[str, str, str, str]:
    """What names a mutant across runs: file, line, kind and the edit (two identical edits on
    one line share a key and are kept in their order)."""
    return (cells[0], cells[1], cells[2], cells[3])


def _earlier_rows(text: str) -> list[tuple[tuple[str, str, str, str], str]]:
    """(key, table row) of every mutant in a report, the row's result marked with the run it
    came from (``killed (run 2026-12-05 17:27)``) unless it is marked already."""
    header = next((line for line in text.splitlines() if line.startswith("Run ")), "")
    when = " ".join(header.split()[1:3]).rstrip(",")
    rows = []
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 6:
            continue
        if "(run " not in cells[4]:
            cells[4] = f"{cells[4]} (run {when})"
        rows.append((_row_key(cells), "| " + " | ".join(cells) + " |"))
    return rows


def _equivalent_key(row: str) -> str:
    """``path:line mutation`` of a report row, the key of scripts/sql_mutants_equivalent.toml."""
    cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
    return f"{cells[0].strip('`')}:{cells[1]} {cells[3]}"


def _equivalent() -> dict[str, str]:
    """Surviving mutants explained as equivalent, with the reason (none when the file is absent)."""
    if not EQUIVALENT.is_file():
        return {}
    return tomllib.loads(EQUIVALENT.read_text(encoding="utf-8"))


def current_keys() -> Counter:
    """The key of every mutant the models and hand mutants give today: an earlier row whose
    mutant no longer exists (the model changed, its lines moved) is not carried over."""
    keys: Counter = Counter()
    for mutant in all_mutants(None):
        text = (ROOT / mutant.path).read_text(encoding="utf-8")
        keys[
            _row_key([f"`{mutant.path}`", str(mutant.line), mutant.kind, mutant.describe(text)])
        ] += 1
    return keys


def write_report(
    rows: list[tuple[Mutant, str, str, float]],
    command: str,
    earlier: str = "",
    existing: Counter | None = None,
) -> None:
    """The report: this run's rows, then the rows of the ``earlier`` report whose mutant this
    run did not try (same key, in order) and that still exist (``existing``, when given), and
    the score over both."""
    current = []
    for mutant, description, status, seconds in rows:
        cells = [f"`{mutant.path}`", str(mutant.line), mutant.kind, description, status]
        current.append((_row_key(cells), "| " + " | ".join([*cells, f"{seconds:.0f}"]) + " |"))
    run_now = Counter(key for key, _ in current)
    kept = []
    still = Counter(existing) if existing is not None else None
    for key, line in _earlier_rows(earlier):
        if run_now[key]:
            run_now[key] -= 1
        elif still is None or still[key] > 0:
            kept.append(line)
            if still is not None:
                still[key] -= 1
    killed_now = sum(1 for _, _, status, _ in rows if status == "killed")
    killed_kept = sum(1 for line in kept if line.split(" | ")[4].startswith("killed"))
    total = len(rows) + len(kept)
    killed = killed_now + killed_kept
    survivors = [
        line
        for line in [*(line for _, line in current), *kept]
        if "survived" in line.split(" | ")[4]
    ]
    equivalent = _equivalent()
    explained = {
        line: equivalent[_equivalent_key(line)]
        for line in survivors
        if _equivalent_key(line) in equivalent
    }
    caught = killed + len(explained)
    lines = [
        "# SQL mutants of the warehouse models",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, command: `{command}`. Each mutant is one "
        "edit of a model (or of the publish asset) in a temporary copy of the project, run "
        "against the model tests; see scripts/sql_mutants.py. Rows whose result says "
        "*(run ...)* were not run this time: they come from the report this one replaced.",
        "",
        f"**Score {100.0 * caught / total if total else 0:.1f} %**: {killed} of {total} killed, "
        f"{len(explained)} survivors explained as equivalent (this run killed {killed_now} of "
        f"{len(rows)}).",
        "",
        "| File | Line | Kind | Mutation | Result | Seconds |",
        "|---|---:|---|---|---|---:|",
        *(line for _, line in current),
        *kept,
    ]
    if survivors:
        lines += ["", "## Survivors", ""]
        lines += [
            f"- {_equivalent_key(line)}: "
            + (f"equivalent: {explained[line]}" if line in explained else "**open**")
            for line in survivors
        ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}: killed {killed} of {total}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="model name (file stem); repeatable")
    parser.add_argument(
        "--at", action="append", help="only the mutants at model:line (e.g. mart_state_year:37)"
    )
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    args = parser.parse_args(argv)
    mutants = all_mutants(args.only)
    if args.at:
        places = {(model, int(line)) for model, _, line in (at.rpartition(":") for at in args.at)}
        mutants = [m for m in mutants if (Path(m.path).stem, m.line) in places]
    if args.list:
        for mutant in mutants:
            text = (ROOT / mutant.path).read_text(encoding="utf-8")
            print(f"{mutant.path}:{mutant.line} {mutant.kind}: {mutant.describe(text)}")
        return 0
    command = (
        "python scripts/sql_mutants.py"
        + "".join(f" --only {name}" for name in args.only or [])
        + "".join(f" --at {at}" for at in args.at or [])
    )
    earlier = REPORT.read_text(encoding="utf-8") if REPORT.is_file() else ""
    existing = current_keys()
    rows = []
    with tempfile.TemporaryDirectory(prefix="aqb_sql_mutants_") as directory:
        copy = Path(directory)
        copy_project(copy)
        sanity_check(copy)
        baseline_check(copy, mutants)
        for number, mutant in enumerate(mutants, 1):
            text = (ROOT / mutant.path).read_text(encoding="utf-8")
            status, seconds = run_mutant(copy, mutant)
            description = mutant.describe(text)
            print(f"[{number}/{len(mutants)}] {status:8} {mutant.path}:{mutant.line} {description}")
            rows.append((mutant, description, status, seconds))
            write_report(
                rows, command, earlier, existing
            )  # after every mutant: a cut run still reports
    return 0 if all(status == "killed" for _, _, status, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
