"""``aqb export TABLE``: a table of the published snapshot as CSV or XLSX (same files as the
dashboard's download buttons, written by ``pipelines.exports``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from pipelines.config import load_settings
from pipelines.exports import (
    METRICS,
    OUTDATED_SNAPSHOT_DE,
    TABLES,
    ExportContext,
    ExportFilters,
    MissingMartError,
    OutdatedSnapshotError,
    build_table,
    connect_snapshot,
    export_bytes,
    locate_snapshot,
    read_snapshot_info,
)

EXIT_OK, EXIT_ATTENTION = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("table", choices=sorted(TABLES), help="table to export")
    parser.add_argument(
        "--year",
        type=int,
        action="append",
        default=[],
        help="budget year (repeatable; default: all)",
    )
    parser.add_argument(
        "--district",
        action="append",
        default=[],
        help="district key with leading zero, e.g. 06431 (repeatable)",
    )
    parser.add_argument(
        "--measure-type",
        type=int,
        choices=(1, 2, 3, 4),
        help="measure type 1..4 (tables that have it)",
    )
    parser.add_argument(
        "--metric",
        choices=sorted(METRICS),
        default="budget_total_eur",
        help="metric of the 'vergleich' table",
    )
    parser.add_argument("--format", dest="export_format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument(
        "--out", help="output file; '-' writes CSV to stdout (default: aqb_<table>.<format>)"
    )


def _default_out(args: argparse.Namespace) -> Path:
    parts = [f"aqb_{args.table}", *(str(year) for year in args.year), *args.district]
    return Path("_".join(parts) + f".{args.export_format}")


def run(args: argparse.Namespace) -> int:
    """Write the table; exit 1 (with a German hint) when nothing is published yet."""
    for district in args.district:
        if not (len(district) == 5 and district.isdigit()):
            print(
                f"aqb export: Kreisschlüssel {district!r} ungültig (fünf Ziffern, z. B. 06431)",
                file=sys.stderr,
            )
            return EXIT_ATTENTION
    settings = load_settings()
    ref = locate_snapshot(settings.publish_dir)
    if ref is None:
        print(
            f"aqb export: Noch kein veröffentlichter Datenstand in {settings.publish_dir}. Bitte zuerst `aqb ingest` ausführen.",
            file=sys.stderr,
        )
        return EXIT_ATTENTION
    filters = ExportFilters(
        years=tuple(args.year),
        districts=tuple(args.district),
        measure_type=args.measure_type,
        metric=args.metric,
    )
    connection = connect_snapshot(ref)
    try:
        frame = build_table(connection, args.table, filters)
        info = read_snapshot_info(connection)
    except MissingMartError as error:
        print(
            f"aqb export: Tabelle {args.table!r} ist im Datenstand nicht enthalten ({error}).",
            file=sys.stderr,
        )
        return EXIT_ATTENTION
    except OutdatedSnapshotError as error:
        print(f"aqb export: {error.message_de} (Technisch: {error.detail})", file=sys.stderr)
        return EXIT_ATTENTION
    except duckdb.Error as error:  # any other mismatch between this code and the published file
        print(
            f"aqb export: {OUTDATED_SNAPSHOT_DE} (Technisch: {type(error).__name__}: {error})",
            file=sys.stderr,
        )
        return EXIT_ATTENTION
    finally:
        connection.close()
    spec = TABLES[args.table]
    context = ExportContext(
        table_name=spec.name,
        title_de=spec.title_de,
        description_de=spec.description_de,
        snapshot_id=ref.snapshot_id,
        published_at=info.get("published_at"),
        filters_de=filters.describe_de(),
        is_sample=bool(info.get("is_sample")),
        metric=filters.metric,
    )
    payload = export_bytes(frame, context, args.export_format)
    if args.out == "-":
        if args.export_format != "csv":
            print(
                "aqb export: XLSX kann nicht auf die Standardausgabe geschrieben werden; bitte --out angeben.",
                file=sys.stderr,
            )
            return EXIT_ATTENTION
        sys.stdout.buffer.write(payload)
        return EXIT_OK
    out_path = Path(args.out) if args.out else _default_out(args)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(payload)
    print(f"{out_path}: {frame.height} Zeilen ({args.table}, Datenstand {ref.snapshot_id})")
    return EXIT_OK
