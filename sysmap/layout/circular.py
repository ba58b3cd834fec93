"""Circular: everyone on one ring, sector after sector.

The ring is an ellipse half as wide again as it is tall (a landscape picture, and wide label
boxes need more room across the top and bottom than down the sides). Each stakeholder gets a
stretch of the ring as long as its box measures along the ring at that point, so the ring is
as small as it can be without boxes touching; sectors are separated by a gap and named on
the outside. Within a sector stakeholders go by place, then by name.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from sysmap.layout.common import finish, group_label, groups_in_order, map_table, sector_of
from sysmap.layout.nodes import MARGIN, IntArray, NodeTable, Position
from sysmap.layout.result import GUIDE_LINE_HEIGHT, Guide, LayoutResult, caption_width
from sysmap.layout.rings import on_ring, ring
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap

ELLIPSE = 1.5
"""Width of the ring over its height."""
SECTOR_GAP = 90.0
NO_SECTOR = "No sector"


def circular_layout(
    system_map: SystemMap,
    fixed: Mapping[str, Position] | None = None,
    progress: Progress | None = None,
) -> LayoutResult:
    """Lay the map out on one ring, sector by sector (see the module docstring)."""
    tracker = progress or NO_PROGRESS
    table = map_table(system_map, fixed)
    groups = [
        (key, _by_place_then_label(table, members))
        for key, members in groups_in_order(table, sector_of, system_map.sectors.keys())
    ]
    order = np.concatenate([m for _, m in groups]) if groups else np.zeros(0, dtype=np.int64)
    gap_after = np.zeros(len(order))
    ends = np.cumsum([len(m) for _, m in groups]) - 1
    if len(groups) > 1:
        gap_after[ends] = SECTOR_GAP
    xy = table.start.copy()
    angles, radius = ring(table.width[order], table.height[order], gap_after, ELLIPSE)
    xy[order] = on_ring(angles, radius, ELLIPSE)
    tracker.report(0.5)
    guides = []
    if len(groups) > 1:
        starts = np.concatenate([[0], ends[:-1] + 1])
        for (key, _), first, last in zip(groups, starts, ends, strict=True):
            label = group_label(system_map.sectors, key, NO_SECTOR)
            middle = (angles[first] + angles[last]) / 2
            guides.append(_caption(label, float(middle), radius, table, order))
    return finish(table, xy, guides, tracker.part(0.5, 1.0))


def _caption(label: str, angle: float, radius: float, table: NodeTable, order: IntArray) -> Guide:
    """A sector's name just outside the middle of its stretch of the ring."""
    cos, sin = math.cos(angle), math.sin(angle)
    normal_x, normal_y = cos * ELLIPSE, sin  # outward normal of the ellipse (unnormalised)
    length = math.hypot(normal_x, normal_y)
    normal_x, normal_y = normal_x / length, normal_y / length
    reach = (
        abs(normal_x) * float(table.width[order].max()) / 2
        + abs(normal_y) * float(table.height[order].max()) / 2
        + MARGIN
    )
    px = radius * cos + normal_x * reach
    py = radius / ELLIPSE * sin + normal_y * reach
    text_width = caption_width(label)
    return Guide(
        "text",
        label,
        px - text_width * (1 - cos) / 2,
        py - GUIDE_LINE_HEIGHT * (1 - sin) / 2,
    )


def _by_place_then_label(table: NodeTable, members: IntArray) -> IntArray:
    def key(i: int) -> tuple[str, str]:
        data: Mapping[str, Any] = table.data[i]
        return (str(data.get("place") or "~"), str(data.get("label", table.ids[i])).casefold())

    return np.asarray(sorted(members.tolist(), key=key), dtype=np.int64)
