"""Bands by place level, columns by place.

National bodies sit in the top band, regional ones in the middle, local ones at the bottom
(and any without a level in a last band), so the relationships that run between levels of
government read top to bottom. Inside a band each place has its own column, headed by its
name, in the map's order of places; stakeholders in a column are set out as a small table,
first sector by sector. A band with many places wraps onto more rows so the picture stays
landscape. Where a row of tables is narrower than its band, or a table shorter than its
row, the spare room widens the gaps between the table's columns and rows (by at most
``STRETCH``): the band keeps its size and lines find room between the boxes (on the
examples 73 → 55 crossings, the picture the same size).

Lines are then taken off stakeholders: members of a place trade slots, move into its
table's empty slots or step off their slot by under half a slot
(:mod:`sysmap.layout.slot_swap`), which gives up the sector-by-sector order where that
clears lines (kept within sectors, the trades left 7–42 crossings per example instead of
8–26); then the line pass moves stakeholders within a little of their table
(:mod:`sysmap.layout.line_nudge`) unless that grows the picture by over 12 %, and a last
search trades, steps and roams (a free spot anywhere within a little of the table) from
there. All this runs from two starts, the tables filled sector by sector and each table's
slots handed out by where its members' ties go (:mod:`sysmap.layout.slot_order`), and the
start that leaves fewer crossings wins. On the examples this leaves 5–21 crossings
(addiction 50 → 14, levelling-up 17 → 5, reoffending 61 → 21, rough-sleeping 63 → 15;
before the spread tables, the second start and the roaming: 25/7/30/21), the picture (its
bands) the same size; the rest need more room than the tables have. Last, where the
canvas's bent lines (:mod:`sysmap.layout.routes`) still cannot get round a box, one
stakeholder moves to a nearby free spot, trades places with a neighbour or pushes along its
row or column (:mod:`sysmap.layout.route_clear`; with the canvas's two-waypoint routes,
synthetic maps 7 → 0 drawn crossings, the examples 0 as before).

A stakeholder's level is its own ``place_level``, else the level of its place in the map's
list of places.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from sysmap.layout.common import (
    finish,
    group_label,
    groups_in_order,
    map_table,
    reading_order,
    text_of,
    tidy,
)
from sysmap.layout.line_clearance import table_crossings
from sysmap.layout.line_nudge import clears
from sysmap.layout.nodes import FloatArray, IntArray, NodeTable, Position
from sysmap.layout.packing import (
    LANDSCAPE_ASPECT,
    Block,
    grid_block,
    grid_shape,
    shelves,
    stretch,
)
from sysmap.layout.result import (
    GUIDE_LINE_HEIGHT,
    Guide,
    LayoutResult,
    caption_width,
    captioned_size,
)
from sysmap.layout.route_clear import clear_routes
from sysmap.layout.slot_order import order_by_ties
from sysmap.layout.slot_swap import swap_slots
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import PLACE_LEVELS, Vocabulary

NO_LEVEL = "Level not set"
NO_PLACE = "No place"
CELL_ASPECTS = (1.0, 2.0, 3.0, 5.0, 8.0)
"""Shapes (width over height) tried for each place's table of stakeholders."""
CELL_GAP = 40.0
BAND_GAP = 30.0
PADDING = 14.0
LINE_ROOM = 14.0
"""How far beyond its place's table a stakeholder may move to get off a line."""
CAPTION_CLEAR = 16.0
"""How far a top-row stakeholder may step up (its table keeps half a margin, 18 px, above it)."""
STRETCH = 80.0
"""Most a gap between a table's columns or rows is widened to use its band's spare room."""
ROAM = True
"""The last search may move a stakeholder to a free spot anywhere within its table's bounds
(examples 79 → 73 crossings, rough-sleeping 21 → 16)."""
GROWTH_LIMIT = 1.12
"""Moving stakeholders off lines may push boxes out of a crowded table (overlaps are cleared
after the moves); if that grows the picture by more than this, the tables stay as set out."""


def place_layout(
    system_map: SystemMap,
    fixed: Mapping[str, Position] | None = None,
    progress: Progress | None = None,
) -> LayoutResult:
    """Lay the map out in bands by place level and columns by place (see module docstring)."""
    tracker = progress or NO_PROGRESS
    table = map_table(system_map, fixed)
    places = system_map.places

    def level(data: Mapping[str, Any]) -> str | None:
        return level_of(data, places)

    bands = groups_in_order(table, level, PLACE_LEVELS.keys())
    labels = [group_label(PLACE_LEVELS, key, NO_LEVEL) for key, _ in bands]
    tracker.report(0.1)
    plan = tracker.part(0.1, 0.8)
    cells, width = _best_plan(table, [m for _, m in bands], labels, system_map, plan)
    xy = table.start.copy()
    guides: list[Guide] = []
    top = 0.0
    for number, (label, band_cells) in enumerate(zip(labels, cells, strict=True)):
        band_cells = _stretched(band_cells, width)
        cells[number] = band_cells
        captions, band_height = _place_band(xy, label, band_cells, width, top)
        guides.append(Guide("rect", label, 0.0, top, width, band_height))
        guides.extend(captions)
        top += band_height + BAND_GAP
    shift = np.array([width / 2, max(0.0, top - BAND_GAP) / 2])  # centre on the origin
    xy[~table.fixed] -= shift
    guides = [_moved(g, -shift) for g in guides]
    xy = _clear_lines(table, cells, xy, tracker.part(0.8, 0.95))
    return finish(table, xy, guides, tracker.part(0.95, 1.0))


def _clear_lines(
    table: NodeTable, cells: list[list[tuple[str, Block]]], xy: FloatArray, tracker: Progress
) -> FloatArray:
    """Take lines off stakeholders (see the module docstring), the picture growing by at
    most ``GROWTH_LIMIT`` from the tables as set out.

    The search runs twice, from the tables as filled (sector by sector) and with each
    table's slots handed out by where its members' ties go (:mod:`sysmap.layout.slot_order`),
    and the start that leaves fewer crossings wins (the first on a tie).
    """
    blocks = [block for band in cells for _, block in band]
    if not clears(table) or not blocks:
        return xy
    groups = [block.members for block in blocks]
    spares = [block.spares + (xy[block.members] - block.offsets)[0] for block in blocks]
    starts = [(xy, spares), order_by_ties(table, xy, groups, spares)]
    best: tuple[int, FloatArray] | None = None
    for number, (start, free) in enumerate(starts):
        stage = tracker.part(number / len(starts), (number + 1) / len(starts))
        cleared = _search(table, cells, start, groups, free, stage)
        left = len(table_crossings(table, cleared))
        if best is None or left < best[0]:
            best = (left, cleared)
    assert best is not None
    # last, the stakeholders no bent line gets round (what the canvas draws) move a little
    return clear_routes(table, best[1], _cell_bounds(table, cells, best[1]))


def _search(
    table: NodeTable,
    cells: list[list[tuple[str, Block]]],
    xy: FloatArray,
    groups: list[IntArray],
    spares: list[FloatArray],
    tracker: Progress,
) -> FloatArray:
    """Trades and steps, the line pass, and trades and steps again, from one start."""
    grid = _extent(table, xy)
    # steps may use the table's top half-margin, never reach up onto the place's caption
    step_bounds = _cell_bounds(table, cells, xy) - np.array([0.0, 0.0, CAPTION_CLEAR, 0.0])
    swapped = swap_slots(
        table, xy, groups, tracker.part(0.0, 0.3), spares=spares, steps=True, bounds=step_bounds
    )
    if _extent(table, swapped) > GROWTH_LIMIT * grid:  # steps out of the tables: trades only
        swapped = swap_slots(table, xy, groups, tracker.part(0.0, 0.3), spares=spares)
    bounds = _cell_bounds(table, cells, swapped)
    nudged = tidy(table, swapped, tracker.part(0.3, 0.9), clear=True, bounds=bounds)
    best = nudged if _extent(table, nudged) <= GROWTH_LIMIT * grid else swapped
    # a last search that only ever lowers the count, from where the moves left everyone
    polished = swap_slots(
        table, best, groups, tracker.part(0.9, 1.0), steps=True, bounds=bounds, roam=ROAM
    )
    return polished if _extent(table, polished) <= GROWTH_LIMIT * grid else best


def level_of(data: Mapping[str, Any], places: Vocabulary) -> str | None:
    """A stakeholder's place level: its own, else its place's, else ``None``.

    Examples
    --------
    >>> from sysmap.model.vocab import Term
    >>> places = Vocabulary("place", (Term("salford", "Salford", level="local"),))
    >>> level_of({"place": "salford"}, places), level_of({"place_level": "national"}, places)
    ('local', 'national')
    """
    own = text_of(data, "place_level")
    if own is not None:
        return own
    place = text_of(data, "place")
    term = places.get(place) if place is not None else None
    return term.level if term is not None and term.level else None


def _cells(
    table: NodeTable, members: IntArray, system_map: SystemMap, aspect: float
) -> list[tuple[str, Block]]:
    """One captioned table of stakeholders per place in a band."""
    result = []
    for key, group in groups_in_order(table, _place, system_map.places.keys(), among=members):
        caption = group_label(system_map.places, key, NO_PLACE)
        ordered = reading_order(table, group, system_map.sectors)
        block = grid_block(
            ordered, table.width, table.height, aspect, min_width=caption_width(caption)
        )
        result.append((caption, block))
    return result


def _cell_bounds(
    table: NodeTable, cells: list[list[tuple[str, Block]]], xy: FloatArray
) -> FloatArray:
    """Where the line pass may move each centre: within its place's table, and up to
    ``LINE_ROOM`` beyond it to the sides and below (never up onto the place's caption)."""
    bounds = np.tile([-np.inf, np.inf, -np.inf, np.inf], (table.count, 1))
    for band in cells:
        for _, block in band:
            low, high = xy[block.members].min(axis=0), xy[block.members].max(axis=0)
            bounds[block.members] = (
                low[0] - LINE_ROOM,
                high[0] + LINE_ROOM,
                low[1],
                high[1] + LINE_ROOM,
            )
    return bounds


def _extent(table: NodeTable, xy: FloatArray) -> float:
    """The area of the rectangle round every box."""
    half = np.column_stack([table.width, table.height]) / 2
    return float(np.prod((xy + half).max(axis=0) - (xy - half).min(axis=0)))


def _place(data: Mapping[str, Any]) -> str | None:
    return text_of(data, "place")


def _best_plan(
    table: NodeTable,
    bands: list[IntArray],
    labels: list[str],
    system_map: SystemMap,
    tracker: Progress,
) -> tuple[list[list[tuple[str, Block]]], float]:
    """Choose the shape of the place tables and the band width that give a landscape picture.

    A few shapes of table and band widths are tried (a band of few places needs wide
    tables, one of many places needs narrow ones, wrapped onto several rows), and the
    plan whose whole picture is closest to ``LANDSCAPE_ASPECT`` wins.
    """
    best: tuple[float, list[list[tuple[str, Block]]], float] | None = None
    for tried, aspect in enumerate(CELL_ASPECTS):
        tracker.report(tried / len(CELL_ASPECTS))
        cells = [_cells(table, members, system_map, aspect) for members in bands]
        blocks = [block for band in cells for _, block in band]
        if not blocks:
            return cells, 0.0
        widest = max(b.width for b in blocks)
        longest = max(sum(b.width + CELL_GAP for _, b in band) for band in cells)
        for row in np.linspace(widest, max(widest, longest), 12).tolist():
            width = row + 2 * PADDING
            height = (
                sum(
                    _band_height(label, band, width) + BAND_GAP
                    for label, band in zip(labels, cells, strict=True)
                )
                - BAND_GAP
            )
            miss = abs(math.log(width / max(height, 1.0) / LANDSCAPE_ASPECT))
            if best is None or miss < best[0] - 1e-9:
                best = (miss, cells, width)
    assert best is not None
    return best[1], best[2]


def _band_height(label: str, band: list[tuple[str, Block]], width: float) -> float:
    return _place_band(np.zeros((0, 2)), label, band, width, 0.0, place=False)[1]


def _place_band(
    xy: FloatArray,
    label: str,
    band: list[tuple[str, Block]],
    width: float,
    top: float,
    place: bool = True,
) -> tuple[list[Guide], float]:
    """Put one band's places in rows below ``top``; return their captions and its height."""
    sizes = np.array([(b.width, b.height + GUIDE_LINE_HEIGHT) for _, b in band]).reshape(-1, 2)
    corners, _, height = shelves(sizes, width - 2 * PADDING, CELL_GAP, centre=True)
    _, band_height, strip = captioned_size(label, width - 2 * PADDING, height, PADDING)
    content_top = top + PADDING + strip
    row_width = float((corners[:, 0] + sizes[:, 0]).max()) if len(band) else 0.0
    indent = PADDING + max(0.0, (width - 2 * PADDING - row_width) / 2)
    guides: list[Guide] = []
    for (caption, block), (x, y) in zip(band, corners.tolist(), strict=True):
        if not place:
            break
        left, cell_top = indent + x, content_top + y
        guides.append(Guide("text", caption, left, cell_top))
        xy[block.members] = block.offsets + np.array([left, cell_top + GUIDE_LINE_HEIGHT])
    return guides, band_height


def _stretched(band: list[tuple[str, Block]], width: float) -> list[tuple[str, Block]]:
    """Give each row of a band's tables the band's spare width, and each table its row's
    height, as wider gaps between its columns and rows (at most ``STRETCH`` a gap): the band
    keeps its size, and lines pass between the boxes."""
    if not band or STRETCH <= 0:
        return band
    sizes = np.array([(b.width, b.height + GUIDE_LINE_HEIGHT) for _, b in band])
    corners, _, _ = shelves(sizes, width - 2 * PADDING, CELL_GAP, centre=True)
    result = list(band)
    for y in np.unique(corners[:, 1]).tolist():
        row = np.flatnonzero(corners[:, 1] == y).tolist()
        shapes = [grid_shape(band[i][1]) for i in row]
        gaps = sum(int(column.max()) for column, _ in shapes)
        spare = width - 2 * PADDING - float(sizes[row, 0].sum()) - CELL_GAP * (len(row) - 1)
        dx = min(STRETCH, max(0.0, spare - 1.0) / gaps) if gaps else 0.0  # 1 px: same rows
        tallest = float(sizes[row, 1].max())
        for i, (_, lines) in zip(row, shapes, strict=True):
            rows = int(lines.max())
            dy = min(STRETCH, (tallest - float(sizes[i, 1])) / rows) if rows else 0.0
            result[i] = (band[i][0], stretch(band[i][1], dx, dy))
    return result


def _moved(guide: Guide, by: FloatArray) -> Guide:
    return Guide(
        guide.shape,
        guide.label,
        guide.x + float(by[0]),
        guide.y + float(by[1]),
        guide.width,
        guide.height,
    )
