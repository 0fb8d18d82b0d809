"""A published snapshot with the contract's marts (pipelines.contracts.tables) filled with plausible rows.

Lets the dashboard be developed and its page tests run fast without the full ingest; the tests
that check numbers against the real pipeline use the ``ingested`` fixture instead. Rows are
derived from the shipped reference districts and a seeded generator, so every value is
consistent with the others (state totals are sums of district rows, ranks follow budgets).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.contracts.tables import TABLES
from pipelines.reasons import Reason
from pipelines.reference import districts, measure_types

MEASURE_SHORT_NAMES = {
    1: "Ausbildungsvorbereitung",
    2: "Ausbildung/Coaching",
    3: "Qualifizierung",
    4: "Weiterbildung Personal",
}
PROJECT_WORDS = (
    "Werkstatt",
    "Coaching",
    "Brücke",
    "Perspektive",
    "Kompass",
    "Startklar",
    "Praxis",
    "Lotsen",
)

# The columns each of the builder's row tuples fills, in tuple order; a table's other declared
# columns stay NULL (or are derived below). Names and types come from the contracts
# (pipelines.contracts.tables), so the factory's marts cannot drift from what the models build.
ROW_COLUMNS: dict[str, tuple[str, ...]] = {
    "mart_district_year": (
        "district_ags", "district_name", "district_type", "regierungsbezirk", "year",
        "has_agreement", "budget_total_eur", "population", "population_reference_date",
        "eur_per_inhabitant", "prev_year_budget_eur", "change_eur", "change_pct",
        "rank_in_state", "rank_in_peer_group", "share_of_state", "n_projects", "has_decisions",
        "approved_eur", "used_eur", "agreement_version", "agreement_versions", "signed_on",
        "source_sha256", "source_name", "source_page", "source_line",
    ),
    "mart_state_year": (
        "year", "budget_total_eur", "prev_year_budget_eur", "change_eur", "change_pct",
        "n_districts_with_agreement", "n_districts_with_decisions", "n_projects",
        "published_figure_eur", "published_figure_source", "deviation_from_published_pct",
    ),
    "mart_measure_mix": (
        "district_ags", "district_name", "year", "measure_type", "measure_name", "n_projects",
        "agreed_amount_eur", "approved_eur", "share_of_projects",
    ),
    "mart_projects": TABLES["mart_projects"].column_names,
    "mart_project_changes": TABLES["mart_project_changes"].column_names,
    "mart_reconciliation": (
        "district_ags", "district_name", "year", "measure_type", "measure_name", "agreed_eur",
        "approved_eur", "used_eur", "reclaimed_eur", "flag_approved_above_agreed",
        "flag_decision_without_agreement", "flag_agreement_without_decision",
        "flag_measure_not_in_agreement", "from_scan",
    ),
    "mart_decisions": (
        "decision_id", "decision_type", "decision_date", "district_ags", "year", "total_eur",
        "used_total_eur", "reclaimed_total_eur", "refers_to", "source_sha256", "source_name",
        "source_format", "has_source_conflict",
    ),
    "mart_completeness": TABLES["mart_completeness"].column_names,
    "mart_quarantine": TABLES["mart_quarantine"].column_names,
    "mart_rejected_rows": TABLES["mart_rejected_rows"].column_names,
    "mart_inbox_entries": TABLES["mart_inbox_entries"].column_names,
    "mart_documents": (
        "sha256", "original_name", "size_bytes", "media_type", "first_seen_at", "archive_path",
        "document_type", "status", "is_sample",
    ),
    "mart_check_results": (
        "suite", "rule", "severity", "year", "success", "unexpected_count", "detail",
        "checked_at",
    ),
    "mart_project_matches": (
        "district_ags", "district_name", "year", "decision_id", "decision_type",
        "decision_date", "is_current_decision", "line_number", "measure_type", "project_name",
        "provider", "amount_eur", "matched_project_name", "matched_measure_type", "score",
        "status", "status_reason", "needs_review", "agreement_sha256", "source_sha256",
        "source_name", "source_page", "source_line", "from_scan",
    ),
    "mart_review_decisions": TABLES["mart_review_decisions"].column_names,
    "snapshot_info": TABLES["snapshot_info"].column_names,
}  # fmt: skip
# Marts whose rows are derived in SQL from the rows above (DERIVED), so they agree with them.
DERIVED_TABLES = ("mart_measure_money", "mart_agreement_versions")

# Derived from the rows above so they agree with them: the like-for-like columns of
# mart_state_year, euros per measure type, one version per agreement.
DERIVED = """
UPDATE mart_state_year AS s
SET n_districts_comparable = coalesce(l.n_districts_comparable, 0),
    lfl_budget_eur = l.lfl_budget_eur,
    lfl_prev_year_budget_eur = l.lfl_prev_year_budget_eur,
    lfl_change_eur = l.lfl_budget_eur - l.lfl_prev_year_budget_eur,
    lfl_change_pct = round(100 * (l.lfl_budget_eur - l.lfl_prev_year_budget_eur)
        / nullif(l.lfl_prev_year_budget_eur, 0), 2),
    n_districts = m.n_districts,
    districts_missing = m.districts_missing,
    districts_not_comparable = l.districts_not_comparable
FROM (
    SELECT year, count(*) AS n_districts,
           string_agg(district_name, ', ' ORDER BY district_ags) FILTER (WHERE NOT has_agreement) AS districts_missing
    FROM mart_district_year GROUP BY year
) AS m
LEFT JOIN (
    SELECT c.year,
           count(*) FILTER (WHERE p.has_agreement AND c.has_agreement) AS n_districts_comparable,
           sum(c.budget_total_eur) FILTER (WHERE p.has_agreement AND c.has_agreement) AS lfl_budget_eur,
           sum(p.budget_total_eur) FILTER (WHERE p.has_agreement AND c.has_agreement) AS lfl_prev_year_budget_eur,
           string_agg(c.district_name, ', ' ORDER BY c.district_ags)
               FILTER (WHERE p.has_agreement <> c.has_agreement) AS districts_not_comparable
    FROM mart_district_year AS c
    JOIN mart_district_year AS p ON p.district_ags = c.district_ags AND p.year = c.year - 1
    GROUP BY c.year
) AS l USING (year)
WHERE s.year = m.year;
INSERT INTO mart_measure_money BY NAME
SELECT district_ags, district_name, year, measure_type, measure_name,
       coalesce(agreed_amount_eur, approved_eur) AS measure_amount_eur,
       CASE WHEN agreed_amount_eur IS NOT NULL THEN 'agreement' ELSE 'decision' END AS amount_source,
       round(coalesce(agreed_amount_eur, approved_eur) / nullif(sum(coalesce(agreed_amount_eur, approved_eur))
           OVER (PARTITION BY district_ags, year), 0), 6) AS share_of_district_year
FROM mart_measure_mix
WHERE coalesce(agreed_amount_eur, approved_eur) IS NOT NULL;
INSERT INTO mart_agreement_versions BY NAME
SELECT district_ags, district_name, year, 1 AS version, 1 AS versions, true AS is_current,
       budget_total_eur, 0 AS n_projects_added, 0 AS n_projects_removed,
       signed_on, TIMESTAMP '2025-08-02 14:20:00' AS first_seen_at,
       false AS same_signature_date, false AS has_version_conflict, source_sha256, source_name, source_page, source_line,
       false AS is_settled
FROM mart_district_year WHERE has_agreement;
"""


def create_tables(connection: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> None:
    """Create ``names`` empty, each with exactly the columns and types its contract declares."""
    for name in names:
        columns = ", ".join(f"{column.name} {column.type}" for column in TABLES[name].columns)
        connection.execute(f"CREATE TABLE {name} ({columns})")


@dataclass(frozen=True)
class FactorySnapshot:
    publish_dir: Path
    archive_dir: Path
    snapshot_path: Path
    snapshot_id: str
    data_docs_dir: Path


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


class _Builder:
    """Accumulates rows of every mart for one generated history."""

    def __init__(self, years: tuple[int, ...], seed: int, archive_dir: Path) -> None:
        self.years = years
        self.random = random.Random(seed)
        self.archive_dir = archive_dir
        self.rows: dict[str, list[tuple]] = {}
        self.published_at = datetime(2025, 8, 2, 14, 30)

    def add(self, table: str, row: tuple) -> None:
        self.rows.setdefault(table, []).append(row)

    def archive(self, name: str, text: str, document_type: str) -> str:
        """Write a document's bytes content-addressed, as the real archive does; return its hash."""
        payload = text.encode("utf-8")
        sha = hashlib.sha256(payload).hexdigest()
        target = self.archive_dir / sha[:2] / sha
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        self.add(
            "mart_documents",
            (
                sha,
                name,
                len(payload),
                "text/plain",
                self.published_at,
                f"{sha[:2]}/{sha}",
                document_type,
                "ok",
                True,
            ),
        )
        return sha

    def build(self) -> None:
        previous_projects: dict[str, list[tuple[int, str]]] = {}
        previous_budget: dict[str, Decimal] = {}
        for year in self.years:
            district_rows = [
                self._district_year(ags, year, previous_projects, previous_budget)
                for ags in sorted(districts())
            ]
            self._rank_and_share(district_rows)
            for row in district_rows:
                self.add("mart_district_year", tuple(row.values()))
            self._state_year(year, district_rows)

    def _district_year(
        self, ags: str, year: int, previous_projects: dict, previous_budget: dict
    ) -> dict:
        district = districts()[ags]
        index = int(ags[-3:])
        has_agreement = (index * 7 + year) % 23 != 0
        has_decisions = has_agreement and year <= self.years[-1] - 1
        row: dict = {
            "district_ags": ags,
            "district_name": district.official_name,
            "district_type": district.district_type,
            "regierungsbezirk": district.regierungsbezirk,
            "year": year,
            "has_agreement": has_agreement,
            "budget_total_eur": None,
            "population": district.population,
            "population_reference_date": district.population_reference_date,
            "eur_per_inhabitant": None,
            "prev_year_budget_eur": previous_budget.get(ags),
            "change_eur": None,
            "change_pct": None,
            "rank_in_state": None,
            "rank_in_peer_group": None,
            "share_of_state": None,
            "n_projects": 0,
            "has_decisions": has_decisions,
            "approved_eur": None,
            "used_eur": None,
            "agreement_version": None,
            "agreement_versions": 0,
            "signed_on": None,
            "source_sha256": None,
            "source_name": None,
            "source_page": None,
            "source_line": None,
        }
        self.add(
            "mart_completeness",
            (
                ags,
                district.official_name,
                year,
                has_agreement,
                has_decisions,
                1 if not has_agreement and index % 2 else 0,
            ),
        )
        if not has_agreement:
            previous_projects[ags] = []
            previous_budget.pop(ags, None)
            return row
        per_capita = (
            3.6 + (index % 9) * 0.2 + (year - self.years[0]) * 0.05 + self.random.uniform(-0.2, 0.2)
        )
        budget = _money(round(district.population * per_capita / 50) * 50)
        name = f"zielvereinbarung_{year}_{ags}.txt"
        projects = self._projects(ags, year, previous_projects.get(ags, []))
        text = (
            f"Zielvereinbarung {year} {district.official_name}\nBudget: {budget} EUR\n"
            + "\n".join(p[1] for p in projects)
        )
        sha = self.archive(name, text, "agreement")
        row.update(
            budget_total_eur=budget,
            eur_per_inhabitant=_money(float(budget) / district.population),
            n_projects=len(projects),
            agreement_version=1,
            agreement_versions=1 + (index % 5 == 0),
            signed_on=date(year, 2, 1 + index % 27),
            source_sha256=sha,
            source_name=name,
            source_page=1,
            source_line=2,
        )
        if ags in previous_budget:
            change = budget - previous_budget[ags]
            row.update(
                change_eur=change,
                change_pct=round(float(change) / float(previous_budget[ags]) * 100, 4),
            )
        self._measure_rows(row, projects, sha, name, has_decisions)
        previous_projects[ags] = projects
        previous_budget[ags] = budget
        return row

    def _projects(
        self, ags: str, year: int, previous: list[tuple[int, str]]
    ) -> list[tuple[int, str]]:
        kept = [project for project in previous if self.random.random() < 0.6]
        new = [
            (measure, f"{self.random.choice(PROJECT_WORDS)} {ags[-3:]}-{year}-{measure}{k}")
            for measure in (1, 2, 3)
            for k in range(self.random.randint(1, 3))
        ]
        if self.random.random() < 0.3:
            new.append((4, f"Fortbildung Fachkräfte {ags[-3:]}-{year}"))
        for project in previous:
            if project not in kept:
                self.add("mart_project_changes", (ags, year, project[1], project[0], "beendet"))
        for project in kept:
            self.add("mart_project_changes", (ags, year, project[1], project[0], "fortgeführt"))
        for project in new:
            self.add("mart_project_changes", (ags, year, project[1], project[0], "neu"))
        return sorted(kept + new)

    def _measure_rows(
        self, row: dict, projects: list[tuple[int, str]], sha: str, name: str, has_decisions: bool
    ) -> None:
        ags, year, budget = row["district_ags"], row["year"], row["budget_total_eur"]
        counts = {measure: sum(1 for p in projects if p[0] == measure) for measure in (1, 2, 3, 4)}
        weights = {measure: counts[measure] for measure in counts}
        total_weight = sum(weights.values())
        agreed = {
            measure: _money(float(budget) * weights[measure] / total_weight) for measure in counts
        }
        approved_total = Decimal(0)
        for position, (measure, project_name) in enumerate(projects, start=1):
            amount = _money(float(agreed[measure]) / counts[measure])
            continuity = "fortgeführt" if project_name.split("-")[1] != str(year) else "neu"
            self.add(
                "mart_projects",
                (
                    ags,
                    row["district_name"],
                    year,
                    measure,
                    position,
                    project_name,
                    amount,
                    continuity,
                    sha,
                    name,
                    1,
                    3 + position,
                ),
            )
        for measure in (1, 2, 3, 4):
            approved = (
                _money(float(agreed[measure]) * self.random.uniform(0.9, 1.05))
                if has_decisions and counts[measure]
                else None
            )
            used = (
                _money(float(approved) * 0.95)
                if approved is not None and year <= self.years[-1] - 2
                else None
            )
            approved_total += approved or 0
            self.add(
                "mart_measure_mix",
                (
                    ags,
                    row["district_name"],
                    year,
                    measure,
                    MEASURE_SHORT_NAMES[measure],
                    counts[measure],
                    agreed[measure] if counts[measure] else None,
                    approved,
                    counts[measure] / len(projects),
                ),
            )
            self.add(
                "mart_reconciliation",
                (
                    ags,
                    row["district_name"],
                    year,
                    measure,
                    MEASURE_SHORT_NAMES[measure],
                    agreed[measure] if counts[measure] else None,
                    approved,
                    used,
                    _money(float(approved) - float(used)) if used is not None else None,
                    bool(approved is not None and approved > agreed[measure]),
                    False,
                    bool(counts[measure] and not has_decisions),
                    False,
                    False,  # from_scan: the factory's documents all have a text layer
                ),
            )
        if has_decisions:
            decision_name = f"bescheid_{year}_{ags}.csv"
            decision_sha = self.archive(
                decision_name, f"Zuwendungsbescheid;{ags};{year};{approved_total}", "grant_decision"
            )
            self.add(
                "mart_decisions",
                (
                    f"RPKS-57-{year}-{ags}",
                    "first",
                    date(year, 4, 15),
                    ags,
                    year,
                    approved_total,
                    None,
                    None,
                    None,
                    decision_sha,
                    decision_name,
                    "csv",
                    False,
                ),
            )
            row.update(approved_eur=approved_total)

    def _rank_and_share(self, rows: list[dict]) -> None:
        with_budget = [row for row in rows if row["budget_total_eur"] is not None]
        total = sum(row["budget_total_eur"] for row in with_budget)
        for rank, row in enumerate(
            sorted(with_budget, key=lambda r: (-r["budget_total_eur"], r["district_ags"])), start=1
        ):
            row["rank_in_state"] = rank
            row["share_of_state"] = float(row["budget_total_eur"]) / float(total)
        for peer_type in ("kreisfreie Stadt", "Landkreis"):
            peers = [row for row in with_budget if row["district_type"] == peer_type]
            for rank, row in enumerate(
                sorted(peers, key=lambda r: (-r["budget_total_eur"], r["district_ags"])), start=1
            ):
                row["rank_in_peer_group"] = rank

    def _state_year(self, year: int, rows: list[dict]) -> None:
        total = sum(
            (row["budget_total_eur"] for row in rows if row["budget_total_eur"] is not None),
            Decimal(0),
        )
        previous = self.rows.get("mart_state_year", [])
        prev_total = previous[-1][1] if previous else None
        change = total - prev_total if prev_total is not None else None
        published = {
            2019: (Decimal("28000000.00"), "hessen.de Pressemitteilung 2019"),
            2023: (Decimal("27700000.00"), "hessen.de Pressemitteilung 2023"),
        }
        figure, source = published.get(year, (None, None))
        self.add(
            "mart_state_year",
            (
                year,
                total,
                prev_total,
                change,
                round(float(change) / float(prev_total) * 100, 4) if change is not None else None,
                sum(row["has_agreement"] for row in rows),
                sum(row["has_decisions"] for row in rows),
                sum(row["n_projects"] for row in rows),
                figure,
                source,
                round((float(total) - float(figure)) / float(figure) * 100, 4) if figure else None,
            ),
        )


def build_snapshot(
    root: Path,
    years: tuple[int, ...] = (2021, 2022, 2023, 2024, 2025),
    seed: int = 7,
    is_sample: bool = True,
    with_reconciliation: bool = True,
) -> FactorySnapshot:
    """Write ``root/published`` (CURRENT + snapshots/<id>.duckdb) and ``root/archive``."""
    publish_dir, archive_dir, data_docs_dir = (
        root / "published",
        root / "archive",
        root / "data_docs",
    )
    (publish_dir / "snapshots").mkdir(parents=True, exist_ok=True)
    data_docs_dir.mkdir(parents=True, exist_ok=True)
    (data_docs_dir / "index.html").write_text(
        "<html><body><h1>Data Docs</h1></body></html>", encoding="utf-8"
    )
    builder = _Builder(years, seed, archive_dir)
    builder.build()
    snapshot_id = f"20250802T143000000000Z-factory{seed}"
    snapshot_path = publish_dir / "snapshots" / f"{snapshot_id}.duckdb"
    snapshot_path.unlink(missing_ok=True)
    connection = duckdb.connect(str(snapshot_path))
    written = tuple(
        name for name in ROW_COLUMNS if with_reconciliation or name != "mart_reconciliation"
    )
    create_tables(connection, (*written, *DERIVED_TABLES))
    builder.add(
        "mart_quarantine",
        (
            "ab" * 32,
            "zielvereinbarung_jobcenter_48b.pdf",
            Reason.NOT_AN_AQB_AGREEMENT.value,
            Reason.NOT_AN_AQB_AGREEMENT.de,
            Reason.NOT_AN_AQB_AGREEMENT.en,
            "Not an AQB agreement: § 48b SGB II Jobcenter target agreement.",
            0,
            datetime(2025, 8, 2, 14, 0),
            None,
            None,
            False,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    )
    builder.add(
        "mart_quarantine",
        (
            "cd" * 32,
            "=HYPERLINK(bescheide).csv",
            Reason.REJECTED_ROWS.value,
            Reason.REJECTED_ROWS.de,
            Reason.REJECTED_ROWS.en,
            "1 row(s) rejected, the others landed (row 7: amount '-12.000,00' is negative).",
            1,
            datetime(2025, 8, 2, 14, 1),
            "06431",
            2025,
            False,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    )
    for entry in (
        ("2025/zielvereinbarung_06431.pdf", "file", 5120, "ef" * 32, "landed", None, None),
        ("2025/kopie.pdf", "file", 5120, "ef" * 32, "duplicate", None, None),
        (
            "zielvereinbarung_jobcenter_48b.pdf",
            "file",
            2048,
            "ab" * 32,
            "quarantined",
            Reason.NOT_AN_AQB_AGREEMENT,
            "Not an AQB agreement: § 48b SGB II.",
        ),
        (
            "[x](https://example.org).pdf",
            "symlink",
            None,
            None,
            "skipped",
            Reason.SYMLINK,
            "Symbolic links are not followed.",
        ),
    ):
        path, kind, size, sha, outcome, code, reason = entry
        builder.add(
            "mart_inbox_entries",
            (
                path,
                kind,
                size,
                sha,
                outcome,
                code.value if code else None,
                code.de if code else None,
                code.en if code else None,
                reason,
                datetime(2025, 8, 2, 14, 0),
            ),
        )
    builder.add(
        "mart_rejected_rows",
        ("cd" * 32, "=HYPERLINK(bescheide).csv", 7, "Row 7: amount '-12.000,00' is negative."),
    )
    builder.add(
        "mart_check_results",
        (
            "agreements",
            "budget_total_eur between 50000 and 5000000",
            "error",
            None,
            True,
            0,
            "",
            builder.published_at,
        ),
    )
    builder.add(
        "mart_check_results",
        (
            "agreements",
            "one agreement per district and year",
            "error",
            years[-1],
            True,
            0,
            "",
            builder.published_at,
        ),
    )
    builder.add(
        "mart_check_results",
        (
            "state",
            "total within 10 % of published figure",
            "warning",
            2023,
            False,
            1,
            "Abweichung 12,0 %",
            builder.published_at,
        ),
    )
    builder.add(
        "snapshot_info",
        (
            snapshot_id,
            builder.published_at,
            "run-1",
            is_sample,
            datetime(2025, 8, 2, 14, 25),
            datetime(2025, 8, 2, 14, 29),
            str(data_docs_dir / "index.html"),
        ),
    )
    for table, rows in builder.rows.items():
        if table not in written:
            continue
        columns = ROW_COLUMNS[table]
        placeholders = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
            [list(row) for row in rows],
        )
    connection.execute(DERIVED)
    connection.close()
    (publish_dir / "CURRENT").write_text(snapshot_id + "\n", encoding="utf-8")
    return FactorySnapshot(publish_dir, archive_dir, snapshot_path, snapshot_id, data_docs_dir)


if __name__ == "__main__":  # dev helper: python -m tests.support.snapshot_factory /tmp/aqb_dev
    import sys

    built = build_snapshot(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/aqb_dev"))
    print(f"AQB_PUBLISH_DIR={built.publish_dir} AQB_ARCHIVE_DIR={built.archive_dir}")
    assert measure_types()
