"""Two boxes that overlap share the push: each moves half the way, along the smaller overlap.

``remove_overlaps`` promises each overlapping pair "splits the smaller overlap": here two
movable boxes overlap less across than down, so they part sideways, each by the same amount,
their midpoint and their heights unchanged.
"""

from __future__ import annotations

import numpy as np

from sysmap.layout.nodes import MARGIN
from sysmap.layout.overlap import overlapping_pairs, remove_overlaps


def test_two_overlapping_boxes_part_sideways_about_their_midpoint() -> None:
    xy = np.array([[0.0, 0.0], [90.0, 5.0]])  # 100 x 30 boxes: 10 + margin across, 25 down
    width, height = np.full(2, 100.0), np.full(2, 30.0)
    out = remove_overlaps(xy, width, height, np.ones(2, dtype=bool))
    assert overlapping_pairs(out, width, height, margin=MARGIN).size == 0
    assert out[:, 1].tolist() == [0.0, 5.0]  # neither moved up or down
    assert np.isclose(out[:, 0].mean(), 45.0)  # both moved, by the same amount
    assert out[0, 0] < 0.0 < 90.0 < out[1, 0]
