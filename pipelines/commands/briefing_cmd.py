"""``aqb briefing --year Y [--district AGS] --out FILE.pdf``: the A4 briefing of the published
snapshot, the same PDF as the dashboard's download button (``dashboards.briefing``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from pipelines.config import load_settings
from pipelines.exports import (
    OUTDATED_SNAPSHOT_DE,
    OutdatedSnapshotError,
    connect_snapshot,
    locate_snapshot,
)

EXIT_OK, EXIT_ATTENTION = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="budget year, e.g. 2025")
    parser.add_argument(
        "--district", help="district key with leading zero, e.g. 06431 (default: whole state)"
    )
    parser.add_argument(
        "--out", help="output PDF (default: aqb_briefing_<year>_<district|hessen>_<snapshot>.pdf)"
    )


def run(args: argparse.Namespace) -> int:
    """Write the PDF; exit 1 with a German sentence for an unknown year/district or no data."""
    from dashboards.briefing import FontMissingError, briefing_pdf
    from dashboards.labels import briefing_file_name as file_name

    district = args.district
    if district is not None and not (len(district) == 5 and district.isdigit()):
        print(
            f"aqb briefing: Kreisschlüssel {district!r} ungültig (fünf Ziffern, z. B. 06431)",
            file=sys.stderr,
        )
        return EXIT_ATTENTION
    settings = load_settings()
    ref = locate_snapshot(settings.publish_dir)
    if ref is None:
        print(
            f"aqb briefing: Noch kein veröffentlichter Datenstand in {settings.publish_dir}. "
            "Bitte zuerst `aqb ingest` ausführen.",
            file=sys.stderr,
        )
        return EXIT_ATTENTION
    connection = connect_snapshot(ref)
    try:
        payload = briefing_pdf(connection, ref.snapshot_id, args.year, district)
    except (ValueError, FontMissingError) as error:
        print(f"aqb briefing: {error}", file=sys.stderr)
        return EXIT_ATTENTION
    except (OutdatedSnapshotError, duckdb.Error) as error:
        print(f"aqb briefing: {OUTDATED_SNAPSHOT_DE} (Technisch: {error})", file=sys.stderr)
        return EXIT_ATTENTION
    finally:
        connection.close()
    out_path = Path(args.out or file_name(ref.snapshot_id, args.year, district))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(payload)
    print(
        f"{out_path}: Briefing {args.year} ({district or 'Hessen'}, Datenstand {ref.snapshot_id})"
    )
    return EXIT_OK
