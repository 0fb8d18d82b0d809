"""Project-name similarity: normalisation and the rapidfuzz score used by the matcher.

Decisions and agreements name the same project differently ("Sprachkurs-begleitende
Unterstuetzung Bensheim" vs "Sprachkursbegleitende Unterstützung Bensheim", "Heppenheim:
Berufsorientierung an Schulen" vs "Berufsorientierung an Schulen Heppenheim"). Names are
normalised (case, umlauts, punctuation) and scored with the best of rapidfuzz's
``token_sort_ratio`` (word order) and ``WRatio`` (spelling, partial names).
Each (name, candidate) pair is scored once; the score is the better of the two scorers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

# Thresholds on the 0..100 score, chosen on spelling/word-order variants (tests/decisions):
# same project written differently scores >= 90; a different project in the same district
# rarely passes 60. Between the two a person decides.
MATCH_THRESHOLD = 85.0
REVIEW_THRESHOLD = 60.0
# Two different candidates this close to each other cannot be told apart automatically.
AMBIGUITY_MARGIN = 3.0

# Abbreviations the funding system's short names use ("Qualif. Lagerlogistik", "Fit für die
# Ausb.", "Ausb.sreife"), spelled out before comparing; case-blind, also inside compounds.
_ABBREVIATIONS = (
    (re.compile(r"\bausb\.", re.IGNORECASE), "Ausbildung"),
    (re.compile(r"\bqualif\.", re.IGNORECASE), "Qualifizierung"),
    (re.compile(r"\bweiterb\.", re.IGNORECASE), "Weiterbildung"),
    (re.compile(r"\bfortb\.", re.IGNORECASE), "Fortbildung"),
    (re.compile(r"\bbeschäft\.", re.IGNORECASE), "Beschäftigung"),
    (re.compile(r"\bberufl\.", re.IGNORECASE), "berufliche"),
    (re.compile(r"\bu\.(?=\s)", re.IGNORECASE), "und"),
)
_UMLAUTS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e"), ("è", "e"))
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """Abbreviations spelled out, lower case, umlauts spelled out, punctuation to spaces."""
    for pattern, spelled_out in _ABBREVIATIONS:
        name = pattern.sub(spelled_out, name)
    folded = name.casefold()
    for umlaut, spelled in _UMLAUTS:
        folded = folded.replace(umlaut, spelled)
    return " ".join(_NON_ALNUM.sub(" ", folded).split())


def name_score(left: str, right: str) -> float:
    """Similarity 0..100 of two normalised names (order of the arguments does not matter)."""
    if not left or not right:
        return 0.0
    return max(fuzz.token_sort_ratio(left, right), fuzz.WRatio(left, right))


@dataclass(frozen=True)
class Candidate:
    """A project of the current agreement a decision line may match."""

    project_name: str
    measure_type: int
    position: int


@dataclass(frozen=True)
class MatchResult:
    candidate: Candidate | None
    score: float | None
    status: str  # 'matched' | 'review' | 'unmatched'
    reason: str  # German, shown on the review list


def best_match(
    project_name: str, measure_type: int, candidates: Sequence[Candidate]
) -> MatchResult:
    """The best candidate for one decision line (see ``match_names``)."""
    return match_names([(project_name, measure_type)], candidates)[0]


def match_names(
    lines: Sequence[tuple[str, int]], candidates: Sequence[Candidate]
) -> list[MatchResult]:
    """Best candidate per (project name, measure type), and whether a person must look at it.

    'matched' needs a score >= MATCH_THRESHOLD, the same measure type, and no different
    candidate within AMBIGUITY_MARGIN; 'review' covers scores from REVIEW_THRESHOLD, a match in
    another measure type, and ties; everything else is 'unmatched'. All pairs of one
    district-year are scored at once with ``rapidfuzz.process.cdist`` (C++, no Python loop).
    """
    if not candidates:
        return [
            MatchResult(None, None, "unmatched", "Keine Projekte in der Zielvereinbarung")
            for _ in lines
        ]
    if not lines:
        return []
    wanted = [normalise_name(name) for name, _ in lines]
    choices = [normalise_name(candidate.project_name) for candidate in candidates]
    scores = np.maximum(
        process.cdist(wanted, choices, scorer=fuzz.token_sort_ratio),
        process.cdist(wanted, choices, scorer=fuzz.WRatio),
    )
    return [
        _decide([float(score) for score in row], measure_type, candidates)
        for row, (_, measure_type) in zip(scores, lines, strict=True)
    ]


def _decide(scores: list[float], measure_type: int, candidates: Sequence[Candidate]) -> MatchResult:
    """Status of one line from its scores against every candidate (same order)."""
    ranked = sorted(
        zip(scores, (c.measure_type == measure_type for c in candidates), candidates, strict=True),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    score, same_type, candidate = ranked[0]
    runner_up = next(
        (item for item in ranked[1:] if item[2].project_name != candidate.project_name), None
    )
    score = round(score, 1)
    if score < REVIEW_THRESHOLD:
        return MatchResult(
            candidate, score, "unmatched", "Kein ähnliches Projekt in der Zielvereinbarung"
        )
    if score < MATCH_THRESHOLD:
        return MatchResult(candidate, score, "review", "Ähnlichkeit unter der Schwelle")
    if runner_up is not None and score < 100 and score - runner_up[0] < AMBIGUITY_MARGIN:
        return MatchResult(candidate, score, "review", "Mehrere Projekte gleich ähnlich")
    if not same_type:
        return MatchResult(candidate, score, "review", "Projekt in anderer Maßnahmenart vereinbart")
    return MatchResult(candidate, score, "matched", "Zugeordnet")
