"""Clustered by sector: each sector in its own labelled area.

Each sector gets a rectangle big enough for its stakeholders (about ``ROOM`` times the area
of their boxes), and the rectangles are set out in the map's sector order, in rows that make
a landscape picture. Inside its area each stakeholder is placed by the force-directed engine,
held inside the rectangle: it is pushed only by its own sector's crowd but pulled by all its
relationships, so a stakeholder with ties to another sector sits on the side facing it, and
the ties that cross sectors — the point of a silo analysis — are easy to follow.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sysmap.layout.common import finish, group_label, groups_in_order, map_table, sector_of
from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable, Position
from sysmap.layout.overlap import overlapping_pairs, separate_within
from sysmap.layout.packing import Block, grid_block, landscape_shelves
from sysmap.layout.progress import Progress, Tracker
from sysmap.layout.result import GUIDE_LINE_HEIGHT, Guide, LayoutResult, caption_width
from sysmap.layout.springs import Springs, iterations_for, relax
from sysmap.model.system_map import SystemMap

ROOM = 2.2
"""A sector's area is this many times the area its boxes (with margins) cover."""
AREA_ASPECT = 1.4
REGION_GAP = 70.0
PADDING = 14.0
NO_SECTOR = "No sector"


def sector_layout(
    system_map: SystemMap,
    fixed: Mapping[str, Position] | None = None,
    progress: Progress | None = None,
    seed: int = 1,
) -> LayoutResult:
    """Lay the map out as one labelled area per sector (see the module docstring)."""
    tracker = Tracker(progress)
    table = map_table(system_map, fixed)
    groups = groups_in_order(table, sector_of, system_map.sectors.keys())
    labels = [group_label(system_map.sectors, key, NO_SECTOR) for key, _ in groups]
    fallbacks = [
        _fallback(table, members, caption_width(label))
        for (_, members), label in zip(groups, labels, strict=True)
    ]
    regions = _arrange([(b.width, b.height) for b in fallbacks])
    bounds = _bounds(table, groups, regions)
    xy = _settle(table, groups, bounds, seed, tracker.stage(0.0, 0.8))
    xy = _tidy(table, fallbacks, regions, bounds, xy)
    xy, regions = _compact(table, [m for _, m in groups], labels, xy)
    guides = [
        Guide("rect", label, float(x0), float(y0), float(x1 - x0), float(y1 - y0))
        for label, (x0, y0, x1, y1) in zip(labels, regions, strict=True)
    ]
    return finish(table, xy, guides, tracker.stage(0.8, 1.0))


def _fallback(table: NodeTable, members: IntArray, caption: float) -> Block:
    """A sector's stakeholders packed as a table, in a block as big as its whole area.

    The block's size is the area the force engine places the sector in; the table inside
    is what the area falls back to if the engine leaves it too crowded to clear.
    """
    w, h = table.width[members] + MARGIN, table.height[members] + MARGIN
    area = ROOM * float((w * h).sum())
    width = max(np.sqrt(area * AREA_ASPECT), float(w.max()), caption)
    height = max(area / width, float(h.max()))
    grid = grid_block(members, table.width, table.height, aspect=width / height)
    width = max(width, grid.width)
    indent = (width - grid.width) / 2
    offsets = grid.offsets + np.array([indent, 0.0])
    return Block(members, offsets, width, max(height, grid.height))


def _arrange(areas: list[tuple[float, float]]) -> FloatArray:
    """Set the sectors' rectangles out in rows; return ``x0, y0, x1, y1`` of each (with caption)."""
    if not areas:
        return np.zeros((0, 4))
    outer = np.array([(w + 2 * PADDING, h + 2 * PADDING + GUIDE_LINE_HEIGHT) for w, h in areas])
    corners, width, height = landscape_shelves(outer, REGION_GAP)
    corners -= np.array([width / 2, height / 2])  # centre the picture on the origin
    return np.column_stack([corners, corners + outer])


def _compact(
    table: NodeTable, groups: list[IntArray], labels: list[str], xy: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Shrink each area round what its stakeholders use, and set the areas out again."""
    used = []
    for members, label in zip(groups, labels, strict=True):
        half = np.column_stack([table.width[members], table.height[members]]) / 2 + MARGIN / 2
        low = (xy[members] - half).min(axis=0)
        size = (xy[members] + half).max(axis=0) - low
        used.append((low, size, max(float(size[0]), caption_width(label))))
    regions = _arrange([(width, float(size[1])) for _, size, width in used])
    xy = xy.copy()
    for members, (low, size, width), (x0, y0, _, _) in zip(groups, used, regions, strict=True):
        indent = (width - float(size[0])) / 2
        corner = np.array([x0 + PADDING + indent, y0 + PADDING + GUIDE_LINE_HEIGHT])
        xy[members] += corner - low
    return xy, regions


def _bounds(
    table: NodeTable, groups: list[tuple[str | None, IntArray]], regions: FloatArray
) -> FloatArray:
    """Where each stakeholder's centre may go: inside its sector's content area."""
    bounds = np.tile([-np.inf, np.inf, -np.inf, np.inf], (table.count, 1))
    for (_, members), (x0, y0, x1, y1) in zip(groups, regions, strict=True):
        half_w = table.width[members] / 2 + MARGIN / 2
        half_h = table.height[members] / 2 + MARGIN / 2
        left, right = x0 + PADDING, x1 - PADDING
        top, bottom = y0 + PADDING + GUIDE_LINE_HEIGHT, y1 - PADDING
        bounds[members, 0] = np.minimum(left + half_w, (left + right) / 2)
        bounds[members, 1] = np.maximum(right - half_w, (left + right) / 2)
        bounds[members, 2] = np.minimum(top + half_h, (top + bottom) / 2)
        bounds[members, 3] = np.maximum(bottom - half_h, (top + bottom) / 2)
    return bounds


def _settle(
    table: NodeTable,
    groups: list[tuple[str | None, IntArray]],
    bounds: FloatArray,
    seed: int,
    tracker: Tracker,
) -> FloatArray:
    """Place stakeholders inside their areas with the force engine (in box-size units)."""
    unit = float(np.median(np.sqrt((table.width + MARGIN) * (table.height + MARGIN))))
    group_of = np.full(table.count, -1, dtype=np.int64)
    for number, (_, members) in enumerate(groups):
        group_of[members] = number
    rng = np.random.default_rng(seed)
    free = ~table.fixed
    start = table.start.copy()
    start[free, 0] = rng.uniform(bounds[free, 0], bounds[free, 1])
    start[free, 1] = rng.uniform(bounds[free, 2], bounds[free, 3])
    springs = Springs(table.edges, table.fixed, bounds=bounds / unit, gravity=0.0, groups=group_of)
    return relax(springs, start / unit, iterations_for(table.count), tracker=tracker) * unit


def _tidy(
    table: NodeTable,
    fallbacks: list[Block],
    regions: FloatArray,
    bounds: FloatArray,
    xy: FloatArray,
) -> FloatArray:
    """Clear overlaps inside each area; an area still too crowded is packed as a table."""
    xy, cleared = separate_within(xy, table.width, table.height, ~table.fixed, bounds)
    if cleared:
        return xy
    crowded = set(overlapping_pairs(xy, table.width, table.height, MARGIN).ravel().tolist())
    for block, (x0, y0, _, _) in zip(fallbacks, regions, strict=True):
        if not crowded.isdisjoint(block.members.tolist()):
            corner = np.array([x0 + PADDING, y0 + PADDING + GUIDE_LINE_HEIGHT])
            xy[block.members] = block.offsets + corner
    return xy
