"""Match every decision line to a project of the current agreement of its district-year.

Reads the parsed tables (``decision_lines``, ``decisions``) and the view
``decision_current_agreements`` (migration 006), so it can run right after a load and before the
staging and mart models are rebuilt; writes ``decision_project_matches``. Idempotent: the years
being matched are deleted and re-inserted in one transaction, so a re-run or a corrected
agreement replaces old links instead of adding to them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.matching.names import Candidate, MatchResult, match_names
from warehouse import load_sql, transaction

_MATCH_COLUMNS = {
    "decision_id": pl.String,
    "sha256": pl.String,
    "line_number": pl.Int32,
    "district_ags": pl.String,
    "year": pl.Int32,
    "project_name": pl.String,
    "measure_type": pl.Int32,
    "agreement_sha256": pl.String,
    "matched_project_name": pl.String,
    "matched_measure_type": pl.Int32,
    "matched_position": pl.Int32,
    "score": pl.Float64,
    "status": pl.String,
    "status_reason": pl.String,
}


_NO_AGREEMENT = MatchResult(None, None, "unmatched", "Keine Zielvereinbarung für Kreis und Jahr")


@dataclass(frozen=True)
class MatchSummary:
    """How many decision lines were linked, need review, or found nothing."""

    lines: int
    matched: int
    review: int
    unmatched: int
    years: tuple[int, ...]  # the budget years (re)matched


def match_decision_lines_by_year(
    connection: duckdb.DuckDBPyConnection, years: Sequence[int]
) -> MatchSummary:
    """``match_decision_lines`` one budget year at a time, with the same stored result.

    Matching holds a year's lines, projects and score matrices in memory; all years at once
    cost about 440 MB more at the benchmark's 16x corpus, one year at a time about half that,
    independent of how many years the warehouse holds.
    """
    summaries = [match_decision_lines(connection, [year]) for year in sorted(set(years))]
    return MatchSummary(
        lines=sum(summary.lines for summary in summaries),
        matched=sum(summary.matched for summary in summaries),
        review=sum(summary.review for summary in summaries),
        unmatched=sum(summary.unmatched for summary in summaries),
        years=tuple(sorted(set(years))),
    )


def match_decision_lines(
    connection: duckdb.DuckDBPyConnection, years: Sequence[int] | None = None
) -> MatchSummary:
    """Match the decision lines of ``years`` (None: all) and replace their stored matches."""
    year_list = sorted(set(years)) if years is not None else None
    params = [year_list, year_list]
    lines = _frame(connection, "decision_match_lines", params)
    projects = _frame(connection, "decision_match_projects", params)
    agreements = _frame(connection, "decision_current_agreement_keys", params)
    matches = _match_frame(lines, projects, agreements)
    _replace(connection, matches, params)
    counts = matches.group_by("status").len().to_dicts() if matches.height else []
    by_status = {row["status"]: row["len"] for row in counts}
    return MatchSummary(
        lines=matches.height,
        matched=by_status.get("matched", 0),
        review=by_status.get("review", 0),
        unmatched=by_status.get("unmatched", 0),
        years=tuple(year_list)
        if year_list is not None
        else tuple(sorted(set(lines["year"].to_list()))),
    )


def _frame(
    connection: duckdb.DuckDBPyConnection, statement: str, params: list[object]
) -> pl.DataFrame:
    """Rows of one matching query as a Polars frame."""
    return connection.sql(load_sql(f"statements/matching/{statement}"), params=params).pl()


def _match_frame(
    lines: pl.DataFrame, projects: pl.DataFrame, agreements: pl.DataFrame
) -> pl.DataFrame:
    """One output row per decision line with its best candidate, score and status.

    Names are scored once per distinct (district-year, name, measure type): amendments, final
    decisions and the export repeat most lines, so this keeps the work (and the Python-level
    rows) proportional to distinct names, and the per-line fan-out is a Polars join.
    """
    candidates: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    for row in projects.iter_rows(named=True):
        candidates[(row["district_ags"], row["year"])].append(
            Candidate(row["project_name"], row["measure_type"], row["position"])
        )
    with_agreement = {
        (row["district_ags"], row["year"]) for row in agreements.iter_rows(named=True)
    }
    keys = ["district_ags", "year", "project_name", "measure_type"]
    distinct = lines.select(keys).unique().sort(keys)
    results: list[dict[str, object]] = []
    for (district_ags, year), group in distinct.group_by(
        ["district_ags", "year"], maintain_order=True
    ):
        names = list(
            zip(group["project_name"].to_list(), group["measure_type"].to_list(), strict=True)
        )
        district_year = (str(district_ags), int(year))
        if district_year in with_agreement:
            matched = match_names(names, candidates.get(district_year, []))
        else:
            matched = [_NO_AGREEMENT] * len(names)
        for (project_name, measure_type), result in zip(names, matched, strict=True):
            results.append(
                {
                    "district_ags": district_ags,
                    "year": year,
                    "project_name": project_name,
                    "measure_type": measure_type,
                    "matched_project_name": result.candidate.project_name
                    if result.candidate
                    else None,
                    "matched_measure_type": result.candidate.measure_type
                    if result.candidate
                    else None,
                    "matched_position": result.candidate.position if result.candidate else None,
                    "score": result.score,
                    "status": result.status,
                    "status_reason": result.reason,
                }
            )
    result_schema = {
        name: _MATCH_COLUMNS[name]
        for name in (
            *keys,
            "matched_project_name",
            "matched_measure_type",
            "matched_position",
            "score",
            "status",
            "status_reason",
        )
    }
    scored = pl.DataFrame(results, schema=result_schema)
    typed_lines = lines.cast({name: _MATCH_COLUMNS[name] for name in lines.columns})
    typed_agreements = agreements.cast(
        {"district_ags": pl.String, "year": pl.Int32, "agreement_sha256": pl.String}
    )
    return (
        typed_lines.join(scored, on=keys, how="left", nulls_equal=True)
        .join(typed_agreements, on=["district_ags", "year"], how="left")
        .select(list(_MATCH_COLUMNS))
    )


def _replace(
    connection: duckdb.DuckDBPyConnection, matches: pl.DataFrame, params: list[object]
) -> None:
    """Delete the years' old matches and insert the new ones, atomically."""
    with transaction(connection):
        connection.execute(load_sql("statements/matching/decision_project_matches_delete"), params)
        if matches.height:
            connection.register("new_decision_project_matches", matches.to_arrow())
            try:
                connection.execute(load_sql("statements/matching/decision_project_matches_insert"))
            finally:
                connection.unregister("new_decision_project_matches")
