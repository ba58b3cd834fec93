"""The power/interest grid (Mendelow 1991): who to manage closely, satisfy, inform or monitor.

Interest runs left (low) to right (high), influence bottom (low) to top (high), each from the
stakeholder's ``interest`` and ``influence`` values (0–1); 0.5 and above counts as high. The
four quadrants are labelled with what the grid advises:

* **Manage closely** — high influence, high interest (top right);
* **Keep satisfied** — high influence, low interest (top left);
* **Keep informed** — low influence, high interest (bottom right);
* **Monitor** — low influence, low interest (bottom left).

Within its quadrant a stakeholder sits where its values put it, nudged only as far as needed
to keep boxes apart; a crowded quadrant grows rather than let anyone cross a quadrant line.
Stakeholders without both values are set out in a labelled "not rated" strip under the
grid, so nobody is silently placed as if they had been rated.

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
from sysmap.layout.overlap import remove_overlaps
from sysmap.layout.packing import grid_block
from sysmap.layout.result import (
    GUIDE_LINE_HEIGHT,
    Guide,
    LayoutResult,
    caption_strip,
    caption_width,
    captioned_size,
)
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap

HIGH = 0.5
"""Values from here up count as high."""
NOT_RATED = "Not rated: no influence or interest recorded"
ROOM = 3.0
PADDING = 14.0
STRIP_GAP = 70.0


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
    tracker = progress or NO_PROGRESS
    table = map_table(system_map, fixed)
    influence, interest = _values(table, "influence"), _values(table, "interest")
    free = ~table.fixed
    rated = free & ~np.isnan(influence) & ~np.isnan(interest)
    quadrant = np.where(influence >= HIGH, 0, 2) + np.where(interest >= HIGH, 1, 0)
    side_w, side_h = _first_size(table, rated, quadrant)
    xy = table.start.copy()
    used = []
    for q in range(4):
        members = np.flatnonzero(rated & (quadrant == q))
        part = tracker.part(0.2 * q, 0.2 * (q + 1))
        xy[members] = _by_value(table, members, q, influence, interest, (side_w, side_h), part)
        used.append(_extent(table, members, xy[members]))
    grid = _Grid.around(used, side_w, side_h)
    for q in range(4):
        members = np.flatnonzero(rated & (quadrant == q))
        xy[members] += grid.shift(q, used[q])
    guides = [grid.guide(q) for q in range(4)] + grid.axis_guides()
    unrated = reading_order(table, np.flatnonzero(free & ~rated), system_map.sectors)
    if len(unrated):
        guides.append(_strip(table, unrated, xy, grid))
    return finish(table, xy, guides, tracker.part(0.8, 1.0))


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
    """The space values are spread over in a quadrant: room for the most crowded one."""
    area = 0.0
    for q in range(4):
        members = rated & (quadrant == q)
        boxes = (table.width[members] + MARGIN) * (table.height[members] + MARGIN)
        area = max(area, ROOM * float(boxes.sum()))
    width = max(math.sqrt(area * 1.6), 2 * float(table.width.max(initial=0.0)), 1.0)
    return width, max(area / width, width / 1.6)


def _by_value(
    table: NodeTable,
    members: IntArray,
    q: int,
    influence: FloatArray,
    interest: FloatArray,
    size: tuple[float, float],
    tracker: Progress,
) -> FloatArray:
    """Place a quadrant's stakeholders by their values in a space of ``size`` (w, h).

    Each quadrant covers half of each scale (0 to 0.5, or 0.5 to 1), stretched over the
    space; then overlaps are cleared, which may spread the crowd beyond it.
    """
    if len(members) == 0:
        return np.zeros((0, 2))
    high_interest, high_influence = q % 2 == 1, q < 2
    across = _within_half(interest[members], high_interest)
    up = _within_half(influence[members], high_influence)
    xy = np.column_stack([np.clip(across, 0, 1) * size[0], (1 - np.clip(up, 0, 1)) * size[1]])
    movable = np.ones(len(members), dtype=bool)
    return remove_overlaps(
        xy, table.width[members], table.height[members], movable, tracker=tracker
    )


def _within_half(values: FloatArray, high: bool) -> FloatArray:
    """Where values sit within the half of the scale they fall in, from 0 to 1."""
    result: FloatArray = (values - HIGH) / (1 - HIGH) if high else values / HIGH
    return result


def _extent(table: NodeTable, members: IntArray, xy: FloatArray) -> FloatArray:
    """``x0, y0, x1, y1`` the quadrant's boxes (with half a margin) cover."""
    if len(members) == 0:
        return np.zeros(4)
    half = np.column_stack([table.width[members], table.height[members]]) / 2 + MARGIN / 2
    return np.concatenate([(xy - half).min(axis=0), (xy + half).max(axis=0)])


class _Grid:
    """The 2 × 2 grid: column widths and row heights that hold every quadrant's crowd."""

    def __init__(
        self, columns: tuple[float, float], rows: tuple[float, float], strips: list[float]
    ) -> None:
        self.columns = columns
        self.rows = rows
        self.strips = strips  # each quadrant's caption strip

    @classmethod
    def around(cls, used: list[FloatArray], side_w: float, side_h: float) -> _Grid:
        """The smallest grid (at least the first size) that holds each quadrant's crowd.

        Each quadrant also needs room for its caption, which the canvas draws bigger on a
        bigger quadrant; a few rounds settle the sizes.
        """
        width = [max(side_w, float(u[2] - u[0])) for u in used]
        height = [max(side_h, float(u[3] - u[1])) for u in used]
        columns = (max(width[0], width[2]), max(width[1], width[3]))
        rows = (max(height[0], height[1]), max(height[2], height[3]))
        strips = [caption_strip()] * 4
        for _ in range(5):
            extent = [max(columns[q % 2], rows[q // 2]) for q in range(4)]
            strips = [caption_strip(e) for e in extent]
            caption = [caption_width(QUADRANTS[q].label, extent[q]) for q in range(4)]
            columns = (
                max(width[0], width[2], caption[0], caption[2]) + 2 * PADDING,
                max(width[1], width[3], caption[1], caption[3]) + 2 * PADDING,
            )
            rows = (
                max(height[0] + strips[0], height[1] + strips[1]) + 2 * PADDING,
                max(height[2] + strips[2], height[3] + strips[3]) + 2 * PADDING,
            )
        return cls(columns, rows, strips)

    @property
    def width(self) -> float:
        return self.columns[0] + self.columns[1]

    @property
    def height(self) -> float:
        return self.rows[0] + self.rows[1]

    def cell(self, q: int) -> tuple[float, float, float, float]:
        """Quadrant ``q``'s rectangle: ``x, y, width, height``."""
        column, row = q % 2, q // 2
        x = self.columns[0] if column else 0.0
        y = self.rows[0] if row else 0.0
        return x, y, self.columns[column], self.rows[row]

    def shift(self, q: int, used: FloatArray) -> FloatArray:
        """How far to move a quadrant's crowd to centre it in the quadrant, under its caption."""
        x, y, width, height = self.cell(q)
        space_w = width - 2 * PADDING
        space_h = height - 2 * PADDING - self.strips[q]
        left = x + PADDING + (space_w - float(used[2] - used[0])) / 2
        top = y + PADDING + self.strips[q] + (space_h - float(used[3] - used[1])) / 2
        return np.array([left - used[0], top - used[1]])

    def guide(self, q: int) -> Guide:
        return Guide("rect", QUADRANTS[q].label, *self.cell(q))

    def axis_guides(self) -> list[Guide]:
        """Captions for the two scales: interest along the bottom, influence up the left."""
        below = self.height + 8.0
        high = "High interest →"
        guides = [
            Guide("text", "Low interest", 0.0, below),
            Guide("text", high, self.width - caption_width(high), below),
        ]
        for text, y in (
            ("High influence", 8.0),
            ("Low influence", self.height - GUIDE_LINE_HEIGHT),
        ):
            guides.append(Guide("text", text, -caption_width(text) - 8.0, y))
        return guides


def _strip(table: NodeTable, unrated: IntArray, xy: FloatArray, grid: _Grid) -> Guide:
    """Set the unrated stakeholders out as a table under the grid, in a captioned box."""
    block = grid_block(unrated, table.width, table.height, aspect=6.0)
    top = grid.height + STRIP_GAP
    content = max(grid.width - 2 * PADDING, block.width)
    width, height, caption = captioned_size(NOT_RATED, content, block.height, PADDING)
    indent = (width - block.width) / 2
    xy[block.members] = block.offsets + np.array([indent, top + PADDING + caption])
    return Guide("rect", NOT_RATED, 0.0, top, width, height)
