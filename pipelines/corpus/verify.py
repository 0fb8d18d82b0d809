"""Check parser outcomes against the corpus manifest (ground truth), file by file.

Used by the corpus tests and the bench; by hand: ``python -m pipelines.corpus.verify CORPUS_DIR``
prints every file whose parse differs from what the manifest expects, and
``python -m pipelines.corpus.verify CORPUS_DIR WAREHOUSE`` the verdict of every scan. Agreements are compared on
what the manifest pins exactly (district, year, amounts, measures with projects, earmarks, other
budgets, signature dates); decisions on every field and line.

Scanned originals (``ManifestFile.is_scan``) have a weaker promise than clean files but a strict
one: they land with exactly their ground truth, or they are quarantined as unsure
(``SCAN_QUARANTINE_CODES``); a scan that lands with any figure different from its ground truth is
a failure. ``scan_verdicts`` checks that promise against a warehouse (what actually landed),
``mismatch`` against a parse outcome.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from pipelines.corpus import Manifest, ManifestFile
from pipelines.corpus.manifest import SCAN_QUARANTINE_CODES
from pipelines.parse.records import AgreementRecord, DecisionRecord, ParseOutcome

SQL_DIR = Path(__file__).with_name("sql")
# a scan's verdict: exact (landed with its ground truth), unsure (quarantined as scan_unsure),
# unread (quarantined as scanned_pdf: OCR found no document), wrong (landed with another figure),
# other (quarantined for another reason or never parsed: breaks the contract as well)
SCAN_VERDICTS = ("exact", "unsure", "unread", "wrong", "other")
PASSING_VERDICTS = frozenset({"exact", "unsure", "unread"})


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.quantize(Decimal('0.01')):f}"


def agreement_view(record: AgreementRecord) -> dict[str, Any]:
    """The parsed agreement in the manifest's shape (fields the manifest pins exactly)."""
    return {
        "district_ags": record.district_ags,
        "year": record.year,
        "budget_total_eur": _money(record.budget_total_eur),
        "measures": [
            {
                "measure_type": m.measure_type,
                "amount_eur": _money(m.amount_eur),
                "projects": [p.name for p in m.projects],
            }
            for m in record.measures
        ],
        "earmarks": sorted(_money(e.amount_eur) or "" for e in record.earmarks),
        "other_budgets": sorted(_money(b.amount_eur) or "" for b in record.other_budgets),
        "signature_dates": sorted(s.date.isoformat() for s in record.signatures if s.date),
    }


def expected_agreement_view(expected: dict[str, Any]) -> dict[str, Any]:
    return {
        "district_ags": expected["district_ags"],
        "year": expected["year"],
        "budget_total_eur": expected["budget_total_eur"],
        "measures": [
            {
                "measure_type": m["measure_type"],
                "amount_eur": m["amount_eur"],
                "projects": m["projects"],
            }
            for m in expected["measures"]
        ],
        "earmarks": sorted(e["amount_eur"] for e in expected["earmarks"]),
        "other_budgets": sorted(b["amount_eur"] for b in expected["other_budgets"]),
        "signature_dates": sorted(s["date"] for s in expected["signatures"]),
    }


def decision_view(record: DecisionRecord) -> dict[str, Any]:
    return {
        "decision_id": record.decision_id,
        "decision_type": record.decision_type,
        "decision_date": record.decision_date.isoformat(),
        "district_ags": record.district_ags,
        "year": record.year,
        "refers_to": record.refers_to,
        "total_eur": _money(record.total_eur),
        "used_total_eur": _money(record.used_total_eur),
        "reclaimed_total_eur": _money(record.reclaimed_total_eur),
        "lines": [
            (
                line.project,
                line.measure_type,
                line.provider,
                _money(line.amount_eur),
                _money(line.used_eur),
                _money(line.reclaimed_eur),
            )
            for line in record.lines
        ],
    }


def expected_decision_view(expected: dict[str, Any]) -> dict[str, Any]:
    view = {
        key: expected[key]
        for key in (
            "decision_id",
            "decision_type",
            "decision_date",
            "district_ags",
            "year",
            "refers_to",
            "total_eur",
            "used_total_eur",
            "reclaimed_total_eur",
        )
    }
    view["lines"] = [
        (
            line["project"],
            line["measure_type"],
            line["provider"],
            line["amount_eur"],
            line["used_eur"],
            line["reclaimed_eur"],
        )
        for line in expected["lines"]
    ]
    return view


def mismatch(item: ManifestFile, outcome: ParseOutcome) -> str | None:
    """None when the outcome is what the manifest expects, else a one-line explanation."""
    if item.is_scan and outcome.status != "ok":
        if outcome.reason_code in SCAN_QUARANTINE_CODES:
            return None
        return f"{item.path}: scan quarantined as {outcome.reason_code}, not as unsure"
    if item.expected_quarantine:
        return (
            None
            if outcome.status == "quarantined"
            else f"{item.path}: expected quarantine ({item.defect}), got ok"
        )
    if outcome.status != "ok":
        return f"{item.path}: quarantined: {outcome.reason}"
    assert item.expected is not None
    if item.document_type == "agreement":
        got, want = agreement_view(outcome.agreement), expected_agreement_view(item.expected)
        return None if got == want else f"{item.path}: {_diff(got, want)}"
    if item.document_type == "grant_decision":
        if len(outcome.decisions) != 1:
            return f"{item.path}: {len(outcome.decisions)} decisions instead of 1"
        got, want = decision_view(outcome.decisions[0]), expected_decision_view(item.expected)
        return None if got == want else f"{item.path}: {_diff(got, want)}"
    if item.document_type == "grant_decision_export":
        got_list = [
            decision_view(record)
            for record in sorted(outcome.decisions, key=lambda r: r.decision_id)
        ]
        want_list = [
            expected_decision_view(d)
            for d in sorted(item.expected["decisions"], key=lambda d: d["decision_id"])
        ]
        if outcome.rejected_rows:
            return f"{item.path}: rejected rows {outcome.rejected_rows[:3]}"
        return None if got_list == want_list else f"{item.path}: {_diff_lists(got_list, want_list)}"
    return f"{item.path}: unexpected document type {item.document_type}"


def _diff(got: dict[str, Any], want: dict[str, Any]) -> str:
    return "; ".join(
        f"{key}: got {got.get(key)!r} want {want.get(key)!r}"
        for key in want
        if got.get(key) != want.get(key)
    )


def _diff_lists(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> str:
    if len(got) != len(want):
        return f"{len(got)} decisions instead of {len(want)}"
    for one, other in zip(got, want, strict=True):
        if one != other:
            return f"{other['decision_id']}: {_diff(one, other)}"
    return "differs"


# ------------------------------------------------------------------------------ the warehouse


@dataclass(frozen=True)
class ScanVerdict:
    """What became of one scan in the warehouse, judged against its ground truth."""

    path: str
    document_type: str
    verdict: str  # one of SCAN_VERDICTS
    detail: str = ""  # the differing fields (wrong) or the reason code (quarantined, other)

    @property
    def passed(self) -> bool:
        return self.verdict in PASSING_VERDICTS


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _rows(connection: duckdb.DuckDBPyConnection, name: str, *params: Any) -> list[tuple]:
    return connection.execute(_sql(name), list(params)).fetchall()


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def stored_agreement_view(connection: duckdb.DuckDBPyConnection, sha256: str) -> dict[str, Any]:
    """The agreement stored from one document, in ``expected_agreement_view``'s shape."""
    ((district_ags, year, budget),) = _rows(connection, "agreement", sha256)
    projects: dict[int, list[str]] = {}
    for measure_type, name in _rows(connection, "agreement_projects", sha256):
        projects.setdefault(measure_type, []).append(name)
    return {
        "district_ags": district_ags,
        "year": year,
        "budget_total_eur": _money(budget),
        "measures": [
            {
                "measure_type": measure_type,
                "amount_eur": _money(amount),
                "projects": projects.get(measure_type, []),
            }
            for measure_type, amount in _rows(connection, "agreement_measures", sha256)
        ],
        "earmarks": sorted(
            _money(row[0]) or "" for row in _rows(connection, "agreement_earmarks", sha256)
        ),
        "other_budgets": sorted(
            _money(row[0]) or "" for row in _rows(connection, "agreement_other_budgets", sha256)
        ),
        "signature_dates": sorted(
            row[0].isoformat() for row in _rows(connection, "agreement_signatures", sha256)
        ),
    }


def stored_decision_views(
    connection: duckdb.DuckDBPyConnection, sha256: str
) -> list[dict[str, Any]]:
    """The decisions stored from one document, in ``expected_decision_view``'s shape."""
    views = []
    for row in _rows(connection, "decisions", sha256):
        decision_id, decision_type, decision_date, ags, year, refers_to = row[:6]
        total, used, reclaimed = row[6:]
        lines = [
            (project, measure_type, provider, _money(amount), _money(used_eur), _money(back))
            for project, measure_type, provider, amount, used_eur, back in _rows(
                connection, "decision_lines", sha256, decision_id
            )
        ]
        views.append(
            {
                "decision_id": decision_id,
                "decision_type": decision_type,
                "decision_date": _iso(decision_date),
                "district_ags": ags,
                "year": year,
                "refers_to": refers_to,
                "total_eur": _money(total),
                "used_total_eur": _money(used),
                "reclaimed_total_eur": _money(reclaimed),
                "lines": lines,
            }
        )
    return views


def scan_verdict(connection: duckdb.DuckDBPyConnection, item: ManifestFile) -> ScanVerdict:
    """Judge one scan by what the warehouse holds for its bytes (see ``SCAN_VERDICTS``)."""

    def verdict(name: str, detail: str = "") -> ScanVerdict:
        return ScanVerdict(item.path, item.document_type, name, detail)

    status = _rows(connection, "parse_status", item.sha256)
    if not status:
        return verdict("other", "never parsed")
    if status[0][0] != "ok":
        code = _rows(connection, "quarantine_code", item.sha256)
        reason = code[0][0] if code else None
        if reason == "scan_unsure":
            return verdict("unsure", reason)
        if reason == "scanned_pdf":
            return verdict("unread", reason)
        return verdict("other", f"quarantined as {reason}")
    assert item.expected is not None
    if item.document_type == "agreement":
        if not _rows(connection, "agreement", item.sha256):
            return verdict("other", "parsed, but no agreement stored")
        got = stored_agreement_view(connection, item.sha256)
        want = expected_agreement_view(item.expected)
    else:
        stored = stored_decision_views(connection, item.sha256)
        if len(stored) != 1:
            return verdict("wrong", f"{len(stored)} decisions stored instead of 1")
        got, want = stored[0], expected_decision_view(item.expected)
    return verdict("exact") if got == want else verdict("wrong", _diff(got, want))


HELD_VERDICTS = ("as_read_exact", "names_differ", "figures_differ", "nothing_held")


def _without_names(view: dict[str, Any]) -> dict[str, Any]:
    """A view with every name a reviewer may correct on release blanked (projects, decision
    lines' projects and providers; ``pipelines.parse.held.CORRECTABLE_FIELDS``), their count kept."""
    blank = dict(view)
    if "measures" in view:
        blank["measures"] = [
            {**measure, "projects": len(measure["projects"])} for measure in view["measures"]
        ]
    if "lines" in view:
        blank["lines"] = [(None, line[1], line[2] is None, *line[3:]) for line in view["lines"]]
    return blank


def held_verdict(item: ManifestFile, outcome: ParseOutcome) -> str:
    """What a reviewer finds in a scan held as unsure (``pipelines.parse.held``): a reading
    right as read (releasing it lands the truth), one whose names alone differ (right once the
    reviewer corrects them while releasing), one with a figure, date or count wrong (not to be
    released), or nothing held (the parser produced no record)."""
    held = outcome.held
    if held is None:
        return "nothing_held"
    assert item.expected is not None
    if item.document_type == "agreement":
        got, want = agreement_view(held), expected_agreement_view(item.expected)
    else:
        got, want = decision_view(held), expected_decision_view(item.expected)
    if got == want:
        return "as_read_exact"
    return "names_differ" if _without_names(got) == _without_names(want) else "figures_differ"


def outcome_verdict(item: ManifestFile, outcome: ParseOutcome) -> ScanVerdict:
    """Judge one scan by its parse outcome, before anything is stored (the bench's quick
    ``--parse-only`` measure): the same verdicts ``scan_verdict`` gives from the warehouse."""

    def verdict(name: str, detail: str = "") -> ScanVerdict:
        return ScanVerdict(item.path, item.document_type, name, detail)

    if outcome.status != "ok":
        named = {"scan_unsure": "unsure", "scanned_pdf": "unread"}
        code = outcome.reason_code
        if code in named:  # the quarantine's sentence names the field and its place
            return verdict(named[code], outcome.reason or code or "")
        return verdict("other", f"quarantined as {code}")
    assert item.expected is not None
    if item.document_type == "agreement":
        got = agreement_view(outcome.agreement)
        want = expected_agreement_view(item.expected)
    else:
        if len(outcome.decisions) != 1:
            return verdict("wrong", f"{len(outcome.decisions)} decisions read instead of 1")
        got, want = decision_view(outcome.decisions[0]), expected_decision_view(item.expected)
    return verdict("exact") if got == want else verdict("wrong", _diff(got, want))


def scan_verdicts(connection: duckdb.DuckDBPyConnection, manifest: Manifest) -> list[ScanVerdict]:
    """The verdict of every scan in the manifest, in manifest order."""
    return [scan_verdict(connection, item) for item in manifest.scans()]


def scan_problems(connection: duckdb.DuckDBPyConnection, manifest: Manifest) -> list[str]:
    """One line per scan that broke its promise (landed wrong, or quarantined otherwise)."""
    return [
        f"{verdict.path}: {verdict.verdict}: {verdict.detail}"
        for verdict in scan_verdicts(connection, manifest)
        if not verdict.passed
    ]


def verify_corpus(corpus_dir: Path) -> tuple[list[str], int]:
    """(mismatch descriptions, number of files checked) for every file in the manifest."""
    from pipelines.parse.dispatch import parse_document
    from pipelines.reference import DistrictIndex

    root = Path(corpus_dir)
    manifest = Manifest.load(root)
    extra = root / manifest.extra_districts_file if manifest.extra_districts_file else None
    index = DistrictIndex.with_extra(extra)
    problems: list[str] = []
    for item in manifest.files:
        outcome = parse_document(item.path, (root / item.path).read_bytes(), index)
        problem = mismatch(item, outcome)
        if problem:
            problems.append(problem)
    return problems, len(manifest.files)


def main(corpus_dir: str, warehouse_path: str | None = None) -> int:
    """Parse every file against the manifest; with a warehouse, judge the scans by what landed."""
    if warehouse_path is not None:
        connection = duckdb.connect(warehouse_path, read_only=True)
        try:
            verdicts = scan_verdicts(connection, Manifest.load(Path(corpus_dir)))
        finally:
            connection.close()
        for verdict in verdicts:
            print(f"{verdict.verdict:7} {verdict.path} {verdict.detail}")
        failed = [verdict for verdict in verdicts if not verdict.passed]
        print(f"{len(failed)} of {len(verdicts)} scans broke their promise")
        return 1 if failed else 0
    problems, checked = verify_corpus(Path(corpus_dir))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} of {checked} files differ from the manifest")
    return 1 if problems else 0


if __name__ == "__main__":  # python -m pipelines.corpus.verify CORPUS_DIR [WAREHOUSE]
    sys.exit(main(*sys.argv[1:3]))
