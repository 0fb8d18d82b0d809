"""``generate_corpus``: plan, plant defects, render every file, write files and ``manifest.json``.

Determinism: all randomness comes from seeded ``random.Random`` streams (see ``plan.seeded``),
iteration is over sorted keys, PDFs and XLSX carry fixed dates, and the optional process pool
returns results in job order. Same arguments, same bytes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pipelines.corpus.districts import (
    CorpusDistrict,
    NameForm,
    corpus_districts,
    extra_districts_csv,
)
from pipelines.corpus.documents import (
    agreement_document,
    decision_document,
    jobcenter_document,
    press_release_document,
)
from pipelines.corpus.exports import csv_bytes, xlsx_bytes
from pipelines.corpus.formatting import euro_string, format_amount, pdf_safe, slugify
from pipelines.corpus.layout import text_bytes
from pipelines.corpus.manifest import (
    DEFECT_CLASSES,
    QUARANTINED_DEFECTS,
    SCAN_OUTCOME,
    Manifest,
    ManifestFile,
)
from pipelines.corpus.pdf import pdf_bytes
from pipelines.corpus.plan import (
    BERGSTRASSE_AGS,
    TITLE_BY_TYPE,
    AgreementPlan,
    CorpusPlan,
    DecisionPlan,
    allocate_budgets,
    corrected_version,
    district_officeholders,
    district_org_lines,
    plan_agreement,
    plan_decisions,
    plan_projects,
    plan_providers,
    published_district_figures,
    published_state_totals,
    seeded,
)
from pipelines.corpus.scans import scan_pdf_bytes
from pipelines.reference import ministry_on

GENERATOR_NAME = "aqb-monitor synthetic corpus"
GENERATOR_VERSION = "1.0.0"
SAMPLE_NOTE = (
    "BEISPIELDATEN: synthetische Dokumente für Entwicklung, Tests und Demonstration. Beträge, "
    "Projekte, Träger und Personen sind erfunden; nur die im Referenzmaterial veröffentlichten "
    "Zahlen (domain.md) sind übernommen."
)
DECISION_POLICY = (
    "Every grant decision is written once as a letter (decisions/<year>/, PDF or text) and again, "
    "with identical content, as rows of its year's funding-system export (exports/, CSV and XLSX "
    "with the same rows). decision_id (Aktenzeichen) identifies the event: the loader must treat "
    "the same decision_id with identical content as one event, whichever file it came from."
)
PDF_MEDIA, TEXT_MEDIA, CSV_MEDIA = "application/pdf", "text/plain", "text/csv"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNKNOWN_DISTRICT_NAMES = (
    "Universitätsstadt Gießen",
    "Universitätsstadt Marburg",
    "Brüder-Grimm-Stadt Hanau",
)
POOL_THRESHOLD = 1500  # jobs; below this a process pool costs more than it saves


@dataclass
class FileJob:
    """One file to write: how to render it and what the manifest says about it."""

    path: str
    kind: str
    payload: Any
    media_type: str
    document_type: str
    defect: str | None = None
    expected: dict[str, Any] | None = None
    encoding: str | None = None
    duplicate_of: str | None = None
    supersedes: str | None = None
    superseded_by: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    scan_of: str | None = None  # a scanned copy: the path of the clean file it copies
    is_scan: bool = False


# ------------------------------------------------------------------------------ rendering


def render_job(job: FileJob) -> bytes:
    """The bytes of one file (a pure function of the job, safe to run in a worker process)."""
    return render_job_with_scan(job)[0]


def render_job_with_scan(job: FileJob) -> tuple[bytes, dict[str, Any] | None]:
    """The bytes of one file and, for a scan, how it was scanned (for the manifest)."""
    if job.kind == "scan":
        return _render_scan(job.payload)
    renderer: Callable[[Any], bytes] = _RENDERERS[job.kind]
    return renderer(job.payload), None


def _render_scan(payload: tuple[FileJob, int]) -> tuple[bytes, dict[str, Any]]:
    """Print the clean document as a PDF, then sign, stamp and scan it (pipelines.corpus.scans).

    The stamp says when the district's copy came back: a few days after the last signature
    (agreements) or after the decision date (letters).
    """
    job, seed = payload
    rng = seeded(seed, f"scan:{job.path}")
    if job.kind == "agreement":
        plan, _variant = job.payload
        printed = pdf_bytes(agreement_document(plan, pdf=True), plan.signatures[0].day)
        last_signed = max(signature.day for signature in plan.signatures)
    else:
        decision, referred_date = job.payload
        document = decision_document(decision, referred_date, pdf=True)
        printed = pdf_bytes(document, decision.decision_date)
        last_signed = decision.decision_date
    received = last_signed + timedelta(days=rng.randint(2, 12))
    data, params = scan_pdf_bytes(printed, rng, received)
    return data, params.to_manifest()


def _render_agreement(payload: tuple[AgreementPlan, str]) -> bytes:
    plan, variant = payload
    created = plan.signatures[0].day
    if plan.style.media == "pdf" or variant == "truncated":
        data = pdf_bytes(agreement_document(plan, pdf=True), created)
        return data[: int(len(data) * 0.55)] if variant == "truncated" else data
    return text_bytes(agreement_document(plan, pdf=False), plan.style.encoding, plan.style.newline)


def _render_decision(payload: tuple[DecisionPlan, date | None]) -> bytes:
    plan, referred_date = payload
    if plan.media == "pdf":
        return pdf_bytes(decision_document(plan, referred_date, pdf=True), plan.decision_date)
    return text_bytes(decision_document(plan, referred_date, pdf=False), "utf-8", "\n")


def _render_csv(payload: tuple[list[DecisionPlan], bool, bool, str]) -> bytes:
    return csv_bytes(*payload)


def _render_xlsx(payload: tuple[list[DecisionPlan], int]) -> bytes:
    return xlsx_bytes(*payload)


def _render_press(payload: tuple[int, CorpusDistrict, Decimal, bool]) -> bytes:
    year, district, amount, as_pdf = payload
    document = press_release_document(year, district, format_amount(amount, "euro", pdf=as_pdf))
    return pdf_bytes(document, date(year, 2, 14)) if as_pdf else text_bytes(document, "utf-8", "\n")


def _render_jobcenter(payload: tuple[int, CorpusDistrict, date]) -> bytes:
    year, district, day = payload
    return text_bytes(jobcenter_document(year, district, ministry_on(day), day), "cp1252", "\r\n")


def _render_bytes(payload: bytes) -> bytes:
    return payload


_RENDERERS: dict[str, Callable[[Any], bytes]] = {
    "agreement": _render_agreement,
    "decision": _render_decision,
    "csv": _render_csv,
    "xlsx": _render_xlsx,
    "press": _render_press,
    "jobcenter": _render_jobcenter,
    "bytes": _render_bytes,
}


# ------------------------------------------------------------------------------ expectations


def agreement_expected(plan: AgreementPlan, pdf: bool | None = None) -> dict[str, Any]:
    """What the agreement parser must return for this plan (PDF text is latin-1-safe already).

    ``pdf``: the document is a PDF (or a scan of one) whatever the plan's own medium.
    """
    as_pdf = plan.style.media == "pdf" if pdf is None else pdf
    return {
        "district_ags": plan.district.district_ags,
        "district_name": plan.district.official_name,
        "year": plan.year,
        "budget_total_eur": euro_string(plan.budget_total_eur),
        "ministry": plan.ministry.name,
        "ministry_short": plan.ministry_short,
        "measures": [
            {
                "measure_type": measure.measure_type,
                "name": measure.name,
                "amount_eur": euro_string(measure.amount_eur)
                if measure.amount_eur is not None
                else None,
                "projects": [pdf_safe(name) if as_pdf else name for name in measure.projects],
            }
            for measure in plan.measures
        ],
        "earmarks": [
            {"label": label, "amount_eur": euro_string(amount)} for label, amount in plan.earmarks
        ],
        "other_budgets": (
            [
                {
                    "label": "Arbeitsmarktbudget",
                    "amount_eur": euro_string(plan.labour_market_budget_eur),
                }
            ]
            if plan.labour_market_budget_eur is not None
            else []
        ),
        "signatures": [
            {
                "party": s.party,
                "place": s.place,
                "date": s.day.isoformat(),
                "name": s.name,
                "role": s.role,
            }
            for s in plan.signatures
        ],
        "version": plan.version,
    }


def decision_expected(plan: DecisionPlan) -> dict[str, Any]:
    """What the decision parsers must return (letter and export rows alike)."""

    def money(value: Decimal | None) -> str | None:
        return euro_string(value) if value is not None else None

    return {
        "decision_id": plan.decision_id,
        "decision_type": plan.decision_type,
        "decision_date": plan.decision_date.isoformat(),
        "district_ags": plan.district.district_ags,
        "district_name": plan.district.official_name,
        "year": plan.year,
        "refers_to": plan.refers_to,
        "total_eur": money(plan.total_eur),
        "used_total_eur": money(plan.used_total_eur),
        "reclaimed_total_eur": money(plan.reclaimed_total_eur),
        "lines": [
            {
                "project": line.project,
                "agreement_project": line.agreement_project,
                "measure_type": line.measure_type,
                "provider": line.provider,
                "amount_eur": money(line.amount_eur),
                "used_eur": money(line.used_eur),
                "reclaimed_eur": money(line.reclaimed_eur),
            }
            for line in plan.lines
        ],
        "defect": plan.defect,
    }


# ------------------------------------------------------------------------------ planning


def _plan_corpus(years: tuple[int, int], seed: int, scale: int) -> CorpusPlan:
    plan = CorpusPlan(years=years, seed=seed, districts=corpus_districts(scale))
    year_range = plan.year_range
    for state_index in range(1, scale + 1):
        state = tuple(d for d in plan.districts if d.state_index == state_index)
        budgets = allocate_budgets(state, year_range, seed, state_index)
        totals = {
            year: sum((budgets[(d.district_ags, year)] for d in state), Decimal(0))
            for year in year_range
        }
        for index, district in enumerate(state):
            projects = plan_projects(district, year_range, seed)
            officeholders = district_officeholders(district, year_range, seed)
            _assign_providers(plan, district, projects, seed)
            for year in year_range:
                plan.agreements[(district.district_ags, year)] = plan_agreement(
                    district,
                    index,
                    year,
                    budgets[(district.district_ags, year)],
                    totals[year],
                    projects[year],
                    officeholders[year],
                    seed,
                )
    return plan


def _assign_providers(
    plan: CorpusPlan, district: CorpusDistrict, projects: dict, seed: int
) -> None:
    """Each project keeps its provider (Träger) across years."""
    rng = seeded(seed, f"provider-map:{district.district_ags}")
    providers = plan_providers(district, seed)
    for year in sorted(projects):
        for measure_type in (1, 2, 3, 4):
            for name in projects[year][measure_type]:
                plan.providers.setdefault((district.district_ags, name), rng.choice(providers))


@dataclass
class DefectTargets:
    """Which district-years (or files) carry which planted defect."""

    counts: dict[str, int]
    by_class: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _choose_defects(
    plan: CorpusPlan, base_documents: int, defect_rate: float, seed: int
) -> DefectTargets:
    """At least one of each class when the rate is positive, then round-robin up to the rate."""
    if defect_rate <= 0:
        return DefectTargets(counts=dict.fromkeys(DEFECT_CLASSES, 0))
    total = max(len(DEFECT_CLASSES), round(defect_rate * base_documents))
    counts = {
        name: total // len(DEFECT_CLASSES) + (1 if i < total % len(DEFECT_CLASSES) else 0)
        for i, name in enumerate(DEFECT_CLASSES)
    }
    rng = seeded(seed, "defects")
    pinned = set(published_district_figures()) | {(BERGSTRASSE_AGS, 2025)}
    eligible = [key for key in sorted(plan.agreements) if key not in pinned]
    rng.shuffle(eligible)
    state_years = set(published_state_totals())
    targets = DefectTargets(counts=counts)
    for name in DEFECT_CLASSES:
        chosen: list[tuple[str, int]] = []
        for _ in range(counts[name]):
            if name in ("press_release", "unknown_district", "jobcenter_agreement"):
                chosen.append(rng.choice(sorted(plan.agreements)))
                continue
            for index, key in enumerate(eligible):
                if name == "decision_without_agreement" and _crowded(key, chosen, state_years):
                    continue
                chosen.append(eligible.pop(index))
                break
        targets.by_class[name] = chosen
    return targets


def _crowded(key: tuple[str, int], chosen: list[tuple[str, int]], state_years: set[int]) -> bool:
    """A missing agreement would distort a published statewide figure or pile up in one year."""
    state_prefix = key[0][:2]
    return key[1] in state_years or any(
        year == key[1] and ags[:2] == state_prefix for ags, year in chosen
    )


# ------------------------------------------------------------------------------ jobs


def _agreement_path(plan: AgreementPlan, suffix: str = "", ext: str | None = None) -> str:
    ext = ext or ("pdf" if plan.style.media == "pdf" else "txt")
    return f"agreements/{plan.year}/zielvereinbarung_{plan.year}_{plan.district.district_ags}_{slugify(plan.district.official_name)}{suffix}.{ext}"


def _agreement_job(
    plan: AgreementPlan, path: str, defect: str | None = None, variant: str = "normal"
) -> FileJob:
    is_pdf = plan.style.media == "pdf" or variant == "truncated"
    quarantined = defect in QUARANTINED_DEFECTS
    return FileJob(
        path=path,
        kind="agreement",
        payload=(plan, variant),
        media_type=PDF_MEDIA if is_pdf else TEXT_MEDIA,
        document_type="agreement",
        defect=defect,
        expected=None if quarantined else agreement_expected(plan),
        encoding=None if is_pdf else plan.style.encoding,
    )


def _scan_job(source: FileJob, seed: int, defect: str | None, copy: bool) -> FileJob:
    """A scanned original of an agreement or decision letter job, with the source's ground truth.

    ``copy``: the clean file stays in the corpus and the scan is a second delivery of it
    (``…_scan.pdf`` beside it); otherwise the scan replaces it.
    """
    stem = source.path.rsplit(".", 1)[0]
    expected = source.expected
    if source.kind == "agreement":
        expected = agreement_expected(source.payload[0], pdf=True)
    return FileJob(
        path=f"{stem}_scan.pdf",
        kind="scan",
        payload=(source, seed),
        media_type=PDF_MEDIA,
        document_type=source.document_type,
        defect=defect,
        expected=expected,
        scan_of=source.path if copy else None,
        is_scan=True,
    )


def _deliver_as_scans(
    jobs: list[FileJob], rate: float, count: int | None, seed: int
) -> list[FileJob]:
    """Deliver a share of the clean agreements and decision letters as scans instead.

    Only files no other file refers to (no versions, no duplicates, no planted defect) are
    candidates, so every cross-reference in the manifest stays valid. ``count`` overrides
    ``rate`` (the bench asks for a number of scans).
    """
    referenced = {job.duplicate_of for job in jobs if job.duplicate_of}
    candidates = [
        index
        for index, job in enumerate(jobs)
        if job.kind in ("agreement", "decision")
        and job.defect is None
        and job.superseded_by is None
        and job.supersedes is None
        and job.path not in referenced
    ]
    wanted = round(rate * len(candidates)) if count is None else count
    chosen = seeded(seed, "scans").sample(candidates, min(wanted, len(candidates)))
    result = list(jobs)
    for index in chosen:
        result[index] = _scan_job(jobs[index], seed, defect=None, copy=False)
    return result


def _decision_jobs(decisions: list[DecisionPlan]) -> list[FileJob]:
    jobs = []
    dates = {decision.decision_id: decision.decision_date for decision in decisions}
    for decision in decisions:
        ext = "pdf" if decision.media == "pdf" else "txt"
        title = slugify(TITLE_BY_TYPE[decision.decision_type])
        jobs.append(
            FileJob(
                path=f"decisions/{decision.year}/{decision.decision_id}_{title}.{ext}",
                kind="decision",
                payload=(decision, dates.get(decision.refers_to or "")),
                media_type=PDF_MEDIA if ext == "pdf" else TEXT_MEDIA,
                document_type="grant_decision",
                defect=decision.defect,
                expected=decision_expected(decision),
                encoding=None if ext == "pdf" else "utf-8",
            )
        )
    return jobs


def _export_jobs(
    state_index: int,
    year: int,
    decisions: list[DecisionPlan],
    expected_by_id: dict[str, dict[str, Any]],
    seed: int,
) -> list[FileJob]:
    """One state-year's export as CSV and XLSX, holding the same decisions as the letters."""
    rng = seeded(seed, f"export:{state_index}:{year}")
    folder = "exports" if state_index == 1 else f"exports/beispielland_{16 + state_index}"
    expected = {"decisions": [expected_by_id[decision.decision_id] for decision in decisions]}
    bom, thousands, newline = (
        rng.random() < 0.5,
        rng.random() < 0.6,
        "\r\n" if rng.random() < 0.5 else "\n",
    )
    return [
        FileJob(
            path=f"{folder}/foerderdaten_aqb_{year}.csv",
            kind="csv",
            payload=(decisions, bom, thousands, newline),
            media_type=CSV_MEDIA,
            document_type="grant_decision_export",
            expected=expected,
            encoding="utf-8-sig" if bom else "utf-8",
        ),
        FileJob(
            path=f"{folder}/foerderdaten_aqb_{year}.xlsx",
            kind="xlsx",
            payload=(decisions, year),
            media_type=XLSX_MEDIA,
            document_type="grant_decision_export",
            expected=expected,
        ),
    ]


def _unknown_district_plan(plan: AgreementPlan, number: int) -> AgreementPlan:
    name = UNKNOWN_DISTRICT_NAMES[number % len(UNKNOWN_DISTRICT_NAMES)]
    fake = CorpusDistrict(
        district_ags="06000",
        official_name=name,
        seat=name.split(" ")[-1],
        population=90_000,
        district_type="kreisfreie Stadt",
        state_index=1,
        name_forms=(NameForm(name, feminine=True),),
    )
    signatures = (
        plan.signatures[0],
        replace(plan.signatures[1], place=fake.seat, organisation_lines=district_org_lines(fake)),
    )
    return replace(
        plan, district=fake, signatures=signatures, style=replace(plan.style, name_form_index=0)
    )


def _build_jobs(
    plan: CorpusPlan,
    defect_rate: float,
    seed: int,
    scan_rate: float | None = None,
    scan_count: int | None = None,
) -> tuple[list[FileJob], list[tuple[str, int]]]:
    """Every file of the corpus as a job, defects planted; also the district-years left without agreement."""
    last_year = plan.years[1]
    decisions = {
        key: plan_decisions(agreement, plan.providers, last_year, seed)
        for key, agreement in sorted(plan.agreements.items())
    }
    base_documents = len(plan.agreements) + sum(len(items) for items in decisions.values())
    targets = _choose_defects(plan, base_documents, defect_rate, seed)
    explicit_scans = scan_rate is not None or scan_count is not None
    if explicit_scans:  # the scan share replaces the planted scanned copies
        targets.by_class["scanned_pdf"] = []
    exceed = set(targets.by_class.get("decision_exceeds_agreement", []))
    without = set(targets.by_class.get("decision_without_agreement", []))
    corrected = set(targets.by_class.get("corrected_agreement", []))
    for key in sorted(exceed):
        decisions[key] = plan_decisions(
            plan.agreements[key], plan.providers, last_year, seed, exceed=True
        )
    for key in sorted(exceed | without):
        defect = "decision_exceeds_agreement" if key in exceed else "decision_without_agreement"
        decisions[key] = [replace(decision, defect=defect) for decision in decisions[key]]

    jobs: list[FileJob] = []
    jobs_by_key: dict[tuple[str, int], FileJob] = {}
    for key, agreement in sorted(plan.agreements.items()):
        if key in without:
            continue
        job = _agreement_job(agreement, _agreement_path(agreement))
        jobs.append(job)
        jobs_by_key[key] = job
        if key in corrected:
            newer = corrected_version(agreement, seed)
            newer_job = _agreement_job(
                newer, _agreement_path(newer, "_berichtigt"), defect="corrected_agreement"
            )
            newer_job.supersedes, job.superseded_by = job.path, newer_job.path
            jobs.append(newer_job)
    decision_jobs = {key: _decision_jobs(items) for key, items in sorted(decisions.items())}
    expected_by_id = {
        job.expected["decision_id"]: job.expected
        for jobs_of_key in decision_jobs.values()
        for job in jobs_of_key
        if job.expected
    }
    for key in sorted(decision_jobs):
        jobs.extend(decision_jobs[key])
    for state_index in sorted({d.state_index for d in plan.districts}):
        for year in plan.year_range:
            state_decisions = [
                decision
                for key in sorted(decisions)
                if key[1] == year
                for decision in decisions[key]
                if decision.district.state_index == state_index
            ]
            jobs.extend(_export_jobs(state_index, year, state_decisions, expected_by_id, seed))
    jobs.extend(_extra_defect_jobs(plan, targets, jobs_by_key, decision_jobs, seed))
    if explicit_scans:
        jobs = _deliver_as_scans(jobs, scan_rate or 0.0, scan_count, seed)
    return jobs, sorted(without)


def _extra_defect_jobs(
    plan: CorpusPlan,
    targets: DefectTargets,
    jobs_by_key: dict[tuple[str, int], FileJob],
    decision_jobs: dict[tuple[str, int], list[FileJob]],
    seed: int,
) -> list[FileJob]:
    """Files that exist only because of a defect: scans, cut uploads, drafts, strangers, copies."""
    jobs: list[FileJob] = []
    for number, key in enumerate(targets.by_class.get("press_release", [])):
        agreement = plan.agreements[key]
        as_pdf = number % 2 == 1
        jobs.append(
            FileJob(
                path=f"presse/pressemitteilung_aqb_{key[1]}_{number + 1:02d}.{'pdf' if as_pdf else 'txt'}",
                kind="press",
                payload=(key[1], agreement.district, agreement.budget_total_eur, as_pdf),
                media_type=PDF_MEDIA if as_pdf else TEXT_MEDIA,
                document_type="press_release",
                defect="press_release",
                encoding=None if as_pdf else "utf-8",
            )
        )
    scanned = targets.by_class.get("scanned_pdf", [])
    for key in scanned:
        jobs.append(_scan_job(jobs_by_key[key], seed, defect="scanned_pdf", copy=True))
    if scanned:
        letters = sorted(
            (job for key in sorted(decision_jobs) for job in decision_jobs[key] if not job.defect),
            key=lambda job: job.path,
        )
        count = min(len(letters), max(1, min(3, len(scanned) // 2)))
        for letter in seeded(seed, "scanned-letters").sample(letters, count):
            jobs.append(_scan_job(letter, seed, defect="scanned_pdf", copy=True))
    for key in targets.by_class.get("truncated_pdf", []):
        agreement = plan.agreements[key]
        jobs.append(
            _agreement_job(
                agreement,
                _agreement_path(agreement, "_upload", "pdf"),
                "truncated_pdf",
                "truncated",
            )
        )
    for key in targets.by_class.get("year_contradiction", []):
        agreement = replace(plan.agreements[key], body_year=key[1] + 1)
        jobs.append(
            _agreement_job(agreement, _agreement_path(agreement, "_entwurf"), "year_contradiction")
        )
    for number, key in enumerate(targets.by_class.get("unknown_district", [])):
        stranger = _unknown_district_plan(plan.agreements[key], number)
        path = f"agreements/{key[1]}/zielvereinbarung_{key[1]}_{slugify(stranger.district.official_name)}.{'pdf' if stranger.style.media == 'pdf' else 'txt'}"
        jobs.append(_agreement_job(stranger, path, "unknown_district"))
    for key in targets.by_class.get("jobcenter_agreement", []):
        agreement = plan.agreements[key]
        day = agreement.signatures[0].day + timedelta(days=30)
        jobs.append(
            FileJob(
                path=f"agreements/{key[1]}/zielvereinbarung_{key[1]}_jobcenter_{slugify(agreement.district.official_name)}.txt",
                kind="jobcenter",
                payload=(key[1], agreement.district, day),
                media_type=TEXT_MEDIA,
                document_type="agreement",
                defect="jobcenter_agreement",
                encoding="cp1252",
            )
        )
    for number, key in enumerate(targets.by_class.get("exact_duplicate", [])):
        original = (
            jobs_by_key[key]
            if number % 2 == 0 or not decision_jobs.get(key)
            else decision_jobs[key][0]
        )
        jobs.append(
            FileJob(
                path=f"nachgereicht/kopie_{original.path.rsplit('/', 1)[-1]}",
                kind="bytes",
                payload=b"",
                media_type=original.media_type,
                document_type=original.document_type,
                defect="exact_duplicate",
                expected=original.expected,
                encoding=original.encoding,
                duplicate_of=original.path,
            )
        )
    return jobs


# ------------------------------------------------------------------------------ writing


_POOL_JOBS: list[FileJob] = []  # set before forking so workers read jobs without pickling them
_POOL_OUT_DIR = Path()


Written = tuple[str, int, dict[str, Any] | None]  # sha256, size, scan parameters


def _write_one(index: int) -> Written:
    """Render job ``index`` and write its file: (sha256, size, scan). Runs in the parent or a worker."""
    job = _POOL_JOBS[index]
    data, scan = render_job_with_scan(job)
    (_POOL_OUT_DIR / job.path).write_bytes(data)
    return hashlib.sha256(data).hexdigest(), len(data), scan


def _write_all(out_dir: Path, jobs: list[FileJob]) -> list[Written]:
    """Write every file, return (sha256, size, scan) per job in job order.

    Big corpora use a forked process pool; results come back in job order, so the manifest is
    the same as a serial run. Files are written by the workers: only hashes travel back.
    """
    global _POOL_JOBS, _POOL_OUT_DIR
    for folder in sorted({(out_dir / job.path).parent for job in jobs}):
        folder.mkdir(parents=True, exist_ok=True)
    _POOL_JOBS, _POOL_OUT_DIR = jobs, out_dir
    renderable = [index for index, job in enumerate(jobs) if job.kind != "bytes"]
    workers = min(4, os.cpu_count() or 1)
    try:
        if len(renderable) >= POOL_THRESHOLD and workers > 1:
            with get_context("fork").Pool(workers) as pool:
                written = pool.map(_write_one, renderable, chunksize=32)
        else:
            written = [_write_one(index) for index in renderable]
    finally:
        _POOL_JOBS, _POOL_OUT_DIR = [], Path()
    results: dict[int, Written] = dict(zip(renderable, written, strict=True))
    index_by_path = {job.path: index for index, job in enumerate(jobs)}
    for index, job in enumerate(jobs):
        if job.kind == "bytes":  # an exact duplicate: the same bytes under another name
            data = (out_dir / (job.duplicate_of or "")).read_bytes()
            (out_dir / job.path).write_bytes(data)
            results[index] = results[index_by_path[job.duplicate_of or ""]]
    return [results[index] for index in range(len(jobs))]


def _validate(
    out_dir: Path, years: tuple[int, int], scale: int, defect_rate: float, scan_rate: float | None
) -> None:
    if years[0] > years[1] or years[0] < 2011 or years[1] > 2099:
        raise ValueError(
            f"years must be an ascending range within 2011-2099, got {years[0]}-{years[1]}"
        )
    if not 0 <= defect_rate <= 0.5:
        raise ValueError(f"defect rate must be between 0 and 0.5, got {defect_rate}")
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    if scan_rate is not None and not 0 <= scan_rate <= 1:
        raise ValueError(f"scan share must be between 0 and 1, got {scan_rate}")
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"{out_dir} exists and is not a folder")


def generate_corpus(
    out_dir: Path,
    years: tuple[int, int] = (2016, 2025),
    seed: int = 20250802,
    scale: int = 1,
    defect_rate: float = 0.05,
    scan_rate: float | None = None,
    scan_count: int | None = None,
) -> Manifest:
    """Write the synthetic sample corpus (Beispieldaten) and its ground-truth ``manifest.json``.

    Scans: by default the planted ``scanned_pdf`` class adds scanned copies of a few agreements
    and decision letters; ``scan_rate`` (0-1) instead delivers that share of the clean agreements
    and letters only as scans, ``scan_count`` that many (the bench).
    """
    out_dir = Path(out_dir)
    years = (int(years[0]), int(years[1]))
    _validate(out_dir, years, scale, defect_rate, scan_rate)
    plan = _plan_corpus(years, seed, scale)
    jobs, missing = _build_jobs(plan, defect_rate, seed, scan_rate, scan_count)
    written = _write_all(out_dir, jobs)
    files = [
        ManifestFile(
            path=job.path,
            sha256=sha256,
            size_bytes=size,
            media_type=job.media_type,
            document_type=job.document_type,
            defect=job.defect,
            expected_quarantine=job.defect in QUARANTINED_DEFECTS,
            expected=None if job.defect in QUARANTINED_DEFECTS else job.expected,
            encoding=job.encoding,
            duplicate_of=job.duplicate_of,
            supersedes=job.supersedes,
            superseded_by=job.superseded_by,
            scan={**scan, "of": job.scan_of} if scan is not None else None,
            expected_outcome=SCAN_OUTCOME if job.is_scan else None,
        )
        for job, (sha256, size, scan) in zip(jobs, written, strict=True)
    ]
    extra_file = None
    if scale > 1:
        extra_file = "extra_districts.csv"
        (out_dir / extra_file).write_bytes(extra_districts_csv(scale))
    manifest = Manifest(
        generator=GENERATOR_NAME,
        generator_version=GENERATOR_VERSION,
        sample_data=True,
        note=SAMPLE_NOTE,
        seed=seed,
        args=_args(years, scale, defect_rate, scan_rate, scan_count),
        decision_policy=DECISION_POLICY,
        extra_districts_file=extra_file,
        missing_agreements=tuple(missing),
        statewide_totals={},
        files=tuple(files),
    )
    manifest = replace(manifest, statewide_totals=_statewide_totals(manifest))
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest.save(out_dir / "manifest.json")
    return manifest


def _args(
    years: tuple[int, int],
    scale: int,
    defect_rate: float,
    scan_rate: float | None,
    scan_count: int | None,
) -> dict[str, Any]:
    """The generation arguments for the manifest (scan settings only when given)."""
    args: dict[str, Any] = {"years": list(years), "scale": scale, "defect_rate": defect_rate}
    if scan_rate is not None:
        args["scan_rate"] = scan_rate
    if scan_count is not None:
        args["scan_count"] = scan_count
    return args


def _statewide_totals(manifest: Manifest) -> dict[str, str]:
    """Hessen's total per year over the current (winning) agreement versions."""
    totals: dict[int, Decimal] = {}
    for (ags, year), item in sorted(manifest.current_agreements().items()):
        if ags.startswith("06") and item.expected is not None:
            totals[year] = totals.get(year, Decimal(0)) + Decimal(item.expected["budget_total_eur"])
    return {str(year): euro_string(total) for year, total in sorted(totals.items())}
