"""merge_ranges, which the date grammar, the organization patterns and the claims metric share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimx.ranges import merge_ranges

RANGES = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda r: (r[0], r[0] + r[1])))


@given(RANGES)
def test_merged_ranges_cover_the_same_points_and_neither_overlap_nor_touch(ranges):
    merged = merge_ranges(ranges)
    covered = {i for start, end in ranges for i in range(start, end)}
    assert {i for start, end in merged for i in range(start, end)} == covered
    assert all(a_end < b_start for (_, a_end), (b_start, _) in zip(merged, merged[1:]))


def test_touching_ranges_are_one():
    assert merge_ranges([(5, 8), (0, 3), (3, 5)]) == [(0, 8)]
