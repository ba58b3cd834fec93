"""Clustered by sector: each sector in its own labelled area.

Each sector first gets a rectangle sized for its stakeholders, and the rectangles are set
out in the map's sector order, in rows that make a landscape picture. Inside its rectangle
each sector is laid out by the force-directed engine: its stakeholders push only each other
apart, their ties inside the sector pull as usual, and their ties to other sectors pull
gently, so a stakeholder that deals with another sector sits on the side facing it and the
ties that cross sectors — the point of a silo analysis — are easy to follow. Each sector is
then spread to a readable spacing, its overlaps cleared, and its area shrunk to fit.
Finally lines are taken off stakeholders: members of a sector trade places where that
clears lines (:mod:`sysmap.layout.slot_swap`, the picture does not grow), then stakeholders
are moved off the lines left within a little of their areas (:mod:`sysmap.layout.line_nudge`),
three times over, and a last search trades places, steps stakeholders by under half a
slot and lets them roam to a free spot anywhere within their areas. This runs three times
(``TRIES``): as the areas were fitted, with each area filling its row's spare room and its
sector spread into it (areas in a row as tall as the tallest, a short row's spare width
shared out: the picture keeps its size), and the same with every sector spread 5 % more;
the try with the fewest crossings (the first of equals) is kept if the picture grows by at
most 15 %.
On the examples this leaves 0–3 crossings (addiction 12 → 3, levelling-up 6 → 0,
reoffending 1, rough-sleeping 10 → 1; before the areas filled their rows 9/5/1/7), the
picture (the rectangle round areas and boxes) from 5 % smaller (levelling-up) to 8 % larger
(addiction) than before they did.
Letting stakeholders leave their areas and setting the areas out again also reached zero,
but spread the picture so thin that its labels became unreadable.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sysmap.layout.common import (
    by_id,
    finish,
    group_label,
    groups_in_order,
    map_table,
    sector_of,
    tidy,
)
from sysmap.layout.force import spacing_scale
from sysmap.layout.line_clearance import table_crossings
from sysmap.layout.line_nudge import clears
from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable, Position
from sysmap.layout.overlap import remove_overlaps
from sysmap.layout.packing import landscape_shelves
from sysmap.layout.result import Guide, LayoutResult, captioned_size
from sysmap.layout.slot_swap import swap_slots
from sysmap.layout.springs import Springs, iterations_for, relax
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap

ROOM = 2.2
"""A sector's first area is this many times the area its boxes (with margins) cover."""
AREA_ASPECT = 1.4
REGION_GAP = 70.0
LINE_ROOM = 30.0
"""How far beyond its area a stakeholder may be moved to get it off a line (< REGION_GAP / 2)."""
PADDING = 14.0
_PASSES = 3
"""Rounds of trading places and moving off lines (more rounds cleared no more on the examples)."""
NO_SECTOR = "No sector"
ROAM = True
"""The last search may move a stakeholder to a free spot anywhere in its area (on the
examples no change; on the synthetic maps 26 → 23 crossings, and 9 → 8 with filled rows)."""
ROOMIER = 1.05
"""The second try spreads each sector this much more about its middle (measured on the
examples before the areas filled their rows: the picture grew 5–10 %, addiction's crossings
went 12 → 9)."""
AREA_LIMIT = 1.15
"""A try is kept only if its picture is at most this times the first try's (labels stay
readable at the opening fit)."""
FILL = 0.6
"""Most a sector is spread into its row's spare room: the room its boxes use grows by at
most this fraction each way."""
TRIES = ((1.0, False), (1.0, True), (ROOMIER, True))
"""How far each try spreads the sectors, and whether their areas fill their rows' spare
room. The plain try comes first, so it wins a tie (a sector is then spaced like any other);
measured on the examples, filling leaves 4/3/5/4 crossings, filling and spreading 3/0/5/1,
the plain try 9/6/1/8."""


def sector_layout(
    system_map: SystemMap,
    fixed: Mapping[str, Position] | None = None,
    progress: Progress | None = None,
    seed: int = 1,
) -> LayoutResult:
    """Lay the map out as one labelled area per sector (see the module docstring)."""
    tracker = progress or NO_PROGRESS
    table = map_table(system_map, fixed)
    grouped = groups_in_order(table, sector_of, system_map.sectors.keys())
    if not grouped:  # nobody to move
        return finish(table, table.start, (), tracker)
    groups = [members for _, members in grouped]
    labels = [group_label(system_map.sectors, key, NO_SECTOR) for key, _ in grouped]
    regions = _arrange([_first_size(table, members) for members in groups], labels)
    xy = _settle(table, groups, _bounds(table, groups, regions), seed, tracker.part(0.0, 0.6))
    spread = tracker.part(0.6, 0.9)
    for number, members in enumerate(groups):
        xy[members] = _spread(table, members, xy[members])
        spread.report((number + 1) / len(groups))
    xy, regions = _roomiest_clear(table, groups, labels, xy, tracker.part(0.9, 1.0))
    guides = [
        Guide("rect", label, float(x0), float(y0), float(x1 - x0), float(y1 - y0))
        for label, (x0, y0, x1, y1, _) in zip(labels, regions, strict=True)
    ]
    return LayoutResult(by_id(table.positions(xy)), tuple(guides))


def _first_size(table: NodeTable, members: IntArray) -> tuple[float, float]:
    """The content area a sector starts with: ``ROOM`` times its boxes' area, landscape."""
    w, h = table.width[members] + MARGIN, table.height[members] + MARGIN
    area = ROOM * float((w * h).sum())
    width = max(np.sqrt(area * AREA_ASPECT), float(w.max()))
    return width, max(area / width, float(h.max()))


def _arrange(areas: list[tuple[float, float]], labels: list[str]) -> FloatArray:
    """Set the sectors' captioned rectangles out in rows.

    Returns ``x0, y0, x1, y1, strip`` of each: its corners and the height of its caption
    strip, below which its content starts (``PADDING`` in from the sides and bottom).
    """
    sizes = [
        captioned_size(label, w, h, PADDING) for (w, h), label in zip(areas, labels, strict=True)
    ]
    outer = np.array([(w, h) for w, h, _ in sizes])
    corners, width, height = landscape_shelves(outer, REGION_GAP)
    corners -= np.array([width / 2, height / 2])  # centre the picture on the origin
    strips = np.array([strip for _, _, strip in sizes])
    return np.column_stack([corners, corners + outer, strips])


def _bounds(
    table: NodeTable, groups: list[IntArray], regions: FloatArray, slack: float = 0.0
) -> FloatArray:
    """Where each stakeholder's centre may go: inside its sector's area (plus ``slack``)."""
    bounds = np.tile([-np.inf, np.inf, -np.inf, np.inf], (table.count, 1))
    for members, (x0, y0, x1, y1, strip) in zip(groups, regions, strict=True):
        half_w = table.width[members] / 2 + MARGIN / 2
        half_h = table.height[members] / 2 + MARGIN / 2
        left, right = x0 + PADDING - slack, x1 - PADDING + slack
        top, bottom = y0 + PADDING + strip - slack, y1 - PADDING + slack
        bounds[members, 0] = np.minimum(left + half_w, (left + right) / 2)
        bounds[members, 1] = np.maximum(right - half_w, (left + right) / 2)
        bounds[members, 2] = np.minimum(top + half_h, (top + bottom) / 2)
        bounds[members, 3] = np.maximum(bottom - half_h, (top + bottom) / 2)
    return bounds


def _settle(
    table: NodeTable, groups: list[IntArray], bounds: FloatArray, seed: int, tracker: Progress
) -> FloatArray:
    """Place stakeholders inside their areas with the force engine (in box-size units)."""
    unit = float(np.median(np.sqrt((table.width + MARGIN) * (table.height + MARGIN))))
    group_of = np.full(table.count, -1, dtype=np.int64)
    for number, members in enumerate(groups):
        group_of[members] = number
    rng = np.random.default_rng(seed)
    free = ~table.fixed
    start = table.start.copy()
    start[free, 0] = rng.uniform(bounds[free, 0], bounds[free, 1])
    start[free, 1] = rng.uniform(bounds[free, 2], bounds[free, 3])
    a, b = table.edges[:, 0], table.edges[:, 1]
    across = group_of[a] != group_of[b]  # ties between sectors only turn stakeholders
    springs = Springs(
        table.edges, table.fixed, bounds=bounds / unit, gravity=0.0, groups=group_of, soft=across
    )
    return relax(springs, start / unit, iterations_for(table.count), tracker=tracker) * unit


def _spread(table: NodeTable, members: IntArray, xy: FloatArray) -> FloatArray:
    """Give one sector a readable spacing about its middle, then clear its overlaps."""
    width, height = table.width[members], table.height[members]
    middle = xy.mean(axis=0)
    if len(members) > 1:
        xy = middle + (xy - middle) * spacing_scale(xy, width, height)
    return remove_overlaps(xy, width, height, np.ones(len(members), dtype=bool))


def _roomiest_clear(
    table: NodeTable, groups: list[IntArray], labels: list[str], xy: FloatArray, tracker: Progress
) -> tuple[FloatArray, FloatArray]:
    """Fit the areas and clear lines in a few ways (``TRIES``: spread as it is or ``ROOMIER``
    times more, the areas filling their rows' spare room or not); keep the try with the
    fewest crossings among those that grow the picture by at most ``AREA_LIMIT`` over the
    first (the first of equals)."""
    tries = TRIES if clears(table) else TRIES[:1]
    done: list[tuple[int, float, FloatArray, FloatArray]] = []
    for number, (growth, fill) in enumerate(tries):
        grown = xy.copy()
        for members in groups:
            middle = xy[members].mean(axis=0)
            grown[members] = middle + (xy[members] - middle) * growth
        grown, regions = _compact(table, groups, labels, grown)
        if fill:
            grown, regions = _fill(table, groups, grown, regions)
        stage = tracker.part(number / len(tries), (number + 1) / len(tries))
        left, grown, regions = _clear(table, groups, grown, regions, stage)
        size = regions[:, 2:4].max(axis=0) - regions[:, :2].min(axis=0)
        done.append((left, float(size.prod()), grown, regions))
    kept = [entry for entry in done if entry[1] <= AREA_LIMIT * done[0][1]]
    best = min(kept, key=lambda entry: entry[0])
    return best[2], best[3]


def _fill(
    table: NodeTable, groups: list[IntArray], xy: FloatArray, regions: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Let each area take its row's spare room, and spread its stakeholders into it.

    The areas of a row become as tall as the row's tallest, and a row narrower than the
    widest shares the difference among its areas: the picture keeps its size. Each sector
    is then spread about the middle of its bigger area (:func:`_spread_into`), so lines
    pass further from its boxes.
    """
    xy, regions = xy.copy(), regions.copy()
    right = float(regions[:, 2].max())
    for top in np.unique(regions[:, 1]).tolist():
        row = np.flatnonzero(regions[:, 1] == top)
        row = row[np.argsort(regions[row, 0], kind="stable")]
        extra = (right - float(regions[row, 2].max())) / len(row)
        bottom = float(regions[row, 3].max())
        for k, number in enumerate(row.tolist()):
            regions[number, 0] += k * extra
            regions[number, 2] += (k + 1) * extra
            regions[number, 3] = bottom
            members = groups[number][~table.fixed[groups[number]]]
            if len(members):
                xy[members] = _spread_into(table, members, xy[members], regions[number])
    return xy, regions


def _spread_into(
    table: NodeTable, members: IntArray, xy: FloatArray, region: FloatArray
) -> FloatArray:
    """One sector's centres spread about the middle of its area, each way by at most
    ``FILL`` of the room its boxes use, keeping ``LINE_ROOM`` inside the area's edges for
    the line pass (which may take a stakeholder that far beyond them)."""
    x0, y0, x1, y1, strip = region
    low, high = np.array([x0, y0 + strip]) + PADDING, np.array([x1, y1]) - PADDING
    half = np.column_stack([table.width[members], table.height[members]]) / 2 + MARGIN / 2
    used = (xy + half).max(axis=0) - (xy - half).min(axis=0)
    span = xy.max(axis=0) - xy.min(axis=0)  # the centres' extent; used - span: edge boxes
    room = np.minimum(high - low - 2 * LINE_ROOM, used * (1 + FILL))
    scale = np.maximum(1.0, (room - (used - span)) / np.maximum(span, 1e-9))
    middle = ((xy + half).max(axis=0) + (xy - half).min(axis=0)) / 2
    result: FloatArray = (low + high) / 2 + (xy - middle) * scale
    return result


def _clear(
    table: NodeTable,
    groups: list[IntArray],
    xy: FloatArray,
    regions: FloatArray,
    tracker: Progress,
) -> tuple[int, FloatArray, FloatArray]:
    """Clear overlaps, then move stakeholders off lines that pass through them; return the
    crossings left (counted once here, not again by the caller) with the centres and areas.

    A stakeholder may leave its area by at most ``LINE_ROOM``; the areas then grow round
    their stakeholders without being set out again (``LINE_ROOM`` is under half the gap
    between areas, so they never meet). Areas are fitted tightly round their stakeholders,
    so some crossings stay (letting stakeholders roam further and setting the areas out
    again cleared them all, but blew the picture up: see the module docstring).
    """
    xy = tidy(table, xy, tracker.part(0.0, 0.05))  # the areas as set out, overlaps cleared
    if not clears(table):  # one try only: nothing to compare, so nothing counted
        return 0, xy, regions
    xy = swap_slots(table, xy, groups, tracker.part(0.05, 0.1))
    before = (len(table_crossings(table, xy)), xy, regions)
    inside = _bounds(table, groups, regions, LINE_ROOM)
    for rounds in range(_PASSES):
        stage = tracker.part(0.1 + 0.9 * rounds / _PASSES, 0.1 + 0.9 * (rounds + 1) / _PASSES)
        if rounds:  # the nudge moved the spots: trading places may now clear more
            xy = swap_slots(table, xy, groups, stage.part(0.0, 0.2))
        xy = tidy(table, xy, stage.part(0.2, 1.0), clear=True, bounds=inside)
    # a last search that only ever lowers the count: trades and steps within the areas
    xy = swap_slots(table, xy, groups, NO_PROGRESS, steps=True, bounds=inside, roam=ROAM)
    left = len(table_crossings(table, xy))
    if left >= before[0]:  # never worse than the areas as set out
        return before
    return left, xy, _refit(table, groups, regions, xy)


def _refit(
    table: NodeTable, groups: list[IntArray], regions: FloatArray, xy: FloatArray
) -> FloatArray:
    """Grow each area (never shrink it) so that it holds its stakeholders' boxes again,
    by at most ``LINE_ROOM`` a side so that areas never meet (overlap removal may push a box
    a fraction beyond its bounds)."""
    regions = regions.copy()
    for number, members in enumerate(groups):
        half = np.column_stack([table.width[members], table.height[members]]) / 2 + MARGIN / 2
        low, high = (xy[members] - half).min(axis=0), (xy[members] + half).max(axis=0)
        x0, y0, x1, y1, strip = regions[number]
        regions[number, :4] = (
            max(x0 - LINE_ROOM, min(x0, low[0] - PADDING)),
            max(y0 - LINE_ROOM, min(y0, low[1] - PADDING - strip)),
            min(x1 + LINE_ROOM, max(x1, high[0] + PADDING)),
            min(y1 + LINE_ROOM, max(y1, high[1] + PADDING)),
        )
    return regions


def _compact(
    table: NodeTable, groups: list[IntArray], labels: list[str], xy: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Fit each area round what its stakeholders use, and set the areas out again."""
    used = []
    for members in groups:
        half = np.column_stack([table.width[members], table.height[members]]) / 2 + MARGIN / 2
        low = (xy[members] - half).min(axis=0)
        used.append((low, (xy[members] + half).max(axis=0) - low))
    regions = _arrange([(float(w), float(h)) for _, (w, h) in used], labels)
    xy = xy.copy()
    for members, (low, size), (x0, y0, x1, _, strip) in zip(groups, used, regions, strict=True):
        indent = (x1 - x0 - 2 * PADDING - float(size[0])) / 2  # a caption wider than the crowd
        corner = np.array([x0 + PADDING + indent, y0 + PADDING + strip])
        xy[members] += corner - low
    return xy, regions
