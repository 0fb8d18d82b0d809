"""The ``aqb`` command line. Argument wiring only; each subcommand lives in ``pipelines.commands``.

Exit codes: 0 success, 1 the command ran but something needs attention (a file quarantined, a
check failed, nothing published), 2 usage errors. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_ATTENTION, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3

# subcommand -> module in pipelines.commands exposing add_arguments(parser) and run(args) -> int
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("parse_cmd", "Parse documents and print the records (JSON Lines or a table)."),
    "ingest": ("ingest_cmd", "Ingest an inbox into the warehouse, validate and publish."),
    "generate-corpus": ("corpus_cmd", "Write the deterministic synthetic sample corpus."),
    "export": ("export_cmd", "Export a table of the published snapshot as CSV or XLSX."),
    "demo": ("demo_cmd", "Main job: sample corpus -> ingest -> publish -> serve the dashboard."),
    "serve": ("serve_cmd", "Serve the dashboard on the last published snapshot."),
    "briefing": ("briefing_cmd", "Write the A4 briefing PDF (state or one district) of a year."),
    "watch": ("watch_cmd", "Keep an ingest worker running; ingest whenever the inbox changes."),
    "dagster": (
        "dagster_cmd",
        "The Dagster UI (dagster dev) on the project's persistent instance.",
    ),
    "review": ("review_cmd", "List open review items and record reviewers' decisions."),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that code
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"aqb: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand listed; with ``only``, just that subcommand's module is
    imported for its arguments (the others keep their help line), because importing all of them
    loads Polars, PyArrow and the parsers before the chosen command even starts."""
    parser = _Parser(prog="aqb", description="AQB Monitor command line")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(f"pipelines.commands.{module_name}")
        except ImportError as error:
            # One broken subcommand must not take the others down with it; swallow its arguments
            # so the user sees the real cause, not an argparse complaint about them.
            sub.add_argument("ignored", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
            sub.set_defaults(_run=_unavailable(name, error))
            continue
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def _unavailable(name: str, error: ImportError):
    def run(_args: argparse.Namespace) -> int:
        print(
            f"aqb {name}: not available in this installation ({error}); "
            "run 'bash scripts/setup.sh' to reinstall the project",
            file=sys.stderr,
        )
        return EXIT_ATTENTION

    return run


def chosen_subcommand(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is one), else None."""
    return next((word for word in argv if word in SUBCOMMANDS), None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=chosen_subcommand(argv))
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("aqb: abgebrochen (interrupted)", file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: one sentence, no traceback
        print(f"aqb {args.command}: failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
