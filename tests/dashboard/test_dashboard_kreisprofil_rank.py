"""Kreisprofil's "Rang in Hessen" says among how many districts it is taken and names those
without an agreement that year (like-for-like: a rank among 25 is not a rank among 26)."""

from __future__ import annotations

import duckdb
import pytest

from dashboards import labels
from pipelines.exports import locate_snapshot
from tests.support.apptest import run_app_page


def test_rank_names_its_coverage_in_a_year_with_a_missing_district(published_env) -> None:
    ref = locate_snapshot(published_env.publish_dir)
    with duckdb.connect(str(ref.path), read_only=True) as connection:
        picked = connection.execute(
            "SELECT d.district_ags, d.year, d.rank_in_state, s.n_districts_with_agreement,"
            " s.n_districts, s.districts_missing FROM mart_district_year AS d"
            " JOIN mart_state_year AS s USING (year)"
            " WHERE d.has_agreement AND s.districts_missing IS NOT NULL"
            " ORDER BY d.year DESC, d.district_ags LIMIT 1"
        ).fetchone()
    if picked is None:
        assert published_env.source == "factory", "the sample corpus misses a district-year"
        pytest.skip("the factory snapshot has every district in every year")
    ags, year, rank, n_with, n_all, missing = picked
    app = run_app_page("kreisprofil", {"kreis": ags, "jahr": str(year)})
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics[labels.KP_RANK] == f"{rank} von {n_with}"
    captions = "\n".join(caption.value for caption in app.caption)
    assert f"Rang unter den {n_with} von {n_all} " in captions
    assert f"ohne Zielvereinbarung: {missing}." in captions
