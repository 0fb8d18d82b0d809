"""Zielvereinbarung (AQB target agreement) -> AgreementRecord, or QuarantineError with a reason.

Pure: an ExtractedDocument in, a record out. The district comes only from the party line
("zwischen <Ministerium> und dem <Kreis>"), the AQB amount from § 4, the measures from § 5, the
signatures from the blocks after the measure list. Contradictions are quarantined, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.parse.budget import read_budget, read_earmarks
from pipelines.parse.districts import resolve_district
from pipelines.parse.measures import find_headings, parse_measures
from pipelines.parse.ministry import resolve_ministry, written_ministry_name
from pipelines.parse.records import (
    AgreementRecord,
    ExtractedDocument,
    Provenance,
    QuarantineError,
    Signature,
    SourceLine,
)
from pipelines.parse.signatures import parse_signatures
from pipelines.reasons import Reason
from pipelines.reference import DistrictIndex

# the title line: "Zielvereinbarung", "Zielvereinbarung 2025", "Zielvereinbarung 2018 zwischen ...",
# never a headline such as "Zielvereinbarung unterzeichnet: 1,23 Millionen Euro ..."
_TITLE = re.compile(
    r"^\s*Zielvereinbarung(?:en)?(?:\s*$|\s+(?:\d{4}|zwischen|zum|zur|über|für|im|AQB)\b)",
    re.IGNORECASE,
)
_DRAFT = re.compile(
    r"^\W*(?:Entwurf|Vorentwurf|Arbeitsentwurf)\b(?!\s+(?:der|des)\s+(?:regionalen|Strategie))",
    re.IGNORECASE,
)
_FOREIGN_STATE = re.compile(
    r"Baden-Württemberg|Bayer|Berlin|Brandenburg|Bremen|Hamburg|Mecklenburg|Niedersachs|"
    r"Nordrhein-Westfalen|Rheinland-Pfalz|Saarland|Sachsen|Schleswig-Holstein|Thüringen",
    re.IGNORECASE,
)
_SAMPLE_NOTICE = re.compile(r"BEISPIELDATEN|Beispieldaten|synthetisch", re.IGNORECASE)
_HEADER_END = re.compile(
    r"zur\s+Umsetzung|über\s+die\s+Umsetzung|Präambel|^\s*§\s*\d", re.IGNORECASE
)
_PARTIES = re.compile(
    r"zwischen\s+(?P<ministry>.+?)\s+und\s+(?P<district>(?:dem|der|des|den)\s+.+?)"
    r"(?:\s+(?:zur|über\s+die|für\s+die|zum)\s+Umsetzung\b|\s+Präambel\b|$)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_BUDGET_YEAR = re.compile(r"budgets?\s+(20\d\d)(?!\d)", re.IGNORECASE)
_SECTION = re.compile(r"^\s*§\s*(?P<number>\d+)\b")
_PRESS = re.compile(
    r"Pressemitteilung|Pressestelle|Pressesprecher|Presseinformation", re.IGNORECASE
)
_JOBCENTER = re.compile(r"§\s*48\s*b|48b\s+SGB|Jobcenter", re.IGNORECASE)
_MAX_TITLE_SEARCH = 12
_MAX_HEADER_LINES = 14
_SIGNATURE_YEAR_SLACK = 1


@dataclass(frozen=True)
class _Header:
    """The opening of the agreement: title line through the purpose line."""

    lines: tuple[SourceLine, ...]
    text: str


def parse_agreement(
    doc: ExtractedDocument, districts: DistrictIndex | None = None
) -> AgreementRecord:
    """The agreement's record; QuarantineError(reason) when the document cannot be accepted."""
    districts = districts or DistrictIndex.shipped()
    lines = doc.lines
    _reject_draft(lines)
    header = _read_header(lines)
    _require_aqb(header, doc)
    _require_single_agreement(lines)
    ministry_text, district_text = _parties(header)
    _require_hessian_ministry(ministry_text)
    district = resolve_district(district_text, districts)
    if district is None:
        raise QuarantineError(
            f"Unknown district: the party {district_text!r} is not one of the districts that "
            "conclude AQB agreements.",
            code=Reason.UNKNOWN_DISTRICT,
        )
    sections = _sections(lines)
    year, year_line = _title_year(header, lines, sections)
    measures, measures_end = _measures(lines, sections)
    budget = read_budget(_budget_lines(lines, sections))
    if budget.conflicting_eur:
        listed = " and ".join(f"{value:,.2f} €" for value in budget.conflicting_eur)
        raise QuarantineError(
            f"Ambiguous amount: § 4 names several different amounts that could be the AQB budget "
            f"({listed}).",
            code=Reason.AMBIGUOUS_AMOUNT,
        )
    if budget.total_eur is None or budget.total_provenance is None:
        raise QuarantineError(
            "No amount: § 4 states no AQB budget amount in euro.", code=Reason.NO_AMOUNT
        )
    if budget.total_eur <= 0:
        raise QuarantineError(
            f"No amount: the AQB budget reads {budget.total_eur} euro.", code=Reason.NO_AMOUNT
        )
    _require_single_measure_list(lines, sections, measures_end)
    signatures = parse_signatures(lines, measures_end)
    if not signatures:
        raise QuarantineError(
            "Truncated document: no signature block ('<Ort>, den <Datum>') follows the measure list.",
            code=Reason.TRUNCATED_DOCUMENT,
        )
    if len(signatures) < 2:
        raise QuarantineError(
            "Truncated document: only one signature block follows the measure list; an agreement "
            "is signed by the ministry and the district.",
            code=Reason.TRUNCATED_DOCUMENT,
        )
    _check_years(year, lines, sections, signatures)
    ministry = resolve_ministry(ministry_text, year)
    provenance = {
        "district": _provenance(_line_naming(header.lines, district.name_form)),
        "year": _provenance(year_line),
        "budget_total_eur": budget.total_provenance,
        "ministry": _provenance(_line_naming(header.lines, "zwischen", after=True)),
    }
    return AgreementRecord(
        district_ags=district.district_ags,
        district_name=district.official_name,
        year=year,
        budget_total_eur=budget.total_eur,
        ministry=ministry.name if ministry else written_ministry_name(ministry_text),
        ministry_short=ministry.short_name if ministry else None,
        measures=measures,
        earmarks=read_earmarks(lines),
        other_budgets=budget.other_budgets,
        signatures=signatures,
        provenance=provenance,
    )


def _provenance(line: SourceLine) -> Provenance:
    return Provenance(page=line.page, line=line.line, text=line.text)


def _read_header(lines: tuple[SourceLine, ...]) -> _Header:
    """Title line "Zielvereinbarung" near the top, through the purpose line; else quarantine."""
    title_index = None
    seen = 0
    for index, line in enumerate(lines):
        if _SAMPLE_NOTICE.search(line.text) and not _TITLE.match(line.text):
            continue
        if _TITLE.match(line.text):
            title_index = index
            break
        seen += 1
        if seen >= _MAX_TITLE_SEARCH:
            break
    if title_index is None:
        raise QuarantineError(_not_an_agreement_reason(lines), code=Reason.NOT_AN_AGREEMENT)
    header_lines: list[SourceLine] = []
    for line in lines[title_index : title_index + _MAX_HEADER_LINES]:
        if header_lines and re.match(r"^\s*(?:Präambel|§\s*\d)", line.text):
            break
        header_lines.append(line)
        if _HEADER_END.search(line.text) and len(header_lines) > 1:
            break
    text = " ".join(line.text.strip() for line in header_lines)
    if not re.search(r"\bzwischen\b", text, re.IGNORECASE):
        raise QuarantineError(_not_an_agreement_reason(lines), code=Reason.NOT_AN_AGREEMENT)
    return _Header(tuple(header_lines), text)


def _reject_draft(lines: tuple[SourceLine, ...]) -> None:
    """Drafts ("Entwurf") are not concluded agreements: their figures may still change."""
    for line in lines:
        if _DRAFT.match(line.text) and len(line.text) < 80:
            raise QuarantineError(
                f"Draft: page {line.page} line {line.line} marks the document as 'Entwurf'; only "
                "signed agreements are ingested.",
                code=Reason.DRAFT,
            )


def _require_single_agreement(lines: tuple[SourceLine, ...]) -> None:
    """One file, one agreement: a second title with its own parties means a merged file."""
    titles = [
        index
        for index, line in enumerate(lines)
        if _TITLE.match(line.text)
        and any(re.search(r"\bzwischen\b", later.text) for later in lines[index : index + 8])
    ]
    if len(titles) > 1:
        second = lines[titles[1]]
        raise QuarantineError(
            f"Several agreements in one file: a second title 'Zielvereinbarung' with its own "
            f"parties starts on page {second.page} line {second.line}.",
            code=Reason.SEVERAL_AGREEMENTS,
        )


def _require_hessian_ministry(ministry_text: str) -> None:
    """AQB agreements are concluded by Hessen's labour ministry, not another state's."""
    if _FOREIGN_STATE.search(ministry_text) or (
        resolve_ministry(ministry_text, None) is None and not re.search(r"Hess", ministry_text)
    ):
        raise QuarantineError(
            f"Not an AQB agreement: the ministry party {ministry_text.strip()!r} is not Hessen's "
            "labour ministry.",
            code=Reason.NOT_AN_AQB_AGREEMENT,
        )


def _require_single_measure_list(
    lines: tuple[SourceLine, ...], sections: dict[int, tuple[int, int]], measures_end: int
) -> None:
    """A second numbered measure list in § 5 (e.g. add-on projects) is not read: quarantine."""
    section_end = sections[5][1] if 5 in sections else len(lines)
    if measures_end < section_end and find_headings(lines[:section_end], measures_end):
        raise QuarantineError(
            "Ambiguous measure list: § 5 holds a second numbered list of measure types after "
            "the first one.",
            code=Reason.AMBIGUOUS_MEASURE_LIST,
        )


def _not_an_agreement_reason(lines: tuple[SourceLine, ...]) -> str:
    """One sentence saying what the document seems to be instead."""
    opening = " ".join(line.text for line in lines[:15])
    if _PRESS.search(opening):
        return "Not an agreement: this is a press release, not a Zielvereinbarung between ministry and district."
    return (
        "Not an agreement: the document does not open with the title 'Zielvereinbarung' "
        "followed by its parties ('zwischen ... und ...')."
    )


def _require_aqb(header: _Header, doc: ExtractedDocument) -> None:
    """Only AQB agreements: Jobcenter targets (§ 48b SGB II) and others are quarantined."""
    if _JOBCENTER.search(header.text) or re.search(r"§\s*48\s*b\s+SGB", doc.text):
        raise QuarantineError(
            "Not an AQB agreement: this Zielvereinbarung sets Jobcenter targets under § 48b SGB II.",
            code=Reason.NOT_AN_AQB_AGREEMENT,
        )
    if not re.search(
        r"Qualifizierungsbudget|Ausbildungsbudget|\bAQB\b", header.text, re.IGNORECASE
    ):
        raise QuarantineError(
            "Not an AQB agreement: the purpose line does not name the Ausbildungs- und "
            "Qualifizierungsbudget.",
            code=Reason.NOT_AN_AQB_AGREEMENT,
        )


def _parties(header: _Header) -> tuple[str, str]:
    """(ministry text, district text) from "zwischen <ministry> und dem <district> zur ..."."""
    match = _PARTIES.search(header.text)
    if match is None:
        raise QuarantineError(
            "Unknown district: the header names no district party ('und dem/der <Kreis>').",
            code=Reason.UNKNOWN_DISTRICT,
        )
    return match.group("ministry"), match.group("district")


def _line_naming(lines: tuple[SourceLine, ...], needle: str, after: bool = False) -> SourceLine:
    """The header line holding ``needle`` (or the line after it), for provenance."""
    flat = " ".join(needle.split()).casefold()
    for index, line in enumerate(lines):
        if flat in " ".join(line.text.split()).casefold():
            if after and line.text.strip().casefold() == flat and index + 1 < len(lines):
                return lines[index + 1]
            return line
    return lines[0]


def _sections(lines: tuple[SourceLine, ...]) -> dict[int, tuple[int, int]]:
    """§ number -> (first line index, end index) for the first run of "§ n" headings."""
    starts: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        match = _SECTION.match(line.text)
        if match and len(line.text) < 120:
            number = int(match.group("number"))
            if all(number != seen for seen, _ in starts):
                starts.append((number, index))
    sections: dict[int, tuple[int, int]] = {}
    for position, (number, start) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else len(lines)
        sections[number] = (start, end)
    return sections


def _title_year(
    header: _Header, lines: tuple[SourceLine, ...], sections: dict[int, tuple[int, int]]
) -> tuple[int, SourceLine]:
    """The budget year from the title ("Zielvereinbarung 2025"), else from "Budget 2025"."""
    before_parties = re.split(r"\bzwischen\b", header.text, maxsplit=1, flags=re.IGNORECASE)[0]
    match = _YEAR.search(before_parties)
    if match:
        year = int(match.group(1))
        return year, _line_naming(header.lines, match.group(1))
    for line in _section_lines(lines, sections, (4, 5)) or list(lines):
        budget_year = _BUDGET_YEAR.search(line.text)
        if budget_year:
            return int(budget_year.group(1)), line
    raise QuarantineError(
        "No budget year: neither the title nor § 4/§ 5 name the year.", code=Reason.NO_BUDGET_YEAR
    )


def _section_lines(
    lines: tuple[SourceLine, ...], sections: dict[int, tuple[int, int]], numbers: tuple[int, ...]
) -> list[SourceLine]:
    result: list[SourceLine] = []
    for number in numbers:
        if number in sections:
            start, end = sections[number]
            result.extend(lines[start:end])
    return result


def _measures(lines: tuple[SourceLine, ...], sections: dict[int, tuple[int, int]]):
    """Measures from the § 5 list (or the first numbered measure list when § 5 is not marked)."""
    start = sections[5][0] if 5 in sections else 0
    headings = find_headings(lines, start)
    if not headings and start:
        headings = find_headings(lines, 0)
    if not headings:
        raise QuarantineError(
            "Missing measure section: no numbered measure types (1.-4.) were found in § 5; "
            "the document may be truncated.",
            code=Reason.MISSING_MEASURE_SECTION,
        )
    return parse_measures(lines, headings)


def _budget_lines(
    lines: tuple[SourceLine, ...], sections: dict[int, tuple[int, int]]
) -> list[SourceLine]:
    """§ 4, or where the paragraphs are not numbered, the lines around "in Höhe von"."""
    if 4 in sections:
        return _section_lines(lines, sections, (4,))
    picked: list[SourceLine] = []
    for index, line in enumerate(lines):
        if re.search(r"in\s+Höhe\s+von|Haushaltsmittel", line.text, re.IGNORECASE):
            for neighbour in lines[index : index + 3]:
                if neighbour not in picked:
                    picked.append(neighbour)
    return picked


def _check_years(
    year: int,
    lines: tuple[SourceLine, ...],
    sections: dict[int, tuple[int, int]],
    signatures: tuple[Signature, ...],
) -> None:
    """Quarantine when § 4/§ 5 or the signature dates contradict the title's year."""
    for line in _section_lines(lines, sections, (4, 5)):
        for match in _BUDGET_YEAR.finditer(line.text):
            named = int(match.group(1))
            if named != year:
                raise QuarantineError(
                    f"Year contradiction: the title says {year} but page {line.page} line "
                    f"{line.line} names the budget {named}.",
                    code=Reason.YEAR_CONTRADICTION,
                )
    for signature in signatures:
        if signature.date is None:
            continue
        if abs(signature.date.year - year) > _SIGNATURE_YEAR_SLACK:
            raise QuarantineError(
                f"Year contradiction: the {year} agreement is signed on "
                f"{signature.date.isoformat()}, more than a year away from its budget year.",
                code=Reason.YEAR_CONTRADICTION,
            )
