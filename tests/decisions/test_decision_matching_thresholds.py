"""The matcher's verdict exactly at its thresholds (MATCH 85, REVIEW 60, ambiguity margin 3).

Scores from rapidfuzz cannot be dialled to 85.0, so the verdict rule is driven with given
scores; ``match_names`` feeds it the real scores (tests/decisions/test_decision_matching.py).
"""

from __future__ import annotations

import pytest

from pipelines.matching import names
from pipelines.matching.names import (
    AMBIGUITY_MARGIN,
    MATCH_THRESHOLD,
    REVIEW_THRESHOLD,
    Candidate,
    best_match,
    match_names,
    name_score,
)

A = Candidate("Jobdatings Bensheim", 1, 1)
B = Candidate("Sprachkurs Heppenheim", 1, 2)
OTHER_TYPE = Candidate("Jobdatings Bensheim", 3, 1)


def decide(scores: list[float], measure_type: int = 1, candidates=(A, B)):
    return names._decide(scores, measure_type, list(candidates)[: len(scores)])


def test_thresholds_are_the_documented_ones() -> None:
    assert (MATCH_THRESHOLD, REVIEW_THRESHOLD, AMBIGUITY_MARGIN) == (85.0, 60.0, 3.0)


@pytest.mark.parametrize(
    ("score", "status", "reason"),
    [
        (100.0, "matched", "Zugeordnet"),
        (85.0, "matched", "Zugeordnet"),
        (84.96, "matched", "Zugeordnet"),  # rounds to 85.0 first
        (84.94, "review", "Ähnlichkeit unter der Schwelle"),
        (60.0, "review", "Ähnlichkeit unter der Schwelle"),
        (59.96, "review", "Ähnlichkeit unter der Schwelle"),
        (59.94, "unmatched", "Kein ähnliches Projekt in der Zielvereinbarung"),
        (0.0, "unmatched", "Kein ähnliches Projekt in der Zielvereinbarung"),
    ],
)
def test_verdict_at_each_threshold(score: float, status: str, reason: str) -> None:
    result = decide([score])
    assert (result.status, result.reason) == (status, reason)
    assert result.candidate == A
    assert result.score == round(score, 1)


@pytest.mark.parametrize(
    ("best", "runner_up", "status"),
    [
        (90.0, 87.0, "matched"),  # exactly the margin apart: distinguishable
        (90.0, 87.1, "review"),
        (90.0, 90.0, "review"),
        (100.0, 100.0, "matched"),  # an exact name is never ambiguous
        (90.0, 50.0, "matched"),
    ],
)
def test_ambiguity_margin(best: float, runner_up: float, status: str) -> None:
    result = decide([best, runner_up])
    assert result.status == status
    assert (result.candidate, result.score) == (A, best)  # a review item shows its score
    if status == "review":
        assert result.reason == "Mehrere Projekte gleich ähnlich"


def test_the_best_of_several_candidates_wins_whatever_their_order() -> None:
    assert decide([70.0, 95.0]).candidate == B
    assert decide([95.0, 70.0]).candidate == A


def test_a_duplicate_name_is_no_runner_up() -> None:
    duplicate = Candidate(A.project_name, 1, 7)
    result = decide([90.0, 89.0], candidates=(A, duplicate))
    assert result.status == "matched"


def test_a_match_in_another_measure_type_goes_to_review() -> None:
    result = decide([95.0], measure_type=1, candidates=(OTHER_TYPE,))
    assert (result.status, result.score, result.reason) == (
        "review",
        95.0,
        "Projekt in anderer Maßnahmenart vereinbart",
    )
    # of two equal scores the candidate of the same measure type is preferred
    same = Candidate("Jobdatings Bensheim", 1, 4)
    tied = names._decide([95.0, 95.0], 1, [OTHER_TYPE, same])
    assert tied.candidate == same
    assert tied.status == "matched"


def test_no_candidates_and_no_lines() -> None:
    (result,) = match_names([("Jobdatings", 1)], [])
    assert (result.status, result.candidate, result.score) == ("unmatched", None, None)
    assert result.reason == "Keine Projekte in der Zielvereinbarung"
    assert match_names([], [A]) == []


def test_real_scores_reach_the_verdicts() -> None:
    assert best_match("Jobdatings Bensheim", 1, [A, B]).status == "matched"
    assert best_match("Ganz anderes Vorhaben", 1, [A, B]).status == "unmatched"
    assert name_score("", "x") == 0.0
    assert name_score("jobdatings bensheim", "bensheim jobdatings") == 100.0


def test_a_partial_name_scores_by_its_best_scorer_in_either_order() -> None:
    # word order alone (token_sort_ratio) gives ~69; the partial-name scorer (WRatio) gives 90,
    # which carries a short name from the funding system over the match threshold
    for left, right in (
        ("jobdatings", "jobdatings bensheim"),
        ("jobdatings bensheim", "jobdatings"),
    ):
        assert name_score(left, right) == 90.0
    assert name_score("", "") == 0.0  # two empty names are not the same project


def test_match_names_scores_word_order_alone_as_a_full_match() -> None:
    """The batch scorer takes the better of word-order-free and partial matching, as name_score:
    "Bensheim Jobdatings" is A at 100, not at the 95 WRatio alone would give."""
    (result,) = match_names([("Bensheim Jobdatings", 1)], [A, B])
    assert (result.candidate, result.score, result.status) == (A, 100.0, "matched")
