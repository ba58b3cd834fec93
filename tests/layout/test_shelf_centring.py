"""Centred shelves: each row sits in the middle of the widest one, gaps counted in its width.

A row's width is its boxes plus the gaps between them; a shorter row is indented by half of
what it lacks. Worked by hand below, so a width that left out the gaps (or counted them
twice) would centre the rows, and report the block's width, wrongly.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.packing import shelves


def test_a_short_row_is_centred_under_a_row_with_gaps() -> None:
    # Two 100-wide boxes fit in 250 with a 10 gap (row 210 wide); the third wraps.
    sizes = np.array([[100.0, 50.0], [100.0, 30.0], [100.0, 40.0]])
    corners, width, height = shelves(sizes, 250, 10, centre=True)
    # Row two is 100 wide, so it is indented by (210 - 100) / 2 = 55; it starts 50 + 10 down.
    assert corners.tolist() == [[0.0, 0.0], [110.0, 0.0], [55.0, 60.0]]
    assert (width, height) == (210.0, 100.0)


def test_rows_of_two_two_and_one_share_one_centre_line() -> None:
    sizes = np.array([[60.0, 20.0], [80.0, 20.0], [40.0, 20.0], [70.0, 20.0], [90.0, 20.0]])
    corners, width, _ = shelves(sizes, 200, 12, centre=True)
    # Row one: 60 + 12 + 80 + 12 + 40 = 204 > 200, so it holds the first two only (152 wide).
    # Row two: 40 + 12 + 70 = 122, then 90 would make 224; row three: 90.
    rows = [[0, 1], [2, 3], [4]]
    assert width == 152.0
    for row in rows:
        left = corners[row[0], 0]
        right = corners[row[-1], 0] + sizes[row[-1], 0]
        assert (left + right) / 2 == width / 2, (row, left, right)
