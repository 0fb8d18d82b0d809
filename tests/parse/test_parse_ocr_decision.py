"""A scanned grant decision letter through real Tesseract (issue 16): the corpus generator's
letter, printed, signed, stamped and scanned as a district's copy comes back, is read either
exactly as written or held as ``scan_unsure`` naming the field it could not read for sure; never
does a figure land that differs from the letter."""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal

import pytest

from pipelines.corpus.districts import corpus_districts
from pipelines.corpus.documents import decision_document
from pipelines.corpus.pdf import pdf_bytes
from pipelines.corpus.plan import DecisionLinePlan, DecisionPlan
from pipelines.corpus.scans import scan_pdf_bytes
from pipelines.parse.dispatch import parse_document
from pipelines.reasons import Reason

# the fields a scan_unsure detail names ("Betrag unsicher gelesen (Seite 1, Zeile 14)") or the
# parser's own reason a misreading can explain ("Scan nicht sicher lesbar: ...")
_NAMES_A_FIELD = re.compile(
    r"^(?:(?:Betrag|Bescheiddatum|Aktenzeichen|Gebietskörperschaft|Haushaltsjahr|Projektname"
    r"|Träger) unsicher gelesen|Scan nicht sicher lesbar: \S)"
)


@pytest.fixture(autouse=True)
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """OCR is opt-in (AQB_OCR=1); this test exercises it, one Tesseract thread as in the workers."""
    monkeypatch.setenv("AQB_OCR", "1")
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")


def _final_decision() -> DecisionPlan:
    """A final decision of Landkreis Bergstraße: three lines with used and reclaimed amounts
    (the most figures a one-page letter carries)."""
    district = next(d for d in corpus_districts(1) if d.district_ags == "06431")
    lines = (
        ("Jobcoaching Heppenheim", 1, "Bildungswerk Bergstraße gGmbH", "84.300,00", "80.150,25"),
        ("Ausbildungsverbund Pflege", 2, "Pflegeschule Lorsch e.V.", "126.000,00", "126.000,00"),
        ("Perspektive Beruf 50plus", 3, "Arbeit und Leben Bensheim", "57.450,00", "49.900,00"),
    )

    def money(text: str) -> Decimal:
        return Decimal(text.replace(".", "").replace(",", "."))

    return DecisionPlan(
        decision_id="RPKS-57-AQB-2024-06431-03",
        decision_type="final",
        decision_date=date(2025, 11, 18),
        district=district,
        year=2024,
        lines=tuple(
            DecisionLinePlan(
                project=project,
                agreement_project=project,
                measure_type=measure_type,
                provider=provider,
                amount_eur=money(amount),
                used_eur=money(used),
                reclaimed_eur=money(amount) - money(used),
            )
            for project, measure_type, provider, amount, used in lines
        ),
        refers_to="RPKS-57-AQB-2024-06431-01",
        media="pdf",
        name_form_index=0,
    )


def _figures(decision) -> tuple:
    """Every figure and key of a parsed decision that reaches the marts."""
    return (
        decision.decision_id,
        decision.decision_type,
        decision.decision_date,
        decision.district_ags,
        decision.year,
        decision.total_eur,
        decision.used_total_eur,
        decision.reclaimed_total_eur,
        decision.refers_to,
        [
            (line.measure_type, line.project, line.amount_eur, line.used_eur, line.reclaimed_eur)
            for line in decision.lines
        ],
    )


def test_scanned_decision_letter_reads_exactly_or_is_held_naming_the_field() -> None:
    plan = _final_decision()
    printed = pdf_bytes(decision_document(plan, date(2024, 3, 14), pdf=True), plan.decision_date)
    name = "bescheid_2024_06431_landkreis_bergstrasse_scan.pdf"
    clean = parse_document(name, printed)
    assert clean.status == "ok", clean.reason
    (letter,) = clean.decisions
    assert letter.total_eur == Decimal("267750.00") and not letter.from_scan

    scan, params = scan_pdf_bytes(printed, random.Random(16), received=date(2025, 11, 24))
    assert params.pages <= 2  # the test stays fast: OCR is seconds per page
    outcome = parse_document(name, scan)
    if outcome.status == "ok":
        (read,) = outcome.decisions
        assert read.from_scan
        assert _figures(read) == _figures(letter)
    else:
        assert outcome.reason_code == Reason.SCAN_UNSURE.value, outcome.reason
        assert _NAMES_A_FIELD.match(outcome.reason_de), outcome.reason_de
