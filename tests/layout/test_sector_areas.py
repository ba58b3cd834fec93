"""The sector layout's small cases, measured on the picture.

- A sector whose name is wider than its stakeholders has them centred under the name, in
  the middle of its area (not pushed to one side).
  The area is then as wide as the name plus the area's padding either side.
- A sector of two gets the same readable spacing as a larger one: the spacing step matches
  the distance between nearest neighbours to ``SPACING`` box sizes (box plus margin, the
  geometric mean of width and height), and two stakeholders are each other's nearest.
- A sector of unlinked stakeholders fills a landscape area, as the screen does, rather than
  standing in a column (each starts at a random spot across and down its area).
- The room a sector's stakeholders may use is its area less ``PADDING`` on every side (less
  the caption strip at the top), as much on the right as on the left; when they are moved
  off lines they may go ``LINE_ROOM`` further, again on every side alike. (The spot chosen
  is checked here on the bounds the layout hands the springs and the nudge: on the finished
  picture a bound too wide only shows as a sector a few pixels wider.)
"""

from __future__ import annotations

import math

import numpy as np

from sysmap.layout import compute_layout
from sysmap.layout.common import map_table
from sysmap.layout.force import SPACING
from sysmap.layout.nodes import MARGIN, box_size
from sysmap.layout.result import caption_width
from sysmap.layout.sector import LINE_ROOM, PADDING, _bounds
from sysmap.model import Stakeholder, SystemMap

LONG_NAME = "Voluntary and community organisations of the county"


def small_map() -> SystemMap:
    """A pair in one sector, and one stakeholder alone in a sector with a long name."""
    system_map = SystemMap()
    system_map.add_stakeholder(Stakeholder(id="p1", label="Pair one", sector="health"))
    system_map.add_stakeholder(Stakeholder(id="p2", label="Pair two", sector="health"))
    system_map.add_stakeholder(Stakeholder(id="x", label="Lone", sector=LONG_NAME))
    return system_map


def test_a_crowd_narrower_than_its_sector_name_is_centred_under_it() -> None:
    result = compute_layout("sector", small_map())
    area = next(guide for guide in result.guides if guide.label == LONG_NAME)
    width, _ = box_size("Lone", None)
    assert area.width > width + 100  # the name, not the stakeholder, sets the width
    assert abs(result.positions["x"][0] - (area.x + area.width / 2)) < 1e-6
    # ...and the area is just wide enough for the name: its drawn width, padding either side.
    extent = max(area.width, area.height)
    assert math.isclose(area.width, caption_width(LONG_NAME, extent) + 2 * PADDING)


def test_a_sector_of_two_is_spaced_like_any_other() -> None:
    result = compute_layout("sector", small_map())
    width, height = box_size("Pair one", None)
    assert box_size("Pair two", None) == (width, height)
    expected = SPACING * math.sqrt((width + MARGIN) * (height + MARGIN))
    assert math.isclose(math.dist(result.positions["p1"], result.positions["p2"]), expected)


def test_a_sector_of_unlinked_stakeholders_spreads_wider_than_tall() -> None:
    system_map = SystemMap()
    for sector in ("health", "police"):
        for i in range(12):
            system_map.add_stakeholder(
                Stakeholder(id=f"{sector}{i:02}", label=f"{sector}{i:02}", sector=sector)
            )
    result = compute_layout("sector", system_map)
    for sector in ("health", "police"):
        xy = np.array([result.positions[f"{sector}{i:02}"] for i in range(12)])
        across, down = np.ptp(xy, axis=0)
        assert across > down, (sector, across, down)


def test_a_sectors_stakeholders_may_use_its_area_less_padding_alike_on_every_side() -> None:
    table = map_table(small_map(), None)
    members = np.arange(table.count)
    half_w = table.width / 2 + MARGIN / 2
    half_h = table.height / 2 + MARGIN / 2
    x0, y0, x1, y1, strip = 0.0, 0.0, 800.0, 600.0, 40.0
    regions = np.array([[x0, y0, x1, y1, strip]])
    for slack in (0.0, LINE_ROOM):
        bounds = _bounds(table, [members], regions, slack)
        # The farthest a box may reach on each side: its centre's bound plus half the box.
        assert np.allclose(bounds[:, 0] - half_w, x0 + PADDING - slack)
        assert np.allclose(bounds[:, 1] + half_w, x1 - PADDING + slack)
        assert np.allclose(bounds[:, 2] - half_h, y0 + strip + PADDING - slack)
        assert np.allclose(bounds[:, 3] + half_h, y1 - PADDING + slack)
