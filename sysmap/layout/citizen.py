"""Citizen-centred rings: how far each stakeholder is from the people the system serves.

Systems-leadership guidance says start with the citizen's experience. This layout puts the
stakeholders of the citizens sector in the middle and every other stakeholder on the ring for
its distance from the nearest of them, counted in relationships (steps): the first ring is
everyone who deals with a citizen directly, the second everyone one step further, and so on.
Stakeholders no route reaches go on an outer ring of their own.

Only real ties count: relationships recorded as ``missing`` or ``proposed`` are drawn but are
not steps (as in the analysis). Each ring is ordered by where its stakeholders' contacts on
the ring inside sit, which keeps lines between rings short; a gap at the top of each ring
leaves room for its caption.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import shortest_path

from sysmap.layout.common import NOT_TIES, finish, map_table, reading_order, sector_of
from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable, Position
from sysmap.layout.result import GUIDE_LINE_HEIGHT, Guide, LayoutResult, caption_width
from sysmap.layout.rings import START, on_ring, ring, ring_near
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import CITIZEN_SECTOR

UNREACHED = "Not connected to any citizen"
FOLLOW = 0.5
"""How far a stakeholder moves from an even spread round its ring towards its contacts."""


def citizen_layout(
    system_map: SystemMap,
    fixed: Mapping[str, Position] | None = None,
    progress: Progress | None = None,
) -> LayoutResult:
    """Lay the map out in rings round its citizens (see the module docstring)."""
    tracker = progress or NO_PROGRESS
    table = map_table(system_map, fixed, skip=NOT_TIES)
    steps = steps_from_citizens(table)
    tracker.report(0.3)
    xy = table.start.copy()
    angle = np.full(table.count, np.nan)
    guides: list[Guide] = []
    radius = 0.0
    widest = tallest = 0.0
    rings = _rings(table, steps)
    for done, (number, members) in enumerate(rings):
        tracker.report(0.3 + 0.5 * done / len(rings))
        members, wanted = _ordered(table, members, number, steps, angle, system_map)
        if radius == 0:
            wanted = None  # the ring inside is one citizen in the middle: no direction
        caption = ring_caption(number, system_map)
        widths, heights = table.width[members], table.height[members]
        gap = _ring_gap(widest, tallest, widths, heights)
        inner = radius + gap
        lead = 0.0
        if inner > 0 or len(members) > 1:  # a ring, not one citizen in the middle
            # Room at the top for the caption, which the canvas draws bigger on a bigger ring.
            size = ring(widths, heights, np.zeros(len(members)), 1.0, inner)[1]
            lead = caption_width(caption, 2 * size) + MARGIN
        if wanted is None:
            angles, radius = ring(widths, heights, np.zeros(len(members)), 1.0, inner, lead)
        else:
            angles, radius = ring_near(widths, heights, wanted, inner, lead, FOLLOW)
        xy[members] = on_ring(angles, radius)
        angle[members] = angles
        widest, tallest = float(widths.max()), float(heights.max())
        if radius > 0:
            guides.append(Guide("circle", caption, 0.0, 0.0, 2 * radius, 2 * radius))
    if not (steps == 0).any():
        label = system_map.sectors.label(CITIZEN_SECTOR)
        note = f"No stakeholder is in the {label} sector"
        guides.append(Guide("text", note, -caption_width(note) / 2, -GUIDE_LINE_HEIGHT / 2))
    return finish(table, xy, guides, tracker.part(0.8, 1.0))


def _ring_gap(widest: float, tallest: float, widths: FloatArray, heights: FloatArray) -> float:
    """How much further out a ring must be than the one inside so no boxes meet.

    Two boxes at the same angle clear each other when they are apart across *or* apart
    down; the hardest angle is where both just fail, so the gap is the diagonal.
    """
    if widest == 0:
        return 0.0
    across = (widest + float(widths.max())) / 2 + MARGIN
    down = (tallest + float(heights.max())) / 2 + MARGIN
    return math.hypot(across, down)


def steps_from_citizens(table: NodeTable) -> FloatArray:
    """Each stakeholder's distance in ties from the nearest citizen (``inf`` if none reach).

    A breadth-first search from all citizens at once (one extra start point linked to every
    citizen), so the cost does not grow with the number of citizens.
    """
    n = table.count
    citizens = np.array([sector_of(d) == CITIZEN_SECTOR for d in table.data], dtype=bool)
    if not citizens.any():
        return np.full(n, np.inf)
    hub = n
    rows = np.concatenate([table.edges[:, 0], np.full(citizens.sum(), hub)])
    cols = np.concatenate([table.edges[:, 1], np.flatnonzero(citizens)])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n + 1, n + 1)).tocsr()
    distance = shortest_path(graph, directed=False, unweighted=True, indices=hub)
    steps: FloatArray = np.asarray(distance[:n], dtype=float) - 1.0
    return steps


def ring_caption(number: float, system_map: SystemMap) -> str:
    """What a ring is called: the citizens, ``k`` steps from a citizen, or not connected."""
    if math.isinf(number):
        return UNREACHED
    if number == 0:
        return system_map.sectors.label(CITIZEN_SECTOR)
    return f"{int(number)} step{'s' if number != 1 else ''} from a citizen"


def _rings(table: NodeTable, steps: FloatArray) -> list[tuple[float, IntArray]]:
    """The free stakeholders of each ring, innermost first (unreached last)."""
    free = ~table.fixed
    numbers = sorted(set(steps[free].tolist()))
    return [(k, np.flatnonzero(free & (steps == k))) for k in numbers]


def _ordered(
    table: NodeTable,
    members: IntArray,
    number: float,
    steps: FloatArray,
    angle: FloatArray,
    system_map: SystemMap,
) -> tuple[IntArray, FloatArray | None]:
    """Order a ring by the mean angle of each member's contacts on the ring inside.

    Returns the members in order and the angles they would best sit at (``None`` for the
    citizens and the unreached, whom no ring inside gives a direction).
    """
    members = reading_order(table, members, system_map.sectors)
    if number == 0 or math.isinf(number) or len(table.edges) == 0:
        return members, None
    a, b = table.edges[:, 0], table.edges[:, 1]
    a_inside, b_inside = steps[a] == number - 1, steps[b] == number - 1
    here = np.concatenate([a[b_inside], b[a_inside]])  # the end on this ring (or beside it)
    contact = np.concatenate([b[b_inside], a[a_inside]])  # the end on the ring inside
    known = ~np.isnan(angle[contact])  # pinned contacts have no place on a ring
    n = table.count
    sin = np.bincount(here[known], np.sin(angle[contact[known]]), n)
    cos = np.bincount(here[known], np.cos(angle[contact[known]]), n)
    mean = np.mod(np.arctan2(sin, cos) - START, 2 * math.pi)
    # A stable sort: members with the same mean keep their reading order.
    order = members[np.argsort(mean[members], kind="stable")]
    return order, mean[order] + START
