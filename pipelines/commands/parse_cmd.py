"""``aqb parse FILE... [--format json|table]``: parse documents and print what was read.

json: JSON Lines, one object per file; a tabular decision export (CSV/XLSX) with several
decisions prints one object per decision (each with the file's source and sha256).
Exit 0 when every file parsed, 1 when any was quarantined, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from pipelines.german import german_date, german_eur
from pipelines.parse.dispatch import PARSER_VERSION, parse_document
from pipelines.parse.records import AgreementRecord, DecisionRecord, ParseOutcome, to_jsonable

EXIT_OK, EXIT_ATTENTION, EXIT_USAGE = 0, 1, 2


DECISION_TYPES_DE: dict[str, str] = {
    "first": "Erstbescheid",
    "amendment": "Änderungsbescheid",
    "final": "Schlussbescheid",
    "revocation": "Widerrufsbescheid",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="PDF, text, CSV or XLSX files, or folders (every file inside, recursively, sorted)",
    )
    parser.add_argument(
        "--format",
        choices=("json", "table"),
        default="json",
        help=(
            "json: JSON Lines, one object per file (a CSV/XLSX decision export gives one object "
            "per decision); table: a readable summary"
        ),
    )


def expand_paths(names: list[str]) -> tuple[list[Path], list[str]]:
    """Files to parse in the order given (a folder: its files, recursively, sorted by relative
    path, hidden ones left out) and the names that are neither file nor folder."""
    files: list[Path] = []
    missing: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                sorted(
                    (
                        child
                        for child in path.rglob("*")
                        if child.is_file()
                        and not any(part.startswith(".") for part in child.relative_to(path).parts)
                    ),
                    key=lambda child: child.relative_to(path).as_posix(),
                )
            )
        else:
            missing.append(name)
    return files, missing


def _print_outcome(outcome: ParseOutcome, output_format: str) -> None:
    if output_format == "json":
        for item in outcome_objects(outcome):
            print(json.dumps(item, ensure_ascii=False))
    else:
        print(format_table(outcome))


def _silence_stdout() -> None:
    """After the reader went away (``| head``) the interpreter would still flush stdout at exit
    and complain; point it at /dev/null, as the Python docs advise for SIGPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run(args: argparse.Namespace) -> int:
    paths, missing = expand_paths(args.files)
    if missing:
        print(f"aqb parse: file not found: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    if not paths:
        print("aqb parse: the given folder(s) contain no files", file=sys.stderr)
        return EXIT_USAGE
    all_ok = True
    try:
        for path in paths:  # parse and print one by one: a pipe reader sees results at once
            outcome = parse_document(path.name, path.read_bytes())
            all_ok = all_ok and outcome.status == "ok"
            _print_outcome(outcome, args.format)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped (``aqb parse … | head``): stop quietly like any Unix filter
        _silence_stdout()
    return EXIT_OK if all_ok else EXIT_ATTENTION


def outcome_objects(outcome: ParseOutcome) -> list[dict[str, Any]]:
    """The JSON objects for one outcome: one per file, or one per decision of a table."""
    base: dict[str, Any] = {
        "source": outcome.source,
        "sha256": outcome.sha256,
        "status": outcome.status,
        "reason": outcome.reason,
        "document_type": outcome.document_type,
        "parser_version": PARSER_VERSION,
    }
    if outcome.agreement is not None:
        return [base | agreement_object(outcome.agreement)]
    if outcome.decisions:
        rejected = [{"row": row, "reason": reason} for row, reason in outcome.rejected_rows]
        return [
            base | decision_object(decision) | {"rejected_rows": rejected}
            for decision in outcome.decisions
        ]
    if outcome.rejected_rows:
        base["rejected_rows"] = [
            {"row": row, "reason": reason} for row, reason in outcome.rejected_rows
        ]
    return [base]


def agreement_object(record: AgreementRecord) -> dict[str, Any]:
    """An agreement's fields as JSON: measures with project names, signatures, provenance."""
    data = to_jsonable(record)
    data["measures"] = [
        {
            "measure_type": measure["measure_type"],
            "name": measure["name"],
            "amount_eur": measure["amount_eur"],
            "projects": [project["name"] for project in measure["projects"]],
            "project_amounts_eur": [project["amount_eur"] for project in measure["projects"]],
            "provenance": measure["provenance"],
            "project_provenance": [project["provenance"] for project in measure["projects"]],
        }
        for measure in data["measures"]
    ]
    return data


def decision_object(record: DecisionRecord) -> dict[str, Any]:
    """A decision's fields as JSON: id, type, date, district, year, lines, totals, provenance."""
    return to_jsonable(record)


def format_table(outcome: ParseOutcome) -> str:
    """A readable German/English summary of one outcome."""
    status = "OK" if outcome.status == "ok" else "QUARANTÄNE (quarantined)"
    lines = [f"== {outcome.source}  [{status}]  sha256 {outcome.sha256[:12]}…"]
    if outcome.reason:
        lines.append(f"   Grund (reason): {outcome.reason}")
    if outcome.agreement is not None:
        lines.extend(_agreement_lines(outcome.agreement))
    for decision in outcome.decisions:
        lines.extend(_decision_lines(decision))
    for row, reason in outcome.rejected_rows:
        lines.append(f"   Zeile {row} abgelehnt (row rejected): {reason}")
    return "\n".join(lines)


def _euro(value: Any) -> str:
    """German money format: 1.230.450,00 €."""
    return "–" if value is None else german_eur(value)


def _agreement_lines(record: AgreementRecord) -> list[str]:
    lines = [
        f"   Zielvereinbarung {record.year}: {record.district_name} ({record.district_ags})",
        f"   Ministerium: {record.ministry} ({record.ministry_short or '?'})",
        f"   Budget (AQB): {_euro(record.budget_total_eur)}",
    ]
    lines.extend(
        f"   Weiteres Budget: {other.label} {_euro(other.amount_eur)}"
        for other in record.other_budgets
    )
    for measure in record.measures:
        amount = f" – {_euro(measure.amount_eur)}" if measure.amount_eur is not None else ""
        lines.append(f"   {measure.measure_type}. {measure.name}{amount}")
        lines.extend(f"      - {project.name}" for project in measure.projects)
        if not measure.projects:
            lines.append("      (keine Projekte)")
    lines.extend(
        f"   Zweckbindung: {mark.label} {_euro(mark.amount_eur)}" for mark in record.earmarks
    )
    for signature in record.signatures:
        day = german_date(signature.date) if signature.date else "?"
        lines.append(
            f"   Unterschrift: {signature.place}, {day} – {signature.name} ({signature.role})"
        )
    return lines


def _decision_lines(record: DecisionRecord) -> list[str]:
    """A decision in German: its type (Schlussbescheid …), lines with used and reclaimed money."""
    day = german_date(record.decision_date)
    kind = DECISION_TYPES_DE.get(record.decision_type, record.decision_type)
    lines = [
        f"   {kind} {record.decision_id} vom {day}: {record.district_name} "
        f"({record.district_ags}) {record.year}, bewilligt {_euro(record.total_eur)}"
    ]
    if record.refers_to:
        lines.append(f"   bezieht sich auf: {record.refers_to}")
    if record.used_total_eur is not None or record.reclaimed_total_eur is not None:
        lines.append(
            f"   Verwendet: {_euro(record.used_total_eur)}, "
            f"Rückforderung: {_euro(record.reclaimed_total_eur)}"
        )
    for line in record.lines:
        used = ""
        if line.used_eur is not None or line.reclaimed_eur is not None:
            used = f", Verwendet {_euro(line.used_eur)}, Rückforderung {_euro(line.reclaimed_eur)}"
        lines.append(
            f"      Maßnahmenart {line.measure_type}: {line.project} ({line.provider or '–'}) "
            f"bewilligt {_euro(line.amount_eur)}{used}"
        )
    return lines
