"""End to end with the real parser: inbox -> registry -> parse -> staging -> marts -> snapshot.

The agreements are written here in the published layout (docs/formats.md), so the test needs
nothing outside the project; the real Bergstraße agreement is added where ../shared exists.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

import warehouse
from pipelines.ingest.loader import (
    PendingDocument,
    iter_parsed_rows,
    parse_pending,
    pending_documents,
    store_batches,
)
from pipelines.ingest.registry import register_documents, scan_inbox
from pipelines.parse.dispatch import PARSER_VERSION
from pipelines.publish.snapshot import current_snapshot, publish_snapshot
from pipelines.reference import DistrictIndex

MEASURE_HEADINGS = (
    "Ausbildungsvorbereitung",
    "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
    "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
    "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen "
    "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung",
)


def agreement_text(
    district_dative: str,
    district_genitive: str,
    year: int,
    amount: str,
    projects: dict[int, list[str]],
    signed: str,
) -> str:
    """An agreement in the published layout (as the real Bergstraße one)."""
    measures = []
    for number, heading in enumerate(MEASURE_HEADINGS, start=1):
        measures.append(f"{number}. {heading}")
        measures.extend(f" - {project}" for project in projects.get(number, []))
    return (
        "\n\n".join(
            [
                "Zielvereinbarung",
                str(year),
                "zwischen",
                "dem Hessischen Ministerium für Soziales und Integration",
                f"und {district_dative}",
                "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets",
                "Präambel",
                f"Das HMSI vereinbart Ziele mit den Kreisen und kreisfreien Städten, darunter {district_dative}.",
                "§ 4",
                "Haushaltsmittel und Eckdaten",
                f"Das HMSI stellt {district_dative} im Jahr {year} Haushaltsmittel in Höhe von insgesamt",
                amount,
                f"aus dem Ausbildungs- und Qualifizierungsbudget {year} zur Verfügung.",
                "§ 5",
                f"Ziele für die Umsetzung {district_genitive}",
                f"Es werden mit den Mitteln des Ausbildungs- und Qualifizierungsbudgets {year} in den "
                "jeweiligen Maßnahmenarten folgende Projekte finanziert:",
                "\n".join(measures),
                "§ 7",
                "Kontinuierlicher Verbesserungsprozess",
                f"Wiesbaden, den {signed}\n\n\n\nKai Klose\nStaatsminister\nHessisches Ministerium\nfür Soziales und Integration",
                f"Friedberg, den {signed}\n\n\n\nJan Weckler\nLandrat\n{district_genitive}",
            ]
        )
        + "\n"
    )


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wetterau = ("dem Wetteraukreis", "des Wetteraukreises")
    (inbox / "zv_2023_06440.txt").write_text(
        agreement_text(
            *wetterau,
            2023,
            "1.100.000 Euro",
            {1: ["Jugendwerkstatt"], 3: ["Jobcoaching Friedberg"]},
            "3.4.2023",
        )
    )
    (inbox / "zv_2024_06440.txt").write_text(
        agreement_text(
            *wetterau,
            2024,
            "1.120.000 Euro",
            {1: ["Jugendwerkstatt"], 3: ["Sprachkurs Büdingen"]},
            "2.4.2024",
        )
    )
    (inbox / "zv_2024_06440_korrigiert.txt").write_text(
        agreement_text(
            *wetterau,
            2024,
            "1.140.300,00 €",
            {1: ["Jugendwerkstatt"], 3: ["Sprachkurs Büdingen", "Jobdatings"]},
            "9.7.2024",
        )
    )
    (inbox / "pressemitteilung.txt").write_text(
        "Pressemitteilung\n\nWetteraukreis erhält 1.140.300 Euro für Ausbildung und Qualifizierung.\n"
    )
    (inbox / "leer.pdf").write_bytes(b"")
    return inbox


def test_inbox_to_snapshot_with_the_real_parser(tmp_path: Path) -> None:
    inbox, archive = _inbox(tmp_path), tmp_path / "archive"
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    warehouse.load_reference_data(connection)
    register_documents(connection, scan_inbox(inbox), archive, run_id="r1", is_sample=False)

    summary = parse_pending(connection, archive, DistrictIndex.shipped(), PARSER_VERSION)

    assert (summary.parsed, summary.new, summary.updated, summary.quarantined) == (5, 2, 1, 2)
    reasons = [
        row[0]
        for row in connection.execute(
            "SELECT reason FROM quarantine ORDER BY original_name"
        ).fetchall()
    ]
    assert len(reasons) == 2 and all(reason and reason.endswith(".") for reason in reasons)

    warehouse.build_models(connection, "staging")
    warehouse.build_models(connection, "marts")
    rows = connection.execute(
        "SELECT year, budget_total_eur, agreement_version, agreement_versions, source_name, n_projects"
        " FROM mart_district_year WHERE district_ags = '06440' ORDER BY year"
    ).fetchall()
    assert rows == [
        (2023, Decimal("1100000.00"), 1, 1, "zv_2023_06440.txt", 2),
        (2024, Decimal("1140300.00"), 2, 2, "zv_2024_06440_korrigiert.txt", 3),
    ]
    changes = connection.execute(
        "SELECT project_name, change FROM mart_project_changes WHERE district_ags = '06440' AND year = 2024 ORDER BY change, project_name"
    ).fetchall()
    assert changes == [
        ("Jobcoaching Friedberg", "beendet"),
        ("Jugendwerkstatt", "fortgeführt"),
        ("Jobdatings", "neu"),
        ("Sprachkurs Büdingen", "neu"),
    ]

    # the same inbox again, plus an exact copy under a new name: nothing to parse
    (inbox / "kopie.txt").write_bytes((inbox / "zv_2023_06440.txt").read_bytes())
    again = register_documents(connection, scan_inbox(inbox), archive, run_id="r2", is_sample=False)
    assert again.new_count == 0
    assert pending_documents(connection, PARSER_VERSION) == []
    rerun = parse_pending(connection, archive, DistrictIndex.shipped(), PARSER_VERSION)
    assert (rerun.parsed, rerun.unchanged) == (0, 5)

    published = publish_snapshot(
        connection, tmp_path / "published", run_id="r2", is_sample=False, data_docs_path=None
    )
    connection.close()
    with duckdb.connect(str(current_snapshot(tmp_path / "published")), read_only=True) as reader:
        assert reader.execute(
            "SELECT budget_total_eur FROM mart_state_year WHERE year = 2024"
        ).fetchall() == [(Decimal("1140300.00"),)]
    assert published.tables["mart_quarantine"] == 2


def test_the_real_bergstrasse_agreement_lands_exactly(
    tmp_path: Path, reference_agreement_text: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "zielvereinbarung_2025_landkreis_bergstrasse.txt").write_text(
        reference_agreement_text, encoding="utf-8"
    )
    connection = warehouse.connect(tmp_path / "warehouse.duckdb")
    warehouse.load_reference_data(connection)
    register_documents(
        connection, scan_inbox(inbox), tmp_path / "archive", run_id="r", is_sample=False
    )
    parse_pending(connection, tmp_path / "archive", DistrictIndex.shipped(), PARSER_VERSION)
    warehouse.build_models(connection, "staging")
    warehouse.build_models(connection, "marts")
    assert connection.execute(
        "SELECT budget_total_eur, signed_on FROM mart_district_year WHERE has_agreement"
    ).fetchall() == [(Decimal("1230450.00"), __import__("datetime").date(2025, 8, 8))]
    assert connection.execute(
        "SELECT measure_type, n_projects FROM mart_measure_mix ORDER BY 1"
    ).fetchall() == [(1, 2), (2, 0), (3, 6), (4, 1)]
    connection.close()


@pytest.mark.parametrize("workers", [2])
def test_pool_gives_the_same_rows_whatever_the_worker_count(tmp_path: Path, workers: int) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for index in range(8):
        (inbox / f"zv_{index}.txt").write_text(
            agreement_text(
                "dem Wetteraukreis",
                "des Wetteraukreises",
                2016 + index,
                f"1.0{index}0.000 Euro",
                {3: [f"Projekt {index}"]},
                f"3.4.{2016 + index}",
            )
        )
    files = scan_inbox(inbox)
    documents = [
        PendingDocument(file.sha256, file.path.name, file.path.name, "text/plain") for file in files
    ]

    def parsed(workers: int) -> dict[str, list]:
        parts = list(
            iter_parsed_rows(
                documents, inbox, DistrictIndex.shipped(), PARSER_VERSION, workers=workers
            )
        )
        batch = next(iter(store_batches(parts, max_documents=10**6, max_rows=10**9)))
        return batch.tables["agreements"].sort_by("sha256").to_pydict()

    serial, pooled = parsed(1), parsed(workers)
    assert pooled == serial
    assert sorted(pooled["sha256"]) == sorted(file.sha256 for file in files)
    assert sorted(serial["budget_total_eur"]) == [Decimal(f"10{index}0000") for index in range(8)]
