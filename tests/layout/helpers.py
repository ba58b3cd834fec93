"""Independent checks on layout results: every box placed, finite, apart, landscape."""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

from sysmap.layout import Guide
from sysmap.layout.nodes import MARGIN, box_size
from sysmap.layout.result import caption_px
from sysmap.model import CITIZEN_SECTOR, SystemMap

Position = tuple[float, float]


def box_array(system_map: SystemMap, positions: Mapping[str, Position]) -> np.ndarray:
    """``x0, y0, x1, y1`` of every stakeholder's drawn box, in the map's node order."""
    rows = []
    for node, data in system_map.graph.nodes(data=True):
        w, h = box_size(data.get("label", node), data.get("kind"))
        x, y = positions[node]
        rows.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return np.array(rows).reshape(-1, 4)


def overlaps(
    system_map: SystemMap, positions: Mapping[str, Position], gap: float = MARGIN * 0.99
) -> list[tuple[str, str]]:
    """Every pair of stakeholders whose boxes come closer than ``gap`` (brute force)."""
    ids = list(system_map.graph.nodes)
    boxes = box_array(system_map, positions)
    found = []
    for i in range(len(ids)):
        apart_x = (boxes[i + 1 :, 0] >= boxes[i, 2] + gap) | (
            boxes[i, 0] >= boxes[i + 1 :, 2] + gap
        )
        apart_y = (boxes[i + 1 :, 1] >= boxes[i, 3] + gap) | (
            boxes[i, 1] >= boxes[i + 1 :, 3] + gap
        )
        for j in np.flatnonzero(~(apart_x | apart_y)):
            found.append((ids[i], ids[i + 1 + j]))
    return found


def aspect(system_map: SystemMap, positions: Mapping[str, Position]) -> float:
    """Width over height of the area the boxes cover."""
    boxes = box_array(system_map, positions)
    width = boxes[:, 2].max() - boxes[:, 0].min()
    height = boxes[:, 3].max() - boxes[:, 1].min()
    return float(width / height)


def all_finite(positions: Mapping[str, Position]) -> bool:
    return all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())


def inside(guide: Guide, point: Position) -> bool:
    """Whether a point lies inside a rectangular guide."""
    x, y = point
    return guide.x <= x <= guide.x + guide.width and guide.y <= y <= guide.y + guide.height


def citizen_steps(system_map: SystemMap) -> dict[str, float]:
    """Steps from the nearest citizen over active and weak ties, computed with networkx."""
    graph = nx.Graph()
    graph.add_nodes_from(system_map.graph.nodes)
    graph.add_edges_from(
        (u, v)
        for u, v, status in system_map.graph.edges(data="status", default="active")
        if status in ("active", "weak") and u != v
    )
    citizens = [n for n, s in system_map.graph.nodes(data="sector") if s == CITIZEN_SECTOR]
    steps: dict[str, float] = dict.fromkeys(graph.nodes, math.inf)
    if citizens:
        steps.update(nx.multi_source_dijkstra_path_length(graph, citizens))
    return steps


def caption_area(guide: Guide) -> tuple[float, float, float, float]:
    """Where the canvas draws a guide's caption (x0, y0, x1, y1), as sysmap.canvas.guides does."""
    extent = 0.0 if guide.shape == "text" else max(guide.width, guide.height)
    px = caption_px(extent)
    width, height = len(guide.label) * 0.6 * px, 1.2 * px
    if guide.shape == "rect":
        return guide.x + 8, guide.y + 6, guide.x + 8 + width, guide.y + 6 + height
    if guide.shape == "circle":
        top = guide.y - guide.width / 2
        return guide.x - width / 2, top - height / 2, guide.x + width / 2, top + height / 2
    return guide.x, guide.y, guide.x + width, guide.y + height
