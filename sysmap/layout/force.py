"""Force-directed layout: related stakeholders sit together, unrelated ones spread out.

The engine (:mod:`sysmap.layout.springs`) works in spring units; this module chooses the
scale so that the map's boxes have room (the typical nearest-neighbour distance becomes about
one box plus margin), turns the picture so its long side runs across the screen, and finally
removes any remaining box overlaps.

Pinned stakeholders keep their positions. The free ones are first laid out on their own
(a "pilot" run, which also fixes the scale), that picture is turned and moved to match the
pinned stakeholders as closely as possible, and then relaxed again with the pinned ones held.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from sysmap.layout.nodes import MARGIN, FloatArray, IntArray, NodeTable, Position, node_table
from sysmap.layout.overlap import remove_overlaps
from sysmap.layout.springs import Springs, iterations_for, random_start, relax
from sysmap.model.progress import NO_PROGRESS, Progress

__all__ = [
    "Position",
    "components",
    "force_directed",
    "force_positions",
    "gather_strays",
    "spacing_scale",
]

LANDSCAPE = 1.5
"""The pull to the middle is this much stronger vertically: maps settle wider than tall."""

SPACING = 1.15
"""Typical gap between neighbours, in box sizes (box plus margin)."""


def force_directed(
    graph: nx.Graph,
    fixed: Mapping[Any, Position] | None = None,
    seed: int = 1,
    progress: Progress | None = None,
) -> dict[Hashable, Position]:
    """Place stakeholders so that related ones sit together and others spread out.

    Parameters
    ----------
    graph : networkx.Graph
        Any networkx graph of the map (direction and parallel edges are ignored). Nodes may
        carry ``label`` and ``kind``, which set the size of their boxes.
    fixed : mapping, optional
        Stakeholders that must stay where they are, with their positions.
    seed : int
        Seed for the starting positions: the same map gives the same picture.
    progress : callable, optional
        Progress and Cancel (see :mod:`sysmap.model.progress`).

    Returns
    -------
    dict
        ``{id: (x, y)}`` for every node, box centres in scene coordinates.

    Raises
    ------
    Cancelled
        If the user cancelled (``progress`` says so).

    Examples
    --------
    >>> pos = force_directed(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    table = node_table(graph, fixed)
    return table.positions(force_positions(table, seed, (progress or NO_PROGRESS)))


def force_positions(table: NodeTable, seed: int = 1, tracker: Progress = NO_PROGRESS) -> FloatArray:
    """Return force-directed box centres, shape ``(n, 2)``, for a :class:`NodeTable`."""
    n = table.count
    if n == 0 or table.fixed.all():
        return table.start.copy()
    pinned = bool(table.fixed.any())
    free = Springs(table.edges, np.zeros(n, dtype=bool), stretch=LANDSCAPE)
    steps = iterations_for(n)
    pilot_end = 0.55 if pinned else 0.8
    xy = relax(free, random_start(n, seed), steps, tracker=tracker.part(0.0, pilot_end))
    scale = spacing_scale(xy, table.width, table.height)
    if pinned:
        xy = _match_pinned(xy * scale, table)
        held = Springs(table.edges, table.fixed, stretch=LANDSCAPE)
        start = np.where(table.fixed[:, None], table.start, xy) / scale
        xy = relax(held, start, steps // 2, tracker=tracker.part(pilot_end, 0.8)) * scale
    else:
        xy = _widen(_long_side_across(xy)) * scale
    xy = gather_strays(xy, table)
    return remove_overlaps(
        xy, table.width, table.height, ~table.fixed, tracker=tracker.part(0.8, 1)
    )


def spacing_scale(
    xy: FloatArray, width: FloatArray, height: FloatArray, spacing: float = SPACING
) -> float:
    """Pixels per spring unit that give neighbours about ``spacing`` boxes of room.

    The median nearest-neighbour distance of the layout is matched to the median box size
    (the geometric mean of width and height, plus the margin), so dense and sparse maps
    come out equally readable.
    """
    box = float(np.median(np.sqrt((width + MARGIN) * (height + MARGIN))))
    if len(xy) < 2:
        return box
    distances, _ = cKDTree(xy).query(xy, k=2)
    nearest = float(np.median(distances[:, 1]))
    if nearest <= 1e-9:
        nearest = float(np.mean(distances[:, 1])) or 1.0
    return spacing * box / nearest


def _long_side_across(xy: FloatArray) -> FloatArray:
    """Centre the picture on the origin and turn it so its longest spread is horizontal."""
    centred: FloatArray = xy - xy.mean(axis=0)
    if len(xy) < 3:
        return centred
    _, vectors = np.linalg.eigh(np.cov(centred.T))
    major = vectors[:, -1]  # eigh sorts eigenvalues ascending
    minor = np.array([-major[1], major[0]])
    turned: FloatArray = centred @ np.column_stack([major, minor])
    return turned


def _widen(xy: FloatArray) -> FloatArray:
    """Stretch a picture sideways until it is at least ``LANDSCAPE`` times wider than tall.

    Only ever adds room, so no two stakeholders come closer.
    """
    spread = xy.std(axis=0)
    if len(xy) < 3 or spread[1] <= 1e-9 or spread[0] >= LANDSCAPE * spread[1]:
        return xy
    widened: FloatArray = xy * np.array([LANDSCAPE * spread[1] / max(spread[0], 1e-9), 1.0])
    return widened


def _match_pinned(xy: FloatArray, table: NodeTable) -> FloatArray:
    """Turn and move a free layout so its pinned stakeholders land near their real places.

    Orthogonal Procrustes (rotation or reflection plus translation, no scaling) between the
    pilot positions of the pinned stakeholders and where they really are.
    """
    here, there = xy[table.fixed], table.start[table.fixed]
    here_mid, there_mid = here.mean(axis=0), there.mean(axis=0)
    rotation = np.eye(2)
    if len(here) >= 2:
        u, _, vt = np.linalg.svd((here - here_mid).T @ (there - there_mid))
        rotation = u @ vt
    moved: FloatArray = (xy - here_mid) @ rotation + there_mid
    return moved


def components(n: int, edges: IntArray) -> IntArray:
    """Label each stakeholder with the number of its connected part of the map."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    ones = np.ones(len(edges))
    adjacency = coo_matrix((ones, (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, labels = connected_components(adjacency, directed=False)
    result: IntArray = labels.astype(np.int64)
    return result


def gather_strays(xy: FloatArray, table: NodeTable) -> FloatArray:
    """Bring small separate parts of the map (and lone stakeholders) in to its edge.

    Every pair pushes apart, so a part with no links to the rest drifts out until the pull
    to the middle stops it, which on a large map is far beyond the main picture. Such a
    part (with no pinned stakeholder) is moved straight in towards the middle until it sits
    just outside the main body, keeping its direction; overlap removal then tidies the rim.
    """
    n = table.count
    labels = components(n, table.edges)
    sizes = np.bincount(labels)
    main = sizes >= max(2, 0.1 * n)
    if not main.any():
        main[np.argmax(sizes)] = True
    body = main[labels]
    if body.sum() < 2 or body.all():
        return xy
    centre = xy[body].mean(axis=0)
    spread = np.maximum(xy[body].std(axis=0), 1e-9)
    unit = (xy - centre) / spread  # so the rim of a wide body is a circle
    rim = float(np.percentile(np.hypot(*unit[body].T), 98))
    count = np.maximum(sizes, 1)
    mid = np.column_stack([np.bincount(labels, unit[:, k], len(sizes)) / count for k in (0, 1)])
    reach = np.zeros(len(sizes))
    np.maximum.at(reach, labels, np.hypot(*(unit - mid[labels]).T))
    anchored = np.bincount(labels, table.fixed, len(sizes)) > 0
    distance = np.hypot(*mid.T)
    target = rim + reach + 0.15
    moves = ~main & ~anchored & (distance > target)
    shift = np.zeros_like(mid)
    shift[moves] = mid[moves] * (target[moves] / distance[moves] - 1.0)[:, None]
    moved: FloatArray = xy + shift[labels] * spread
    return moved
