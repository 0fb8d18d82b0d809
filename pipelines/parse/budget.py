"""The budget figures of § 4: the AQB total, a second budget (Arbeitsmarktbudget), earmarks.

Each amount is labelled by the budget named next to it ("... Euro aus dem Ausbildungs- und
Qualifizierungsbudget 2014 und ... Euro aus dem Arbeitsmarktbudget 2014"). Amounts in a "Davon
..." sentence are shares of the total (earmarks), never the total itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipelines.parse.amounts import bare_amount, find_amounts
from pipelines.parse.records import Earmark, OtherBudget, Provenance, SourceLine

_AQB = re.compile(r"Qualifizierungsbudget|Ausbildungsbudget|\bAQB\b", re.IGNORECASE)
_LABOUR_MARKET = re.compile(r"Arbeitsmarktbudget", re.IGNORECASE)
_DAVON = re.compile(r"\b(?:davon|hiervon|darunter|darin\s+enthalten)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-zäöüß)\]\"“”])[.;!?](?=\s|$)")
_EARMARK_VERBS = (
    r"vorgesehen|bestimmt|reserviert|zweckgebunden|gebunden|einzusetzen|zu verwenden|eingeplant|"
    r"bereitgestellt|vorbehalten"
)
# an amount's clause ends at a sentence end, a line break (a table row keeps its cells), a comma, a parenthesis, or a
# coordinating "und"/"sowie" (but not the "- und" inside "Ausbildungs- und Qualifizierungsbudget")
_CLAUSE_BREAK = re.compile(r"(?<=[a-zäöüß)\]\"“”])[.;!?](?=\s|$)|[\n;,()]|(?<!-)\s(?:und|sowie)\s")
_NOT_THIS_BUDGET = re.compile(
    r"Vorjahr|vorjährig|im\s+Jahr\s+zuvor|landesweit|hessenweit|insgesamt\s+stellt\s+das\s+Land",
    re.IGNORECASE,
)
_ARTICLES = re.compile(r"^(?:die|den|das|der|dem|des)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class _Found:
    amount_eur: Decimal
    line: SourceLine
    label: str | None  # "aqb", "labour_market" or None
    in_davon_sentence: bool
    rounded: bool = False  # "1,2 Mio. Euro"


@dataclass(frozen=True)
class BudgetFigures:
    total_eur: Decimal | None
    total_provenance: Provenance | None
    other_budgets: tuple[OtherBudget, ...]
    # several different amounts could each be the AQB total: the caller quarantines
    conflicting_eur: tuple[Decimal, ...] = ()


def _provenance(line: SourceLine) -> Provenance:
    return Provenance(page=line.page, line=line.line, text=line.text)


def _region_text(lines: list[SourceLine]) -> tuple[str, list[tuple[int, SourceLine]]]:
    """The lines joined by newlines, with each line's start offset (to map amounts back)."""
    offsets: list[tuple[int, SourceLine]] = []
    parts: list[str] = []
    position = 0
    for line in lines:
        offsets.append((position, line))
        parts.append(line.text)
        position += len(line.text) + 1
    return "\n".join(parts), offsets


def _line_at(offsets: list[tuple[int, SourceLine]], position: int) -> SourceLine:
    current = offsets[0][1]
    for start, line in offsets:
        if start > position:
            break
        current = line
    return current


def _sentence_start(text: str, position: int) -> int:
    """Start of the sentence holding ``position`` (after the previous full stop or paragraph)."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    paragraph = text.rfind("\n\n", 0, position)
    return max(start, paragraph + 1 if paragraph >= 0 else 0)


def _label(context: str) -> str | None:
    """Which budget a piece of text names (the labour-market budget only when alone)."""
    names_aqb = bool(_AQB.search(context))
    names_labour = bool(_LABOUR_MARKET.search(context))
    if names_labour and not names_aqb:
        return "labour_market"
    if names_aqb:
        return "aqb"
    return None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause around an amount: "..., davon 40.000 Euro für ..." or a table cell."""
    clause_start = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, start):
        clause_start = match.end()
    following = _CLAUSE_BREAK.search(text, end)
    return clause_start, following.start() if following else len(text)


def _clause_label(clause: str, amount_at: int) -> str | None:
    """The budget the amount's own clause names; the nearer name when it names both."""
    aqb = [match.start() for match in _AQB.finditer(clause)]
    labour = [match.start() for match in _LABOUR_MARKET.finditer(clause)]
    if aqb and labour:
        nearest_aqb = min(abs(position - amount_at) for position in aqb)
        nearest_labour = min(abs(position - amount_at) for position in labour)
        return "aqb" if nearest_aqb < nearest_labour else "labour_market"
    return "aqb" if aqb else "labour_market" if labour else None


def _spans(
    text: str, offsets: list[tuple[int, SourceLine]]
) -> list[tuple[Decimal, int, int, bool]]:
    """(amount, start, end, rounded) of every amount, bare amounts on their own line included."""
    spans = [(item.amount_eur, item.start, item.end, item.rounded) for item in find_amounts(text)]
    for start, line in offsets:  # "1.230.450" alone on its line after "in Höhe von insgesamt"
        value = bare_amount(line.text)
        if value is not None and not any(s <= start < e for _, s, e, _ in spans):
            spans.append((value, start, start + len(line.text), False))
    return sorted(spans, key=lambda span: span[1])


def _amounts_in(lines: list[SourceLine]) -> list[_Found]:
    """Amounts in the § 4 lines with the budget each is attributed to.

    The amount's own clause decides first ("450.000 Euro aus dem Arbeitsmarktbudget", a table
    row "Arbeitsmarktbudget 2018<TAB>450.000 Euro"); only when it names no budget does the rest of
    the sentence. A share ("davon 40.000 Euro für ...") never borrows a label from a neighbour,
    and previous-year or statewide figures are not this district's budget at all.
    """
    if not lines:
        return []
    text, offsets = _region_text(lines)
    spans = _spans(text, offsets)
    found: list[_Found] = []
    for position, (value, start, end, rounded) in enumerate(spans):
        clause_start, clause_end = _clause(text, start, end)
        clause = text[clause_start:clause_end]
        if _NOT_THIS_BUDGET.search(clause):
            continue
        previous_end = spans[position - 1][2] if position else 0
        sentence_start = _sentence_start(text, start)
        davon = bool(_DAVON.search(text[max(previous_end, sentence_start) : start]))
        label = _clause_label(clause, start - clause_start)
        if label is None and not davon:
            label = _sentence_label(text, spans, position, sentence_start)
        found.append(_Found(value, _line_at(offsets, start), label, davon, rounded))
    return found


def _sentence_label(
    text: str, spans: list[tuple[Decimal, int, int, bool]], position: int, sentence_start: int
) -> str | None:
    """The budget named after the amount up to the sentence end, else before it in the sentence."""
    _, start, end, _ = spans[position]
    next_start = spans[position + 1][1] if position + 1 < len(spans) else len(text)
    after_end = next((m.start() for m in _SENTENCE_END.finditer(text, end, next_start)), next_start)
    previous_end = spans[position - 1][2] if position else 0
    return _label(text[end:after_end]) or _label(text[max(previous_end, sentence_start) : start])


def _without_grand_totals(found: list[_Found]) -> list[_Found]:
    """Drop a grand total that equals the AQB plus the other budget(s) it sums up."""
    labelled = [item for item in found if item.label is not None and not item.rounded]
    kept: list[_Found] = []
    for item in found:
        parts = [other for other in labelled if other is not item]
        kinds = {other.label for other in parts}
        is_sum = len(kinds) == 2 and sum(other.amount_eur for other in parts) == item.amount_eur
        if not is_sum:
            kept.append(item)
    return kept


def read_budget(lines: list[SourceLine]) -> BudgetFigures:
    """The AQB amount (the amount labelled AQB, else the plain one) and other budgets.

    A rounded figure ("1,2 Mio. Euro") counts only when no exact amount is given. Two different
    candidates for the AQB total are reported as a conflict, never resolved by position.
    """
    found = _without_grand_totals(_amounts_in(lines))
    if any(not item.rounded for item in found):
        found = [item for item in found if not item.rounded]
    others = tuple(
        OtherBudget("Arbeitsmarktbudget", item.amount_eur, _provenance(item.line))
        for item in found
        if item.label == "labour_market"
    )
    aqb = [item for item in found if item.label == "aqb"]
    plain = [item for item in found if item.label is None and not item.in_davon_sentence]
    if aqb:
        return _figures(aqb, others)
    if plain and others:
        return _figures([_aqb_share_of_grand_total(plain[0], found, others)], others)
    return _figures(_plain_total(plain), others)


def _plain_total(plain: list[_Found]) -> list[_Found]:
    """Unlabelled amounts: one value, or a total followed by the parts it sums up."""
    values = {item.amount_eur for item in plain}
    if len(values) > 1:
        largest = max(plain, key=lambda item: item.amount_eur)
        rest = sum(item.amount_eur for item in plain if item is not largest)
        if rest == largest.amount_eur:
            return [largest]
    return plain


def _figures(candidates: list[_Found], others: tuple[OtherBudget, ...]) -> BudgetFigures:
    """The single AQB total among ``candidates`` or the conflict between them."""
    if not candidates:
        return BudgetFigures(None, None, others)
    values = tuple(dict.fromkeys(item.amount_eur for item in candidates))
    if len(values) > 1:
        return BudgetFigures(None, None, others, conflicting_eur=values)
    return BudgetFigures(values[0], _provenance(candidates[0].line), others)


def _aqb_share_of_grand_total(
    grand: _Found, found: list[_Found], others: tuple[OtherBudget, ...]
) -> _Found:
    """ "insgesamt 557.900 Euro, davon 221.200 Euro aus dem Arbeitsmarktbudget": AQB = the rest."""
    others_sum = sum((budget.amount_eur for budget in others), Decimal(0))
    rest = grand.amount_eur - others_sum
    for item in found:
        if item is not grand and item.label is None and item.amount_eur == rest:
            return item
    labour_in_davon = all(item.in_davon_sentence for item in found if item.label == "labour_market")
    if labour_in_davon and rest > 0:
        return _Found(rest, grand.line, "aqb", False)
    return grand


def read_earmarks(lines: tuple[SourceLine, ...]) -> tuple[Earmark, ...]:
    """ "Davon sind 40.000 Euro für Teilzeitausbildung vorgesehen." and similar sentences."""
    earmarks: list[Earmark] = []
    for line in lines:
        if not _DAVON.search(line.text):
            continue
        for sentence in _sentences(line.text):
            earmark = _earmark(sentence, line)
            if earmark is not None:
                earmarks.append(earmark)
    return tuple(earmarks)


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()])
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _earmark(sentence: str, line: SourceLine) -> Earmark | None:
    """An earmark from one "davon ... für <Zweck> ..." sentence (budget splits excluded)."""
    if not _DAVON.search(sentence) or _AQB.search(sentence) or _LABOUR_MARKET.search(sentence):
        return None
    davon_at = _DAVON.search(sentence)
    amounts = [
        item for item in find_amounts(sentence) if davon_at and item.start > davon_at.start()
    ]
    if not amounts:
        return None
    amount = amounts[0]
    after = sentence[amount.end :]
    before = sentence[: amount.start]
    purpose = re.search(rf"\b(?:für|auf)\s+(?P<label>.+?)\s+(?:{_EARMARK_VERBS})\b", after)
    if purpose is None:
        purpose = re.search(r"\b(?:für|auf)\s+(?P<label>.+?)\s*$", before)
    if purpose is None:
        purpose = re.search(r"\b(?:für|auf)\s+(?P<label>.+?)\s*[.;]?$", after)
    if purpose is None:
        return None
    label = _ARTICLES.sub("", purpose.group("label").strip(" ,.;:"))
    label = re.sub(r"\s+(?:sind|werden|wird|ist)$", "", label)
    if not label:
        return None
    return Earmark(label=label, amount_eur=amount.amount_eur, provenance=_provenance(line))
