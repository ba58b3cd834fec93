"""A box with no room where it is steps out to the nearest free spot, right before left.

``overlap._escape`` tries spots on growing square rings, in half-box steps, and takes the
first free one; of spots equally near it takes the right before the left (then below, then
above), as its docstring says, so the same map always comes out the same way. Worked by hand:
a 100 × 35 box (margin 10, so half-steps of 55 px) inside eight pinned boxes 100 and 40 apart
is free first at four half-steps, 220 px, where right and left are equally near.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.overlap import remove_overlaps

RING = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)]


def test_a_boxed_in_box_steps_out_to_its_right_level_with_where_it_was() -> None:
    xy = np.array([(0.0, 0.0)] + [(x * 100.0, y * 40.0) for x, y in RING])
    width, height = np.full(9, 100.0), np.full(9, 35.0)
    movable = np.zeros(9, dtype=bool)
    movable[0] = True
    out = remove_overlaps(xy, width, height, movable, margin=10.0)
    # Three half-steps (165) still overlap the pinned box at 100 (65 < 110 apart); four clear it.
    assert out[0].tolist() == [220.0, 0.0]
