"""District resolution by dict lookup gives exactly what a longest-first regex scan gives.

The oracle below is the scan the lookup replaced (one whole-word, case-insensitive pattern per
name form, longest first, first hit wins); texts are built from real name forms, their
neighbours ("Landkreis", "Stadt", hyphens, dashes) and filler, so overlaps and boundaries are
exercised, not only clean party lines.
"""

from __future__ import annotations

import gc
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.parse import districts as district_module
from pipelines.parse.districts import normalise_name_text, resolve_district
from pipelines.reference import DistrictIndex

SHIPPED = DistrictIndex.shipped()
FORMS = [form for form, _ in SHIPPED.name_forms]
FILLER = [
    "und",
    "dem",
    "der",
    "des",
    "zwischen",
    "Landkreis",
    "Stadt",
    "Kreis",
    "-",
    "–",
    ",",
    "(",
    ")",
    "am",
    "Main",
    "Land",
    "Hessen",
    "  ",
    "\n",
    "kreis",
    "KREIS",
]


def _scan_oracle(party_text: str, districts: DistrictIndex) -> tuple[str, str] | None:
    text = normalise_name_text(party_text)
    for name_form, district_ags in districts.name_forms:
        escaped = re.escape(normalise_name_text(name_form)).replace(r"\ ", r"\s+")
        if re.search(rf"(?<![\w-]){escaped}(?![\w-])", text, re.IGNORECASE):
            return name_form, district_ags
    return None


def _resolved(party_text: str, districts: DistrictIndex) -> tuple[str, str] | None:
    match = resolve_district(party_text, districts)
    return (match.name_form, match.district_ags) if match else None


piece = st.one_of(
    st.sampled_from(FORMS),
    st.sampled_from(FORMS).map(str.upper),
    st.sampled_from(FORMS).map(lambda form: form.replace(" ", "  ")),
    st.sampled_from(FILLER),
)
separator = st.sampled_from([" ", "", "-", " - ", ", ", "\t"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(piece, separator), min_size=1, max_size=6))
def test_lookup_agrees_with_longest_first_scan(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in parts)
    assert _resolved(text, SHIPPED) == _scan_oracle(text, SHIPPED)


def test_every_name_form_resolves_to_the_same_district_as_the_scan() -> None:
    for form in FORMS:
        for text in (f"und dem {form}", f"und der {form.upper()}", f"{form}-Süd", f"({form})"):
            assert _resolved(text, SHIPPED) == _scan_oracle(text, SHIPPED), text


def test_longest_form_wins_over_a_contained_shorter_one() -> None:
    landkreis = _resolved("und dem Landkreis Kassel", SHIPPED)
    stadt = _resolved("und der Stadt Kassel", SHIPPED)
    assert landkreis is not None and stadt is not None
    assert landkreis[1] != stadt[1]


def test_lookup_is_built_once_per_index_and_dropped_with_it(tmp_path) -> None:
    index = DistrictIndex(by_ags=dict(SHIPPED.by_ags), name_forms=SHIPPED.name_forms)
    resolve_district("und dem Landkreis Kassel", index)
    first = district_module._LOOKUPS[id(index)]
    resolve_district("und der Stadt Kassel", index)
    assert district_module._LOOKUPS[id(index)] is first
    key = id(index)
    del index, first
    gc.collect()
    assert key not in district_module._LOOKUPS
