"""Mutation testing of the rules that decide a number or a verdict (`make mutation`).

Runs mutmut (base config in pyproject.toml, [tool.mutmut]) once per module of MODULES, each in
its own work directory mutants/<module>/ with the config narrowed to the module's file and its
relevant test files; mutmut then runs each mutant only against those of the tests that executed
the mutated function, so a module takes minutes on 2 cores rather than a suite per mutant.
Writes bench/results/mutation.md: the score per module, every surviving mutant with its diff,
and for each survivor "explained" (an equivalent mutant, reason in
scripts/mutation_equivalent.toml) or "open".

Usage:
    python scripts/mutation.py                 # run every module, then write the report
    python scripts/mutation.py --report-only   # rewrite the report from the last run
    python scripts/mutation.py --module amounts --module dates
"""

from __future__ import annotations

import argparse
import ast
import difflib
import fnmatch
import functools
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "results" / "mutation.md"
EQUIVALENT = ROOT / "scripts" / "mutation_equivalent.toml"
MUTMUT = Path(sys.executable).with_name("mutmut")

PARSE_EDGES = "tests/parse/test_parse_malformed_and_boundaries.py"
TABLE_MALFORMED = "tests/decisions/test_decision_table_malformed.py"
MATCHING = "tests/decisions/test_decision_matching.py"
PUBLISH_GATE = "tests/warehouse/test_warehouse_publish_gate.py"


@dataclass(frozen=True)
class Module:
    """What one mutation run covers: the source file(s) mutated, the functions (mutant-name
    globs), and the test files relevant to them (each mutant runs only those of them that
    executed the mutated function)."""

    sources: tuple[str, ...]
    functions: tuple[str, ...]
    tests: tuple[str, ...]
    # for --fresh: mutant-name glob -> the tests that exercise it (default: ``tests``)
    fresh_tests: tuple[tuple[str, tuple[str, ...]], ...] = ()


MODULES: dict[str, Module] = {
    "amounts": Module(
        ("pipelines/parse/amounts.py",),
        ("pipelines.parse.amounts.*",),
        (PARSE_EDGES, "tests/parse/test_parse_properties.py", TABLE_MALFORMED),
    ),
    "dates": Module(
        ("pipelines/parse/dates.py",),
        ("pipelines.parse.dates.*",),
        (PARSE_EDGES, "tests/parse/test_parse_properties.py"),
    ),
    "districts": Module(
        ("pipelines/parse/districts.py",),
        ("pipelines.parse.districts.*",),
        (PARSE_EDGES, "tests/parse/test_parse_district_lookup.py"),
    ),
    "measures": Module(
        ("pipelines/parse/measures.py",),
        ("pipelines.parse.measures.*",),
        (
            "tests/parse/test_parse_measure_list_edges.py",
            "tests/parse/test_parse_agreement_variants.py",
            "tests/parse/test_parse_unseen.py",
        ),
    ),
    "budget": Module(
        ("pipelines/parse/budget.py",),
        ("pipelines.parse.budget.*",),
        (
            "tests/parse/test_parse_budget_edges.py",
            "tests/parse/test_parse_agreement_variants.py",
            "tests/parse/test_parse_unseen.py",
        ),
    ),
    "decision_letter": Module(
        ("pipelines/parse/decision_letter.py",),
        ("pipelines.parse.decision_letter.*",),
        (
            "tests/decisions/test_decision_letter_parser.py",
            "tests/decisions/test_decision_letter_edges.py",
            "tests/decisions/test_decision_source_conflict.py",
        ),
    ),
    "decision_table": Module(
        ("pipelines/parse/decision_table.py",),
        # the reader only: write_decision_table_csv/_xlsx write the sample exports for the
        # corpus and the tests, they decide no number (a wrong writer fails the round-trip tests)
        (
            "pipelines.parse.decision_table.x_parse_decision_table__*",
            "pipelines.parse.decision_table.x__*",
            "pipelines.parse.decision_table.xǁ*",
        ),
        ("tests/decisions/test_decision_table_parser.py", TABLE_MALFORMED),
    ),
    "decision_vocabulary": Module(
        ("pipelines/decisions/vocabulary.py",),
        ("pipelines.decisions.vocabulary.*",),
        (PARSE_EDGES, TABLE_MALFORMED, "tests/decisions/test_decision_table_parser.py"),
    ),
    "matching_thresholds": Module(
        ("pipelines/matching/names.py",),
        ("pipelines.matching.names.*",),
        # the pure tests only: the warehouse tests of test_decision_matching.py build a DuckDB
        # per test, which made a mutant cost minutes on 2 shared cores (48 of 199 in a session)
        (
            "tests/decisions/test_decision_matching_thresholds.py",
            f"{MATCHING}::test_normalise_name_folds_case_umlauts_and_punctuation",
            f"{MATCHING}::test_best_match_on_spelling_and_word_order_variants",
            f"{MATCHING}::test_equally_similar_candidates_go_to_review",
        ),
    ),
    "export_neutralisation": Module(
        ("pipelines/exports/writers.py",),
        ("pipelines.exports.writers.x_neutralise_formula__*",),
        (
            "tests/dashboard/test_dashboard_exports.py::test_neutralise_formula_prefixes_only_triggers",
            "tests/dashboard/test_dashboard_exports.py::test_csv_is_german_excel_friendly",
            "tests/dashboard/test_dashboard_exports.py::test_xlsx_round_trip_keeps_keys_types_and_sheets",
        ),
    ),
    "publish_gate": Module(
        ("pipelines/publish/state.py", "pipelines/publish/snapshot.py"),
        (
            "pipelines.publish.state.x_error_failures_of_run__*",
            "pipelines.publish.snapshot.x_current_snapshot_id__*",
            "pipelines.publish.snapshot.x_current_snapshot__*",
            "pipelines.publish.snapshot.x_prune_snapshots__*",
            "pipelines.publish.snapshot.x_publish_snapshot__*",
        ),
        (
            "tests/warehouse/test_warehouse_publish_gate.py",
            "tests/warehouse/test_warehouse_publish.py",
        ),
        (
            (
                "pipelines.publish.state.x_error_failures_of_run__*",
                (
                    f"{PUBLISH_GATE}::test_a_failed_error_check_of_this_run_stops_publishing",
                    f"{PUBLISH_GATE}::test_only_a_failed_error_check_of_this_run_stops_publishing",
                ),
            ),
            (
                "pipelines.publish.snapshot.x_current_snapshot*",
                (f"{PUBLISH_GATE}::test_current_names_only_a_complete_snapshot",),
            ),
            (
                "pipelines.publish.snapshot.x_prune_snapshots__*",
                (
                    f"{PUBLISH_GATE}::test_pruning_keeps_the_newest_and_never_the_current",
                    f"{PUBLISH_GATE}::test_pruning_removes_nothing_while_there_are_no_more_than_keep",
                ),
            ),
        ),
    ),
}

# cheapest test sets first, so a run cut short still reports whole modules
RUN_ORDER = [
    "export_neutralisation",
    "dates",
    "districts",
    "amounts",
    "decision_vocabulary",
    "matching_thresholds",
    "decision_table",
    "publish_gate",
    "measures",
    "budget",
    "decision_letter",
]
STATUS_BY_EXIT_CODE = {1: "killed", 3: "killed", 0: "survived", 33: "no tests", 34: "skipped"}
STATUS_BY_EXIT_CODE.update({code: "timeout" for code in (36, -24, 24, 152, 255)})


@dataclass
class ModuleResult:
    label: str
    source: str
    counts: Counter
    survivors: list[str]
    explained: dict[str, str]

    @property
    def total(self) -> int:
        """Mutants with a verdict (a run cut short leaves some "not checked")."""
        return sum(n for status, n in self.counts.items() if status != "not checked")

    @property
    def score(self) -> float:
        """Killed (a timeout counts: the mutant hung the tests) plus survivors explained as
        equivalent, over every mutant. Untested ("no tests") mutants count against the score."""
        caught = self.counts["killed"] + self.counts["timeout"] + len(self.explained)
        return 100.0 * caught / self.total if self.total else 0.0


WORK = ROOT / "mutants"  # git-ignored; one directory per module, mutmut's own mutants/ inside
LINKED = ("pipelines", "tests", "expectations", "workspace.yaml")


def _toml(value: object) -> str:
    """A TOML value for the simple strings, lists, numbers and booleans used here."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def prepare(label: str) -> Path:
    """The module's work directory: links to the project and a pyproject.toml whose
    [tool.mutmut] is the project's, narrowed to this module's sources and test files."""
    module = MODULES[label]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mutmut_config = dict(project["tool"]["mutmut"])
    mutmut_config["only_mutate"] = list(module.sources)
    mutmut_config["pytest_add_cli_args_test_selection"] = list(module.tests)
    work = WORK / label
    work.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = work / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    sections = {
        "tool.pytest.ini_options": project["tool"]["pytest"]["ini_options"],
        "tool.mutmut": mutmut_config,
    }
    text = "\n".join(
        f"[{section}]\n" + "".join(f"{key} = {_toml(value)}\n" for key, value in values.items())
        for section, values in sections.items()
    )
    (work / "pyproject.toml").write_text(text, encoding="utf-8")
    return work


def run_mutmut(label: str, max_children: int) -> int:
    """One mutmut run over the functions of module ``label`` in its work directory."""
    work = prepare(label)
    command = [str(MUTMUT), "run", "--max-children", str(max_children), *MODULES[label].functions]
    print(f"[{label}] $", " ".join(command), flush=True)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with open(work / "mutmut.log", "w", encoding="utf-8") as log:
        return subprocess.run(
            command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, check=False
        ).returncode


def run_fresh(label: str, timeout: float, recheck: bool = False) -> None:
    """Each unchecked mutant of ``label`` in a new pytest process (mutmut's own switch,
    MUTANT_UNDER_TEST), its exit code written back into mutmut's results. For modules whose
    tests start Dagster: mutmut forks one child per mutant from a process whose earlier test
    run left threads holding locks, and the child hangs (a "timeout" that would count as caught).
    Needs the mutants generated by an earlier ``mutmut run`` in mutants/<label>/ (stop it once
    it says "Running mutation testing"). ``recheck``: the survivors too, against tests
    written after the run (mutmut only reruns the tests it collected at its start)."""
    module = MODULES[label]
    work = WORK / label / "mutants"
    explained = (
        tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")) if EQUIVALENT.is_file() else {}
    )
    # mutmut runs against its own copy of tests/, made when the run started: bring it up to date
    ignored = shutil.ignore_patterns("__pycache__", "artifacts")
    shutil.copytree(ROOT / "tests", work / "tests", dirs_exist_ok=True, ignore=ignored)
    metas = {path: json.loads(path.read_text(encoding="utf-8")) for path in work.rglob("*.py.meta")}
    todo = []  # (has narrowed tests, name, meta path, tests): narrowed (fast) ones first
    for meta_path, meta in metas.items():
        for name, code in meta["exit_code_by_key"].items():
            if (
                code is not None
                and code != -9
                and not (recheck and _status(code) in ("survived", "suspicious"))
            ):
                continue  # -9: stopped by hand, no verdict; survivors again with --recheck
            if name in explained or not any(
                fnmatch.fnmatchcase(name, glob) for glob in module.functions
            ):
                continue
            tests = next((t for g, t in module.fresh_tests if fnmatch.fnmatchcase(name, g)), ())
            todo.append((not tests, name, meta_path, tests or module.tests))
    queue = [(name, meta_path, tests) for _, name, meta_path, tests in sorted(todo)]
    while queue:
        queue = _run_worker(label, work, queue, metas, timeout)


# One pytest session per mutant inside a single worker process: the mutated code asks
# os.environ["MUTANT_UNDER_TEST"] on every call, so the worker only sets it; imports (Dagster,
# DuckDB) happen once and nothing is forked.
_WORKER = """
import json, os, sys
import pytest
args = ["-x", "-q", "-p", "no:randomly", "-p", "no:xdist", "-p", "no:cacheprovider",
        "-m", "not browser and not slow"]
for line in sys.stdin:
    name, tests = json.loads(line)
    os.environ["MUTANT_UNDER_TEST"] = name
    code = int(pytest.main([*args, *tests]))
    print("RESULT " + json.dumps([name, code]), flush=True)
"""


def _run_worker(label, work, queue, metas, timeout):
    """Feed ``queue`` to one worker; returns what is left when a mutant hung (it counts as a
    timeout and a new worker takes the rest)."""
    import select

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    worker = subprocess.Popen(
        [sys.executable, "-c", _WORKER],
        cwd=work,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        for position, (name, meta_path, tests) in enumerate(queue):
            worker.stdin.write(json.dumps([name, list(tests)]) + "\n")
            worker.stdin.flush()
            code = None
            while code is None:
                ready, _, _ = select.select([worker.stdout], [], [], timeout)
                if not ready:
                    code = 36  # hung: a timeout, the worker is replaced
                    break
                line = worker.stdout.readline()
                if not line:
                    code = 36  # the worker died (e.g. the mutant exited the interpreter)
                    break
                if line.startswith("RESULT "):
                    code = json.loads(line[7:])[1]
            metas[meta_path]["exit_code_by_key"][name] = code
            meta_path.write_text(json.dumps(metas[meta_path]), encoding="utf-8")
            print(f"[{label}] {_status(code):8} {name}", flush=True)
            if code == 36:
                return queue[position + 1 :]
        return []
    finally:
        worker.kill()
        worker.wait()


def _exit_codes(label: str) -> dict[str, int | None]:
    codes: dict[str, int | None] = {}
    for meta in (WORK / label / "mutants").rglob("*.py.meta"):
        codes.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return codes


def _status(code: int | None) -> str:
    if code is None:
        return "not checked"
    return STATUS_BY_EXIT_CODE.get(code, "suspicious")


def collect(labels: list[str]) -> list[ModuleResult]:
    equivalent = (
        tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")) if EQUIVALENT.is_file() else {}
    )
    results = []
    for label in labels:
        module = MODULES[label]
        codes = _exit_codes(label)
        names = sorted(
            name
            for name in codes
            if any(fnmatch.fnmatchcase(name, glob) for glob in module.functions)
        )
        counts = Counter(_status(codes[name]) for name in names)
        survivors = [name for name in names if _status(codes[name]) in ("survived", "no tests")]
        explained = {name: equivalent[name] for name in survivors if name in equivalent}
        results.append(ModuleResult(label, ", ".join(module.sources), counts, survivors, explained))
    return results


@functools.cache
def _function_bodies(source: Path) -> dict[str, list[str]]:
    """Every function of a mutated copy, unparsed, by name: parsed once per file, because a
    module with many survivors made a parse per survivor take minutes."""
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return {}
    return {
        node.name: ast.unparse(node).splitlines()[1:]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
    }


def _diff(label: str, name: str) -> str:
    """The changed lines of one mutant: its function against the original, both read from the
    mutated copy mutmut writes (``x_<function>__mutmut_<n>`` beside ``..._mutmut_orig``); much
    faster than a ``mutmut show`` per survivor."""
    module_path, _, function = name.rpartition(".")
    source = WORK / label / "mutants" / (module_path.replace(".", "/") + ".py")
    original_name = function.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
    bodies = _function_bodies(source)
    if function not in bodies or original_name not in bodies:
        return ""
    diff = difflib.unified_diff(bodies[original_name], bodies[function], lineterm="", n=0)
    return "\n".join(
        line for line in diff if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    )


def _earlier(labels: list[str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Table rows and survivor sections of ``labels`` from the report about to be replaced, so
    a module not run in this checkout (no mutants/<module>/) keeps its last result, marked as
    an earlier run, instead of turning into "not run"."""
    if not REPORT.is_file():
        return {}, {}
    old = REPORT.read_text(encoding="utf-8").splitlines()
    header = next((line for line in old if line.startswith("Run ")), "")
    when = " ".join(header.split()[1:3]) + (f", {header.split()[6]}" if "commit" in header else "")
    rows: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    for label in labels:
        for line in old:
            if line.startswith((f"| {label} |", f"| {label} (")) and "not run" not in line:
                cells = line.split(" | ")
                if "(" not in cells[0]:
                    cells[0] = f"| {label} (earlier run {when.rstrip(',')})"
                rows[label] = " | ".join(cells)
        if f"### {label}" in old:
            start = old.index(f"### {label}")
            end = next(
                (i for i in range(start + 1, len(old)) if old[i].startswith("### ")), len(old)
            )
            sections[label] = old[start:end]
    return rows, sections


def _with_earlier(earlier_rows: dict[str, str], caught: int, total: int) -> str:
    """The overall figure over every module, the rows carried over from earlier runs included
    (their Checked, Killed, Timeout and Explained cells)."""
    if not earlier_rows:
        return ""
    for row in earlier_rows.values():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        total += int(cells[2])
        caught += int(cells[3]) + int(cells[4]) + int(cells[7])
    return f"; over every module, earlier runs included: {100.0 * caught / total:.1f} % ({caught} of {total})"


def write_report(results: list[ModuleResult], command: str) -> None:
    not_here = [result.label for result in results if not (WORK / result.label).is_dir()]
    earlier_rows, earlier_sections = _earlier(not_here)
    total = sum(result.total for result in results)
    caught = sum(
        result.counts["killed"] + result.counts["timeout"] + len(result.explained)
        for result in results
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        "# Mutation testing: the rules that decide a number or a verdict",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on commit {commit}, mutmut "
        f"{_mutmut_version()}, command: `{command}`.",
        "",
        "Score = (killed + timeout + survivors explained as equivalent) / all mutants. Each "
        "survivor is listed below with its diff; *explained* ones carry the reason from "
        "`scripts/mutation_equivalent.toml`.",
        "",
        f"**Overall: {100.0 * caught / total if total else 0:.1f} %** ({caught} of {total} "
        "checked mutants)" + _with_earlier(earlier_rows, caught, total) + ".",
        "",
        "| Module | Source | Checked | Killed | Timeout | Survived | No tests | Explained | Not checked | Score |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        counts = result.counts
        if result.label in earlier_rows:
            lines.append(earlier_rows[result.label])
            continue
        lines.append(
            f"| {result.label} | `{result.source}` | {result.total} | {counts['killed']} | "
            f"{counts['timeout']} | {counts['survived']} | {counts['no tests']} | "
            f"{len(result.explained)} | {counts['not checked']} | "
            + (f"{result.score:.1f} % |" if result.total else "not run |")
        )
    if earlier_rows:
        lines += [
            "",
            "Rows marked *earlier run* were not run in this checkout; they are carried over from "
            "the report this one replaced and are not part of the overall figure above.",
        ]
    lines += ["", "## Survivors", ""]
    for result in results:
        if result.label in earlier_sections:
            lines += [*earlier_sections[result.label], ""]
            continue
        if not result.survivors:
            continue
        lines += [f"### {result.label}", ""]
        for name in result.survivors:
            verdict = f"explained: {result.explained[name]}" if name in result.explained else "open"
            lines += [f"- `{name}` ({verdict})", "", "  ```diff"]
            lines += [f"  {line}" for line in _diff(result.label, name).splitlines()]
            lines += ["  ```", ""]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}: {100.0 * caught / total if total else 0:.1f} %")


def _mutmut_version() -> str:
    from importlib.metadata import version

    return version("mutmut")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(MODULES))
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="run the module's unchecked mutants one pytest process each (see run_fresh)",
    )
    parser.add_argument("--fresh-timeout", type=float, default=600.0)
    parser.add_argument("--recheck", action="store_true", help="with --fresh: survivors too")
    args = parser.parse_args(argv)
    labels = args.module or RUN_ORDER
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python scripts/mutation.py", *given]) if given else "make mutation"
    if args.fresh:
        for label in labels:
            run_fresh(label, args.fresh_timeout, args.recheck)
            write_report(collect(RUN_ORDER), command)
    elif not args.report_only:
        for label in labels:
            code = run_mutmut(label, args.max_children)
            if code != 0:
                print(f"[{label}] mutmut exited with {code}", file=sys.stderr)
            write_report(collect(RUN_ORDER), command)  # progress after every module
    # every module's last results (each keeps its own under mutants/<module>/)
    write_report(collect(RUN_ORDER), command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
