"""Where overlap removal sends a box, when pushing cannot: in a documented, fixed order.

A box with no room where it is steps out to the nearest free spot, right before left.

``overlap._escape`` tries spots on growing square rings, in half-box steps, and takes the
first free one; of spots equally near it takes the right before the left (then below, then
above), as its docstring says, so the same map always comes out the same way. Worked by hand:
a 100 × 35 box (margin 10, so half-steps of 55 px) inside eight pinned boxes 100 and 40 apart
is free first at four half-steps, 220 px, where right and left are equally near. Boxes on
one spot first fan out into a sunflower, in the map's order (``overlap._fan_out``).
"""

from __future__ import annotations

import numpy as np
import pytest

from sysmap.layout.overlap import _GOLDEN_ANGLE, _fan_out, remove_overlaps

RING = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)]


def test_a_boxed_in_box_steps_out_to_its_right_level_with_where_it_was() -> None:
    xy = np.array([(0.0, 0.0)] + [(x * 100.0, y * 40.0) for x, y in RING])
    width, height = np.full(9, 100.0), np.full(9, 35.0)
    movable = np.zeros(9, dtype=bool)
    movable[0] = True
    out = remove_overlaps(xy, width, height, movable, margin=10.0)
    # Three half-steps (165) still overlap the pinned box at 100 (65 < 110 apart); four clear it.
    assert out[0].tolist() == [220.0, 0.0]


def test_boxes_on_one_spot_fan_out_round_it_in_the_maps_order() -> None:
    # Twenty boxes on each of two spots, interleaved in the map (an unstable sort of the
    # spots would shuffle each spot's boxes). The k-th on a spot goes step·√k out, k golden
    # angles round: the first stays, and the order round the sunflower is the map's.
    xy = np.array([[0.0, 0.0] if i % 2 == 0 else [500.0, 0.0] for i in range(40)])
    out = _fan_out(xy, np.ones(40, dtype=bool), step=10.0)
    for spot, members in (((0.0, 0.0), range(0, 40, 2)), ((500.0, 0.0), range(1, 40, 2))):
        for k, i in enumerate(members):
            dx, dy = out[i] - spot
            assert np.hypot(dx, dy) == pytest.approx(10.0 * np.sqrt(k), abs=1e-9)
            if k:
                turn = np.arctan2(dy, dx) - k * _GOLDEN_ANGLE
                assert np.cos(turn) == pytest.approx(1.0)
