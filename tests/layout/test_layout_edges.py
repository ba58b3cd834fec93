"""Layout details the mutation run found unseen (README, "Tests that catch what breaks").

Each test pins one promise at a value worked by hand: where a value sits within its half of
the power/interest scale, which way influence points, how much room a quadrant's boxes
take, spreading boxes along a ring, a ring of one, and sector names next to their sector.
"""

from __future__ import annotations

import numpy as np
import pytest

from sysmap.layout import compute_layout
from sysmap.layout.common import map_table
from sysmap.layout.nodes import MARGIN
from sysmap.layout.power_interest import _extent, _within_half
from sysmap.layout.rings import START, _spread, ring
from sysmap.model import Stakeholder, SystemMap
from tests.layout.helpers import box_array, caption_area
from tests.layout.maps import workshop_map


def test_values_stretch_over_their_half_of_the_scale() -> None:
    assert _within_half(np.array([0.0, 0.25, 0.5]), high=False).tolist() == [0.0, 0.5, 1.0]
    assert _within_half(np.array([0.5, 0.75, 1.0]), high=True).tolist() == [0.0, 0.5, 1.0]


def test_more_influence_sits_higher_within_a_quadrant() -> None:
    system_map = SystemMap()
    for sid, influence in (("strong", 0.95), ("middling", 0.75), ("weakest", 0.55)):
        system_map.add_stakeholder(
            Stakeholder(id=sid, label=sid.title(), influence=influence, interest=0.9)
        )
    y = {sid: xy[1] for sid, xy in compute_layout("power-interest", system_map).positions.items()}
    assert y["strong"] < y["middling"] < y["weakest"]  # y grows downwards


def test_a_quadrants_extent_is_its_boxes_with_half_a_margin() -> None:
    system_map = SystemMap()
    system_map.add_stakeholder(Stakeholder(id="g", label="GMCA"))  # a 90 × 35 box
    table = map_table(system_map, None)
    extent = _extent(table, np.array([0]), np.array([[100.0, 50.0]]))
    half = MARGIN / 2
    assert extent.tolist() == [100 - 45 - half, 50 - 17.5 - half, 100 + 45 + half, 67.5 + half]
    assert _extent(table, np.array([], dtype=np.int64), np.zeros((0, 2))).tolist() == [0.0] * 4


def test_spreading_along_a_ring_keeps_gaps_and_stays_near_the_goal() -> None:
    # Too close: pooled to the least-squares fit, then the gaps put back.
    assert _spread(np.array([0.0, 0.0, 10.0]), np.array([4.0, 4.0])).tolist() == [-2.0, 2.0, 10.0]
    # Already far enough apart: left where they were.
    assert _spread(np.array([0.0, 10.0, 20.0]), np.array([4.0, 4.0])).tolist() == [0.0, 10.0, 20.0]


def test_a_ring_of_one_is_a_point_at_the_top() -> None:
    angles, radius = ring(np.array([100.0]), np.array([40.0]), np.zeros(1))
    assert angles.tolist() == [START]
    assert radius == 0.0
    angles, radius = ring(np.array([100.0]), np.array([40.0]), np.zeros(1), min_radius=50.0)
    assert radius == pytest.approx(50.0)


def test_circular_sector_names_sit_next_to_their_sector() -> None:
    # Named on the outside: each caption close to its own sector's boxes, never far off.
    system_map = workshop_map()
    result = compute_layout("circular", system_map)
    boxes = box_array(system_map, result.positions)
    sectors = [
        system_map.sectors.label(str(fields.get("sector")))
        for _, fields in system_map.stakeholder_rows()
    ]
    for guide in result.guides:
        x0, y0, x1, y1 = caption_area(guide)
        own = boxes[[s == guide.label for s in sectors]]
        dx = np.maximum(0.0, np.maximum(own[:, 0] - x1, x0 - own[:, 2]))
        dy = np.maximum(0.0, np.maximum(own[:, 1] - y1, y0 - own[:, 3]))
        assert float(np.hypot(dx, dy).min()) < 3 * MARGIN, guide.label
