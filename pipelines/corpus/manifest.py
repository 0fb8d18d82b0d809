"""The corpus's ground truth (``manifest.json``): every file, its bytes' hash, what it should parse to.

Amounts are strings with two decimals ("1230450.00") so they compare exactly with ``Decimal``;
dates are ISO strings. ``expected`` is None for a file that must be quarantined.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"

# planted defects; the first seven are the classes, the last three optional extras
DEFECT_CLASSES: tuple[str, ...] = (
    "press_release",
    "scanned_pdf",
    "exact_duplicate",
    "corrected_agreement",
    "decision_exceeds_agreement",
    "decision_without_agreement",
    "unknown_district",
    "jobcenter_agreement",
    "truncated_pdf",
    "year_contradiction",
)
# defect classes whose file must be quarantined by the parser (a scan carries its ground truth
# instead: it must land exactly or be quarantined as unsure, see SCAN_OUTCOME)
QUARANTINED_DEFECTS = frozenset(
    {
        "press_release",
        "unknown_district",
        "jobcenter_agreement",
        "truncated_pdf",
        "year_contradiction",
    }
)


# the expected outcome of a scanned document: it lands with exactly its ground truth (``expected``)
# or is quarantined with one of SCAN_QUARANTINE_CODES; never lands with another figure
SCAN_OUTCOME = "exact_or_scan_unsure"
# "scan_unsure": read, but a key field is unsure or fails a cross-check; "scanned_pdf": OCR could
# not read it into a recognisable document (the only outcome while the pipeline has no OCR)
SCAN_QUARANTINE_CODES = ("scan_unsure", "scanned_pdf")


@dataclass(frozen=True)
class ManifestFile:
    """One generated file.

    ``document_type``: agreement | grant_decision | grant_decision_export | press_release.
    ``expected``: for an agreement the agreement record, for a letter the decision, for an export
    ``{"decisions": [...]}``; None when the file must be quarantined.
    """

    path: str  # relative to the corpus folder, "/"-separated
    sha256: str
    size_bytes: int
    media_type: str
    document_type: str
    defect: str | None
    expected_quarantine: bool
    expected: dict[str, Any] | None
    encoding: str | None = None  # text files: utf-8 | cp1252 | utf-8-sig
    duplicate_of: str | None = None  # exact_duplicate: the path with the same bytes
    supersedes: str | None = None  # corrected agreement: the path of the version it replaces
    superseded_by: str | None = None  # an agreement replaced by a corrected version
    # a scanned original: how it was scanned (pipelines.corpus.scans.ScanParams: dpi, rotation,
    # stamp, signatures ...) and "of", the clean file it is a scan of (None when delivered only
    # as a scan); ``expected`` is its ground truth and ``expected_outcome`` is SCAN_OUTCOME
    scan: dict[str, Any] | None = None
    expected_outcome: str | None = None

    @property
    def is_scan(self) -> bool:
        return self.scan is not None


@dataclass(frozen=True)
class Manifest:
    generator: str
    generator_version: str
    sample_data: bool
    note: str
    seed: int
    args: dict[str, Any]
    decision_policy: str
    extra_districts_file: str | None
    missing_agreements: tuple[
        tuple[str, int], ...
    ]  # district-years with decisions but no agreement
    statewide_totals: dict[str, str]  # year -> sum of the current agreements' budgets
    files: tuple[ManifestFile, ...] = field(default_factory=tuple)

    # -------------------------------------------------------------- persistence

    def to_json(self) -> str:
        """Top-level fields indented; one compact line per file (fast and diff-friendly)."""
        head = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "files"}
        head["missing_agreements"] = [list(item) for item in self.missing_agreements]
        head_text = json.dumps(head, ensure_ascii=False, indent=1)
        file_lines = ",\n".join(
            json.dumps(
                {name: getattr(item, name) for name in item.__dataclass_fields__},
                ensure_ascii=False,
            )
            for item in self.files
        )
        return f'{head_text[:-2]},\n "files": [\n{file_lines}\n ]\n}}\n'

    def save(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read a manifest; ``path`` may be the file or the corpus folder holding it."""
        path = Path(path)
        if path.is_dir():
            path = path / MANIFEST_NAME
        data = json.loads(path.read_text(encoding="utf-8"))
        data["files"] = tuple(ManifestFile(**item) for item in data["files"])
        data["missing_agreements"] = tuple(
            (ags, int(year)) for ags, year in data["missing_agreements"]
        )
        return cls(**data)

    # -------------------------------------------------------------- views

    def by_path(self) -> dict[str, ManifestFile]:
        return {item.path: item for item in self.files}

    def agreements(self) -> list[ManifestFile]:
        """Every file that looks like an AQB agreement (clean, superseded or defective)."""
        return [item for item in self.files if item.document_type == "agreement"]

    def clean_agreements(self) -> list[ManifestFile]:
        """Agreements that must parse exactly to ``expected`` (duplicates and versions included).

        Scans are not among them: a scan may also be quarantined as unsure (``scans()``).
        """
        return [
            item for item in self.agreements() if not item.expected_quarantine and not item.is_scan
        ]

    def scans(self) -> list[ManifestFile]:
        """Every scanned original (agreements and decision letters) with its ground truth."""
        return [item for item in self.files if item.is_scan]

    def current_agreements(self) -> dict[tuple[str, int], ManifestFile]:
        """(district_ags, year) -> the version that must win (latest; duplicates not repeated).

        A district-year delivered only as a scan has the scan as its current agreement (its
        ground truth); a scanned copy never replaces the clean file it copies.
        """
        current: dict[tuple[str, int], ManifestFile] = {}
        candidates = self.clean_agreements() + [
            item for item in self.scans() if item.document_type == "agreement"
        ]
        for item in candidates:
            if (
                item.superseded_by is None
                and item.duplicate_of is None
                and item.expected is not None
            ):
                key = (item.expected["district_ags"], int(item.expected["year"]))
                current.setdefault(key, item)
        return current

    def decision_letters(self) -> list[ManifestFile]:
        return [item for item in self.files if item.document_type == "grant_decision"]

    def exports(self) -> list[ManifestFile]:
        return [item for item in self.files if item.document_type == "grant_decision_export"]

    def decisions(self) -> dict[str, dict[str, Any]]:
        """decision_id -> expected decision (letters and exports carry the same content)."""
        result: dict[str, dict[str, Any]] = {}
        for item in self.files:
            if item.expected is None:
                continue
            if item.document_type == "grant_decision":
                result.setdefault(item.expected["decision_id"], item.expected)
            elif item.document_type == "grant_decision_export":
                for decision in item.expected["decisions"]:
                    result.setdefault(decision["decision_id"], decision)
        return result

    def defects(self) -> list[ManifestFile]:
        return [item for item in self.files if item.defect is not None]

    def defect_classes(self) -> set[str]:
        """Planted classes, including decisions flagged inside an export."""
        classes = {item.defect for item in self.defects() if item.defect}
        classes.update(
            decision["defect"] for decision in self.decisions().values() if decision.get("defect")
        )
        return classes
