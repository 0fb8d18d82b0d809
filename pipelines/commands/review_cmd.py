"""``aqb review``: list open review items and decide them, for data engineers.

Every decision subcommand needs a reviewer identity (a local account with the role
``reviewer``: ``--reviewer`` or ``AQB_REVIEWER``, password from ``AQB_REVIEWER_PASSWORD`` or a
prompt) and a reason; it appends to the decisions log and prints the record as JSON. The next
ingest (``aqb watch`` at once) applies it. Exit codes: 0 recorded / listed, 1 refused (unknown
target, malformed value, nothing published), 2 usage, 3 not authorised (login failed, reader).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from pipelines.config import Settings, load_settings

EXIT_OK, EXIT_REFUSED, EXIT_NOT_AUTHORISED = 0, 1, 3
LIST_KINDS = ("match", "warning", "quarantine", "conflict", "version")


def _identity_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reviewer", help="local account name (default: AQB_REVIEWER)")
    parser.add_argument("--reason", required=True, help="why (required, shown in the audit)")


def _decision_parsers(commands: Any) -> None:
    accept = commands.add_parser("accept", help="confirm or re-map a decision line's project")
    accept.add_argument("decision_id")
    accept.add_argument("line_number", type=int)
    accept.add_argument("--project", help="project name (default: the matcher's suggestion)")
    accept.add_argument("--measure-type", type=int, choices=(1, 2, 3, 4))
    reject = commands.add_parser("reject", help="the line belongs to no agreement project")
    reject.add_argument("decision_id")
    reject.add_argument("line_number", type=int)
    waive = commands.add_parser("waive", help="accept a failed warning check until a date")
    waive.add_argument("suite", choices=("decisions_within_agreement", "statewide_totals"))
    waive.add_argument("year", type=int)
    waive.add_argument("--district", help="district key (default: the whole year)")
    waive.add_argument("--until", required=True, help="end date, 2026-12-31 or 31.12.2026")
    withdraw = commands.add_parser("withdraw", help="take a document out of the marts")
    withdraw.add_argument("sha256")
    dismiss = commands.add_parser("dismiss", help="mark a quarantined file 'nicht relevant'")
    dismiss.add_argument("sha256")
    settle = commands.add_parser("settle", help="choose the source of a conflict")
    settle.add_argument("--decision", help="grant decision file number")
    settle.add_argument("--district", help="district key (agreement versions)")
    settle.add_argument("--year", type=int, help="budget year (agreement versions)")
    settle.add_argument("--source", required=True, help="sha256 of the chosen document")
    correct = commands.add_parser("correct", help="correct one field of a parsed document")
    correct.add_argument("sha256")
    correct.add_argument("field")
    correct.add_argument("value")
    correct.add_argument("--decision", help="grant decision file number (decision fields)")
    release = commands.add_parser(
        "release", help="release a scan's held reading after comparing it with the scan"
    )
    release.add_argument("sha256")
    release.add_argument(
        "reading_hash", help="the reading's hash, as 'list --kind quarantine' shows"
    )
    release.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="FIELD=NAME",
        help="a name as the scan shows it, e.g. 'project:2.3=Jobcoaching' (repeatable)",
    )
    revoke = commands.add_parser("revoke", help="revoke a decision (restores what it replaced)")
    revoke.add_argument("review_id")
    for sub in (accept, reject, waive, withdraw, dismiss, settle, correct, release, revoke):
        _identity_arguments(sub)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="review_command", required=True)
    listing = commands.add_parser("list", help="open review items (JSON Lines)")
    listing.add_argument("--kind", choices=LIST_KINDS, action="append", default=[])
    listing.add_argument("--year", type=int)
    listing.add_argument("--district")
    commands.add_parser("audit", help="every decision recorded (JSON Lines)")
    _decision_parsers(commands)
    accounts = commands.add_parser("add-account", help="create a local account (password prompt)")
    accounts.add_argument("name")
    accounts.add_argument("--role", choices=("reader", "reviewer"), required=True)
    oidc = commands.add_parser("add-oidc-identity", help="grant a role to an OIDC e-mail address")
    oidc.add_argument("email")
    oidc.add_argument("--role", choices=("reader", "reviewer"), required=True)


def _target_and_payload(args: argparse.Namespace) -> tuple[dict, dict]:
    kind = args.review_command
    if kind in ("accept", "reject"):
        target = {"decision_id": args.decision_id, "line_number": args.line_number}
        payload = (
            {"project_name": args.project, "measure_type": args.measure_type}
            if kind == "accept" and args.project
            else {}
        )
        return target, payload
    if kind == "waive":
        target = {"suite": args.suite, "year": args.year, "district_ags": args.district}
        return target, {"until": args.until}
    if kind in ("withdraw", "dismiss"):
        return {"sha256": args.sha256}, {}
    if kind == "settle":
        target = (
            {"decision_id": args.decision}
            if args.decision
            else {"district_ags": args.district, "year": args.year}
        )
        return target, {"sha256": args.source}
    if kind == "correct":
        target = {"sha256": args.sha256, "decision_id": args.decision, "field": args.field}
        return target, {"value": args.value}
    if kind == "release":
        names = dict(item.partition("=")[::2] for item in args.name)
        return {"sha256": args.sha256, "reading_hash": args.reading_hash}, {"corrections": names}
    return {"review_id": args.review_id}, {}


def _password(prompt: str) -> str:
    from_env = os.environ.get("AQB_REVIEWER_PASSWORD")
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(prompt)


def _login(settings: Settings, name: str | None):
    from pipelines.review.accounts import AccountError, authenticate

    name = name or os.environ.get("AQB_REVIEWER", "")
    if not name:
        raise AccountError("Prüferkennung fehlt: --reviewer oder AQB_REVIEWER / no reviewer")
    return authenticate(settings.accounts_file, name, _password(f"Passwort für {name}: "))


def _print_rows(frame, args: argparse.Namespace, kind: str) -> None:
    if args.year is not None and "year" in frame.columns:
        frame = frame.filter(frame["year"] == args.year)
    if args.district and "district_ags" in frame.columns:
        frame = frame.filter(frame["district_ags"] == args.district)
    for row in frame.iter_rows(named=True):
        print(json.dumps({"kind": kind, **row}, ensure_ascii=False, default=str))


def _list(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.exports.snapshot import connect_snapshot
    from pipelines.review.candidate import review_snapshot
    from pipelines.review.items import audit_trail, open_items

    ref, _ = review_snapshot(settings.publish_dir)
    if ref is None:
        print("aqb review: noch nichts veröffentlicht / nothing published", file=sys.stderr)
        return EXIT_REFUSED
    with connect_snapshot(ref) as connection:
        if args.review_command == "audit":
            for row in audit_trail(connection).iter_rows(named=True):
                print(json.dumps(row, ensure_ascii=False, default=str))
            return EXIT_OK
        for kind in args.kind or LIST_KINDS:
            _print_rows(open_items(connection, kind), args, kind)
    return EXIT_OK


def _accounts(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.review.accounts import add_local_account, add_oidc_identity

    if args.review_command == "add-oidc-identity":
        account = add_oidc_identity(settings.accounts_file, args.email, args.role)
    else:
        password = _password(f"neues Passwort für {args.name}: ")
        account = add_local_account(settings.accounts_file, args.name, args.role, password)
    print(json.dumps({"name": account.name, "role": account.role, "oidc": account.oidc}))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    from pipelines.review.accounts import AccountError
    from pipelines.review.decide import NotAllowedError, decide
    from pipelines.review.log import ReviewError

    settings = load_settings()
    try:
        if args.review_command in ("list", "audit"):
            return _list(settings, args)
        if args.review_command in ("add-account", "add-oidc-identity"):
            return _accounts(settings, args)
        identity = _login(settings, args.reviewer)
        target, payload = _target_and_payload(args)
        record = decide(
            settings.review_log,
            settings.publish_dir,
            identity,
            args.review_command,
            target,
            args.reason,
            payload,
        )
    except (AccountError, NotAllowedError) as error:
        print(f"aqb review: {error}", file=sys.stderr)
        return EXIT_NOT_AUTHORISED
    except ReviewError as error:
        print(f"aqb review: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(record.to_json())
    return EXIT_OK
