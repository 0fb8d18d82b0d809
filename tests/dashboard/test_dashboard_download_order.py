"""RowOrder's shortcut for frames already in order must never change a table's rows.

``RowOrder.apply`` skips the sort when every row is at most the next one; these tests check
that shortcut against Polars' own stable sort on many small frames with ties, NULLs and
descending or NULLs-first keys, in and out of order.
"""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.exports.tables import RowOrder

_values = st.lists(st.one_of(st.none(), st.integers(0, 2)), min_size=0, max_size=12)


def _full_sort(order: RowOrder, frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(
        list(order.columns),
        descending=[name in order.descending for name in order.columns],
        nulls_last=[name not in order.nulls_first for name in order.columns],
        maintain_order=True,
    )


@settings(max_examples=300, deadline=None)
@given(data=st.data(), descending=st.booleans(), nulls_first=st.booleans(), presort=st.booleans())
def test_apply_equals_a_stable_sort(
    data: st.DataObject, descending: bool, nulls_first: bool, presort: bool
) -> None:
    first = data.draw(_values)
    second = data.draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(["a", "b", "ä"])),
            min_size=len(first),
            max_size=len(first),
        )
    )
    frame = pl.DataFrame(
        {"key": first, "name": second, "tag": list(range(len(first)))},
        schema={"key": pl.Int32, "name": pl.String, "tag": pl.Int64},
    )
    order = RowOrder(
        ("key", "name"),
        descending=("name",) if descending else (),
        nulls_first=("key",) if nulls_first else (),
    )
    if presort:  # in order already: the shortcut must recognise it and keep the frame
        frame = _full_sort(order, frame)
    result = order.apply(frame)
    assert result.equals(_full_sort(order, frame))
    if presort:
        assert frame.select(order._is_sorted()).item()


def test_a_single_out_of_order_pair_is_sorted() -> None:
    frame = pl.DataFrame({"year": [2020, 2021, 2023, 2022, 2024], "tag": [1, 2, 3, 4, 5]})
    assert not frame.select(RowOrder(("year",))._is_sorted()).item()
    assert RowOrder(("year",)).apply(frame)["tag"].to_list() == [1, 2, 4, 3, 5]
