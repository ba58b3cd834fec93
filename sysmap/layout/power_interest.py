"""The power/interest grid (Mendelow 1991): who to manage closely, satisfy, inform or monitor.

Interest runs left (low) to right (high), influence bottom (low) to top (high), each from the
stakeholder's ``interest`` and ``influence`` values (0–1); 0.5 and above counts as high. The
four quadrants are labelled with what the grid advises:

* **Manage closely** — high influence, high interest (top right);
* **Keep satisfied** — high influence, low interest (top left);
* **Keep informed** — low influence, high interest (bottom right);
* **Monitor** — low influence, low interest (bottom left).

Within its quadrant a stakeholder sits where its values put it, nudged only as far as needed
to keep boxes apart, and never across a quadrant line. Stakeholders without both values
are set out in a labelled "not rated" strip under the grid, so nobody is silently placed as
if they had been rated.

Reference: Mendelow, A. (1991). Stakeholder mapping. Proceedings of the 2nd International
Conference on Information Systems, Cambridge, MA.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from sysmap.layout.common import finish, map_table, reading_order
from sysmap.layout.nodes import MARGIN, BoolArray, FloatArray, IntArray, NodeTable, Position
from sysmap.layout.overlap import separate_within
from sysmap.layout.packing import grid_block
from sysmap.layout.progress import Progress, Tracker
from sysmap.layout.result import GUIDE_LINE_HEIGHT, Guide, LayoutResult, caption_width
from sysmap.model.system_map import SystemMap

HIGH = 0.5
"""Values from here up count as high."""
NOT_RATED = "Not rated: no influence or interest recorded"
ROOM = 3.0
PADDING = 14.0
STRIP_GAP = 70.0
_GROWTH = 1.25


@dataclass(frozen=True)
class Quadrant:
    """One quadrant of the grid: its advice and which half of each scale it covers."""

    label: str
    high_influence: bool
    high_interest: bool


QUADRANTS = (
    Quadrant("Keep satisfied", True, False),
    Quadrant("Manage closely", True, True),
    Quadrant("Monitor", False, False),
    Quadrant("Keep informed", False, True),
)


def power_interest_layout(
    system_map: SystemMap,
    fixed: Mapping[str, Position] | None = None,
    progress: Progress | None = None,
) -> LayoutResult:
    """Lay the map out on Mendelow's power/interest grid (see the module docstring)."""
    tracker = Tracker(progress)
    table = map_table(system_map, fixed)
    influence, interest = _values(table, "influence"), _values(table, "interest")
    free = ~table.fixed
    rated = free & ~np.isnan(influence) & ~np.isnan(interest)
    quadrant = np.where(influence >= HIGH, 0, 2) + np.where(interest >= HIGH, 1, 0)
    side_w, side_h = _first_size(table, rated, quadrant)
    xy = table.start.copy()
    for attempt in range(12):
        xy, cleared = _place_rated(table, rated, quadrant, influence, interest, side_w, side_h, xy)
        tracker.report(0.1 + 0.05 * attempt)
        if cleared:
            break
        side_w, side_h = side_w * _GROWTH, side_h * _GROWTH
    guides = [_quadrant_guide(q, side_w, side_h) for q in QUADRANTS]
    guides += _axis_guides(side_w, side_h)
    unrated = reading_order(table, np.flatnonzero(free & ~rated), system_map.sectors)
    if len(unrated):
        guides.append(_strip(table, unrated, xy, side_w, side_h))
    return finish(table, xy, guides, tracker.stage(0.8, 1.0))


def quadrant_of(influence: float, interest: float) -> str:
    """The advice for a stakeholder with these values.

    Examples
    --------
    >>> quadrant_of(0.9, 0.2), quadrant_of(0.5, 0.5), quadrant_of(0.1, 0.49)
    ('Keep satisfied', 'Manage closely', 'Monitor')
    """
    index = (0 if influence >= HIGH else 2) + (1 if interest >= HIGH else 0)
    return QUADRANTS[index].label


def _values(table: NodeTable, name: str) -> FloatArray:
    """A 0–1 value per stakeholder, NaN where it is missing or not a number."""
    result = np.full(table.count, np.nan)
    for i, data in enumerate(table.data):
        value = data.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if math.isfinite(value):
            result[i] = min(max(float(value), 0.0), 1.0)
    return result


def _first_size(table: NodeTable, rated: BoolArray, quadrant: IntArray) -> tuple[float, float]:
    """A quadrant's width and height: room for the most crowded one, landscape."""
    need_w = float(table.width.max(initial=0.0)) + MARGIN + 2 * PADDING
    need_w = max(need_w, max(caption_width(q.label) for q in QUADRANTS) + 2 * PADDING)
    need_h = float(table.height.max(initial=0.0)) + MARGIN + 2 * PADDING + GUIDE_LINE_HEIGHT
    area = 0.0
    for q in range(4):
        members = rated & (quadrant == q)
        boxes = (table.width[members] + MARGIN) * (table.height[members] + MARGIN)
        area = max(area, ROOM * float(boxes.sum()))
    width = max(need_w, math.sqrt(area * 1.6), 2.0 * need_w)
    return width, max(need_h, area / width, width / 1.6)


def _content(q: int, side_w: float, side_h: float) -> tuple[float, float, float, float]:
    """The part of quadrant ``q`` stakeholders may use: ``x0, x1, y0, y1``."""
    x0, y0 = (q % 2) * side_w, (q // 2) * side_h
    return (
        x0 + PADDING,
        x0 + side_w - PADDING,
        y0 + PADDING + GUIDE_LINE_HEIGHT,
        y0 + side_h - PADDING,
    )


def _place_rated(
    table: NodeTable,
    rated: BoolArray,
    quadrant: IntArray,
    influence: FloatArray,
    interest: FloatArray,
    side_w: float,
    side_h: float,
    xy: FloatArray,
) -> tuple[FloatArray, bool]:
    """Put rated stakeholders where their values say, then keep boxes apart within quadrants."""
    xy = xy.copy()
    bounds = np.tile([-np.inf, np.inf, -np.inf, np.inf], (table.count, 1))
    for q in range(4):
        members = np.flatnonzero(rated & (quadrant == q))
        if len(members) == 0:
            continue
        x0, x1, y0, y1 = _content(q, side_w, side_h)
        # Position within the half of each scale this quadrant covers (0 → 0.5 or 0.5 → 1).
        across = (interest[members] - (HIGH if q % 2 else 0.0)) / (1 - HIGH if q % 2 else HIGH)
        up = (influence[members] - (HIGH if q < 2 else 0.0)) / (1 - HIGH if q < 2 else HIGH)
        half_w, half_h = (
            table.width[members] / 2 + MARGIN / 2,
            table.height[members] / 2 + MARGIN / 2,
        )
        bounds[members] = np.column_stack([x0 + half_w, x1 - half_w, y0 + half_h, y1 - half_h])
        xy[members, 0] = x0 + np.clip(across, 0, 1) * (x1 - x0)
        xy[members, 1] = y1 - np.clip(up, 0, 1) * (y1 - y0)
    return separate_within(xy, table.width, table.height, rated, bounds)


def _quadrant_guide(quadrant: Quadrant, side_w: float, side_h: float) -> Guide:
    column = 1 if quadrant.high_interest else 0
    row = 0 if quadrant.high_influence else 1
    return Guide("rect", quadrant.label, column * side_w, row * side_h, side_w, side_h)


def _axis_guides(side_w: float, side_h: float) -> list[Guide]:
    """Captions for the two scales: interest along the bottom, influence up the left."""
    below = 2 * side_h + 8.0
    guides = [
        Guide("text", "Low interest", 0.0, below),
        Guide("text", "High interest →", 2 * side_w - caption_width("High interest →"), below),
    ]
    for text, y in (("High influence", 8.0), ("Low influence", 2 * side_h - GUIDE_LINE_HEIGHT)):
        guides.append(Guide("text", text, -caption_width(text) - 8.0, y))
    return guides


def _strip(
    table: NodeTable, unrated: IntArray, xy: FloatArray, side_w: float, side_h: float
) -> Guide:
    """Set the unrated stakeholders out as a table under the grid, in a captioned box."""
    width = 2 * side_w
    block = grid_block(unrated, table.width, table.height, aspect=6.0)
    top = 2 * side_h + STRIP_GAP
    height = block.height + 2 * PADDING + GUIDE_LINE_HEIGHT
    strip_w = max(width, block.width + 2 * PADDING, caption_width(NOT_RATED) + 2 * PADDING)
    indent = (strip_w - block.width) / 2
    xy[block.members] = block.offsets + np.array([indent, top + PADDING + GUIDE_LINE_HEIGHT])
    return Guide("rect", NOT_RATED, 0.0, top, strip_w, height)
