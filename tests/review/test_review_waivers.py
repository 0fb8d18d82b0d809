"""Which failed warning a waiver covers: every failing district must be covered; an end date in
the past turns 'waived' into 'expired'; a whole-year waiver covers statewide rows."""

from __future__ import annotations

from datetime import date

from pipelines.review.waivers import Waiver, waiver_fields

TODAY = date(2026, 12, 2)


def _waiver(district: str | None, until: date, review_id: str = "r1") -> Waiver:
    return Waiver(review_id, "decisions_within_agreement", 2024, district, until, "bekannt", "anna")


def test_every_failing_district_must_be_covered() -> None:
    waivers = [_waiver("06431", date(2027, 1, 1))]
    covered = waiver_fields("decisions_within_agreement", 2024, ["06431"], waivers, TODAY)
    assert covered["waiver_status"] == "waived" and covered["waiver_until"] == date(2027, 1, 1)
    partly = waiver_fields("decisions_within_agreement", 2024, ["06431", "06432"], waivers, TODAY)
    assert partly["waiver_status"] is None
    other_year = waiver_fields("decisions_within_agreement", 2025, ["06431"], waivers, TODAY)
    assert other_year["waiver_status"] is None
    other_suite = waiver_fields("statewide_totals", 2024, ["06431"], waivers, TODAY)
    assert other_suite["waiver_status"] is None


def test_the_end_date_is_the_last_valid_day() -> None:
    on_the_day = waiver_fields(
        "decisions_within_agreement", 2024, ["06431"], [_waiver("06431", TODAY)], TODAY
    )
    assert on_the_day["waiver_status"] == "waived"
    day_after = waiver_fields(
        "decisions_within_agreement",
        2024,
        ["06431"],
        [_waiver("06431", date(2026, 12, 1))],
        TODAY,
    )
    assert day_after["waiver_status"] == "expired"


def test_whole_year_waiver_covers_districts_and_statewide_rows() -> None:
    whole_year = [_waiver(None, date(2027, 1, 1))]
    assert (
        waiver_fields("decisions_within_agreement", 2024, ["06431", "06432"], whole_year, TODAY)[
            "waiver_status"
        ]
        == "waived"
    )
    assert (
        waiver_fields("decisions_within_agreement", 2024, [], whole_year, TODAY)["waiver_status"]
        == "waived"
    )
    district_only = [_waiver("06431", date(2027, 1, 1))]
    assert (
        waiver_fields("decisions_within_agreement", 2024, [], district_only, TODAY)["waiver_status"]
        is None
    )


def test_the_earliest_end_of_several_covering_waivers_counts() -> None:
    waivers = [
        _waiver("06431", date(2027, 1, 1), "r1"),
        _waiver("06432", date(2026, 11, 30), "r2"),
    ]
    fields = waiver_fields("decisions_within_agreement", 2024, ["06431", "06432"], waivers, TODAY)
    assert fields["waiver_status"] == "expired"
    assert fields["waiver_until"] == date(2026, 11, 30)
    assert fields["waiver_id"] == "r1, r2"
