"""The synthetic sample corpus: determinism, manifest truth, defects, plausible amounts, scale, CLI.

The default corpus comes from the session fixture ``sample_corpus`` (tests/conftest.py); extra
generations here use short year ranges to keep the suite fast.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from pipelines.corpus import DEFECT_CLASSES, MANIFEST_NAME, Manifest, generate_corpus
from pipelines.corpus.districts import corpus_districts, genitive_of
from pipelines.corpus.vocabulary import BERGSTRASSE_2025_PROJECTS
from pipelines.reference import (
    EXTRA_DISTRICT_COLUMNS,
    DistrictIndex,
    district_name_forms,
    districts,
    read_csv_rows,
)

SEED = 20250802
NOT_DOCUMENTS = {MANIFEST_NAME, "extra_districts.csv"}


def _files_on_disk(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in NOT_DOCUMENTS
    }


def _published(scope: str) -> dict[tuple[str, int], Decimal]:
    return {
        (row["district_ags"], int(row["year"])): Decimal(row["amount_eur"])
        for row in read_csv_rows("published_figures.csv")
        if row["scope"] == scope
    }


# ------------------------------------------------------------------------------ determinism


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path / "a", years=(2023, 2025), seed=SEED)
    second = generate_corpus(tmp_path / "b", years=(2023, 2025), seed=SEED)
    other = generate_corpus(tmp_path / "c", years=(2023, 2025), seed=SEED + 1)
    files_a, files_b = _files_on_disk(tmp_path / "a"), _files_on_disk(tmp_path / "b")
    assert files_a.keys() == files_b.keys()
    assert [name for name in files_a if files_a[name] != files_b[name]] == []
    assert (tmp_path / "a" / MANIFEST_NAME).read_bytes() == (
        tmp_path / "b" / MANIFEST_NAME
    ).read_bytes()
    assert first == second
    assert any(name.endswith(".xlsx") for name in files_a)  # XLSX bytes are part of the comparison
    hashes_a = {item.path: item.sha256 for item in first.files}
    hashes_c = {item.path: item.sha256 for item in other.files}
    shared = hashes_a.keys() & hashes_c.keys()
    assert sum(hashes_a[name] != hashes_c[name] for name in shared) > len(shared) // 2


def test_default_corpus_matches_a_fresh_generation(sample_corpus, tmp_path: Path) -> None:
    """The session corpus (conftest arguments) is reproduced byte for byte."""
    corpus_dir, manifest = sample_corpus
    again = generate_corpus(
        tmp_path / "again", years=(2016, 2025), seed=SEED, scale=1, defect_rate=0.05
    )
    assert [item.sha256 for item in again.files] == [item.sha256 for item in manifest.files]


# ------------------------------------------------------------------------------ manifest


def test_manifest_lists_every_file_with_its_hash(sample_corpus) -> None:
    corpus_dir, manifest = sample_corpus
    on_disk = _files_on_disk(corpus_dir)
    assert sorted(on_disk) == sorted(item.path for item in manifest.files)
    for item in manifest.files:
        data = on_disk[item.path]
        assert hashlib.sha256(data).hexdigest() == item.sha256, item.path
        assert len(data) == item.size_bytes
    assert Manifest.load(corpus_dir) == manifest
    assert manifest.sample_data is True and "BEISPIELDATEN" in manifest.note
    assert manifest.args == {"years": [2016, 2025], "scale": 1, "defect_rate": 0.05}


def test_manifest_expectations_are_complete(sample_corpus) -> None:
    _, manifest = sample_corpus
    for item in manifest.files:
        assert item.expected_quarantine == (item.expected is None), item.path
        if item.document_type == "agreement" and item.expected:
            assert [m["measure_type"] for m in item.expected["measures"]] == [1, 2, 3, 4]
            assert Decimal(item.expected["budget_total_eur"]) > 0
            assert len(item.expected["signatures"]) == 2
        if item.document_type == "grant_decision" and item.expected:
            total = sum(Decimal(line["amount_eur"]) for line in item.expected["lines"])
            assert total == Decimal(item.expected["total_eur"])


def test_every_district_and_year_has_an_agreement_or_is_listed_missing(sample_corpus) -> None:
    _, manifest = sample_corpus
    current = manifest.current_agreements()
    expected_keys = {(ags, year) for ags in districts() for year in range(2016, 2026)}
    assert set(current) | set(manifest.missing_agreements) == expected_keys
    assert not set(current) & set(manifest.missing_agreements)
    media = Counter(item.media_type for item in current.values())
    assert abs(media["application/pdf"] - media["text/plain"]) <= len(current) * 0.1


def test_bergstrasse_2025_carries_the_reference_projects(sample_corpus) -> None:
    _, manifest = sample_corpus
    agreement = manifest.current_agreements()[("06431", 2025)].expected
    assert agreement["budget_total_eur"] == "1230450.00"
    projects = {m["measure_type"]: tuple(m["projects"]) for m in agreement["measures"]}
    assert projects == BERGSTRASSE_2025_PROJECTS
    assert [s["date"] for s in agreement["signatures"]] == ["2025-08-02", "2025-08-08"]


# ------------------------------------------------------------------------------ defects


def test_every_defect_class_is_planted_and_recorded(sample_corpus) -> None:
    corpus_dir, manifest = sample_corpus
    assert manifest.defect_classes() == set(DEFECT_CLASSES)
    by_path = manifest.by_path()
    for item in manifest.defects():
        if item.defect == "exact_duplicate":
            original = by_path[item.duplicate_of]
            assert original.sha256 == item.sha256 and original.path != item.path
        if item.defect == "corrected_agreement":
            older = by_path[item.supersedes]
            assert older.superseded_by == item.path
            assert older.expected["budget_total_eur"] != item.expected["budget_total_eur"]
            assert min(s["date"] for s in item.expected["signatures"]) > max(
                s["date"] for s in older.expected["signatures"]
            )
            key = (item.expected["district_ags"], item.expected["year"])
            assert manifest.current_agreements()[key].path == item.path
        if item.defect == "scanned_pdf":
            document = pdfium.PdfDocument((corpus_dir / item.path).read_bytes())
            assert all(not page.get_textpage().get_text_range().strip() for page in document)
    for decision in manifest.decisions().values():
        key = (decision["district_ags"], decision["year"])
        agreement = manifest.current_agreements().get(key)
        if decision["defect"] == "decision_without_agreement":
            assert agreement is None
        elif decision["defect"] == "decision_exceeds_agreement":
            assert Decimal(decision["total_eur"]) > Decimal(agreement.expected["budget_total_eur"])
        else:  # clean: never above the agreement, in total or per stated measure amount
            assert agreement is not None
            assert Decimal(decision["total_eur"]) <= Decimal(agreement.expected["budget_total_eur"])
            for measure in agreement.expected["measures"]:
                lines = [
                    line
                    for line in decision["lines"]
                    if line["measure_type"] == measure["measure_type"]
                ]
                if lines:
                    assert measure["projects"], (
                        "decision line for a measure type the agreement has no project in"
                    )
                if measure["amount_eur"] is not None:
                    assert sum(Decimal(line["amount_eur"]) for line in lines) <= Decimal(
                        measure["amount_eur"]
                    )


def test_defect_rate_zero_gives_a_clean_corpus(tmp_path: Path) -> None:
    manifest = generate_corpus(tmp_path / "clean", years=(2024, 2025), defect_rate=0)
    assert manifest.defects() == [] and manifest.missing_agreements == ()
    assert not any(item.expected_quarantine for item in manifest.files)


def test_a_small_corpus_still_gets_every_defect_class(tmp_path: Path) -> None:
    manifest = generate_corpus(tmp_path / "small", years=(2024, 2025), defect_rate=0.01)
    assert manifest.defect_classes() == set(DEFECT_CLASSES)


# ------------------------------------------------------------------------------ amounts


def test_statewide_totals_near_the_published_figures(sample_corpus) -> None:
    _, manifest = sample_corpus
    for (_, year), published in _published("state").items():
        total = Decimal(manifest.statewide_totals[str(year)])
        assert abs(total - published) / published < Decimal("0.03"), (year, total)
    for total in manifest.statewide_totals.values():
        assert Decimal("24000000") < Decimal(total) < Decimal("31000000")


def test_published_district_figures_are_used_exactly(sample_corpus) -> None:
    _, manifest = sample_corpus
    current = manifest.current_agreements()
    used = 0
    for key, amount in _published("district").items():
        if 2016 <= key[1] <= 2025:
            assert Decimal(current[key].expected["budget_total_eur"]) == amount, key
            used += 1
    assert (
        used == 4
    )  # Landkreis Kassel 2016, Stadt Kassel 2016, Wetteraukreis 2024, Bergstraße 2025


def test_budgets_follow_population_and_change_by_a_few_percent(sample_corpus) -> None:
    _, manifest = sample_corpus
    budgets = {
        key: Decimal(item.expected["budget_total_eur"])
        for key, item in manifest.current_agreements().items()
        if item.defect is None
    }
    per_inhabitant = [budget / districts()[ags].population for (ags, _), budget in budgets.items()]
    mean = sum(per_inhabitant) / len(per_inhabitant)
    assert all(mean / 2 < value < mean * 2 for value in per_inhabitant)
    changes = [
        abs(budget / budgets[(ags, year - 1)] - 1)
        for (ags, year), budget in budgets.items()
        if (ags, year - 1) in budgets
    ]
    assert sorted(changes)[len(changes) // 2] < Decimal("0.06")  # median change: a few percent
    assert max(changes) < Decimal("0.25")


def test_projects_mostly_continue_from_year_to_year(sample_corpus) -> None:
    _, manifest = sample_corpus
    current = manifest.current_agreements()
    continued = total = 0
    for (ags, year), item in current.items():
        previous = current.get((ags, year - 1))
        if previous is None or (ags, year) == ("06431", 2025):
            continue
        names_before = {name for m in previous.expected["measures"] for name in m["projects"]}
        names_now = {name for m in item.expected["measures"] for name in m["projects"]}
        continued += len(names_before & names_now)
        total += len(names_before)
    assert 0.65 < continued / total < 0.95


# ------------------------------------------------------------------------------ documents


def test_every_file_says_it_is_sample_data(sample_corpus) -> None:
    corpus_dir, manifest = sample_corpus
    for item in manifest.files:
        data = (corpus_dir / item.path).read_bytes()
        if item.defect in ("scanned_pdf", "truncated_pdf"):
            continue
        if item.media_type == "application/pdf":
            document = pdfium.PdfDocument(data)
            text = document[0].get_textpage().get_text_range()
            assert "BEISPIELDATEN" in text, item.path
            if item.document_type == "agreement":
                assert len(document) >= 2
                last = document[len(document) - 1].get_textpage().get_text_range()
                assert f"Seite {len(document)} von {len(document)}" in last
        elif item.path.endswith(".xlsx"):
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            assert "BEISPIELDATEN" in str(workbook["Hinweis"]["A1"].value)
        else:
            assert b"BEISPIELDATEN" in data, item.path


def test_text_files_mix_encodings_and_line_endings(sample_corpus) -> None:
    corpus_dir, manifest = sample_corpus
    agreements = [item for item in manifest.clean_agreements() if item.media_type == "text/plain"]
    encodings = Counter(item.encoding for item in agreements)
    assert encodings["utf-8"] > 10 and encodings["cp1252"] > 10
    crlf = [b"\r\n" in (corpus_dir / item.path).read_bytes() for item in agreements]
    assert 0 < sum(crlf) < len(crlf)
    for item in agreements:
        (corpus_dir / item.path).read_bytes().decode(item.encoding)  # declared encoding is right


def test_exports_hold_the_same_decisions_as_the_letters(sample_corpus) -> None:
    corpus_dir, manifest = sample_corpus
    letters = {
        item.expected["decision_id"]: item.expected
        for item in manifest.decision_letters()
        if item.expected
    }
    for export in manifest.exports():
        for decision in export.expected["decisions"]:
            assert letters[decision["decision_id"]] == decision
    csv_export = next(item for item in manifest.exports() if item.path.endswith(".csv"))
    text = (corpus_dir / csv_export.path).read_bytes().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[:13] == [
        "Aktenzeichen",
        "Bescheidart",
        "Bescheiddatum",
        "Bezug",
        "AGS",
        "Gebietskörperschaft",
        "Haushaltsjahr",
        "Maßnahmenart",
        "Projekt",
        "Träger",
        "Betrag_EUR",
        "Verwendet_EUR",
        "Rueckforderung_EUR",
    ]
    boms = {
        (corpus_dir / item.path).read_bytes().startswith(b"\xef\xbb\xbf")
        for item in manifest.exports()
        if item.path.endswith(".csv")
    }
    assert boms == {True, False}


def test_decision_spellings_differ_sometimes_from_the_agreement(sample_corpus) -> None:
    _, manifest = sample_corpus
    lines = [line for decision in manifest.decisions().values() for line in decision["lines"]]
    differing = sum(line["project"] != line["agreement_project"] for line in lines)
    assert 0.1 < differing / len(lines) < 0.5


def test_document_name_forms_are_known_to_the_reference_data() -> None:
    known = {form for form, _ in district_name_forms()}
    for district in corpus_districts(1):
        for form in district.name_forms:
            assert form.nominative in known
            assert form.genitive in known, form.genitive
    assert genitive_of("Wetteraukreis") == "Wetteraukreises"
    assert genitive_of("Landkreis Fulda (Beispielland 18)") == "Landkreises Fulda (Beispielland 18)"


# ------------------------------------------------------------------------------ scale and CLI


def test_scale_two_doubles_the_documents_with_resolvable_extra_districts(tmp_path: Path) -> None:
    single = generate_corpus(tmp_path / "one", years=(2024, 2025), scale=1, defect_rate=0)
    double = generate_corpus(tmp_path / "two", years=(2024, 2025), scale=2, defect_rate=0)
    assert len(double.agreements()) == 2 * len(single.agreements())
    assert len(double.exports()) == 2 * len(single.exports())
    # the clone state draws its own amendments, so letters double only approximately
    assert abs(len(double.files) - 2 * len(single.files)) < 0.1 * len(single.files)
    assert {item.path: item.sha256 for item in single.files}.items() <= {
        item.path: item.sha256 for item in double.files
    }.items()
    assert double.extra_districts_file == "extra_districts.csv"
    extra_path = tmp_path / "two" / "extra_districts.csv"
    with open(extra_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0].keys()) == EXTRA_DISTRICT_COLUMNS
    assert len(rows) == 26 and all(row["district_ags"].startswith("18") for row in rows)
    index = DistrictIndex.with_extra(extra_path)
    forms = dict(index.name_forms)
    clones = [district for district in corpus_districts(2) if district.state_index == 2]
    for district in clones:
        assert district.district_ags in index.by_ags
        for form in district.name_forms:
            assert forms[form.nominative] == district.district_ags
            assert forms[form.genitive] == district.district_ags
    clone_agreements = [
        item for item in double.agreements() if item.expected["district_ags"].startswith("18")
    ]
    assert len(clone_agreements) == 26 * 2


def test_cli_writes_a_corpus_and_rejects_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipelines.cli import main

    out = tmp_path / "cli"
    assert (
        main(["generate-corpus", "--out", str(out), "--years", "2025-2025", "--defects", "0"]) == 0
    )
    manifest = Manifest.load(out)
    assert manifest.args["years"] == [2025, 2025] and manifest.defects() == []
    assert "Beispieldaten" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["generate-corpus", "--out", str(out), "--years", "2025-2016"])
    assert usage.value.code == 2
    assert main(["generate-corpus", "--out", str(out), "--scale", "0"]) == 2


# ------------------------------------------------------------------------------ parsing


@pytest.mark.slow
def test_every_generated_file_parses_as_the_manifest_says(sample_corpus) -> None:
    """Agreements, letters and exports parse exactly; planted defects are quarantined."""
    pytest.importorskip("pipelines.parse.dispatch", reason="the document parsers are not there yet")
    from pipelines.corpus.verify import verify_corpus

    corpus_dir, _ = sample_corpus
    problems, checked = verify_corpus(corpus_dir)
    assert checked > 800
    assert problems == []


@pytest.mark.slow
def test_scaled_corpus_parses_with_the_extra_districts(tmp_path: Path) -> None:
    pytest.importorskip("pipelines.parse.dispatch", reason="the document parsers are not there yet")
    from pipelines.corpus.verify import verify_corpus

    generate_corpus(tmp_path / "scaled", years=(2018, 2019), scale=2, defect_rate=0.05)
    problems, _ = verify_corpus(tmp_path / "scaled")
    assert problems == []
