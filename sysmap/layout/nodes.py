"""The map as arrays: what every layout reads before it starts.

Layouts work on numpy arrays, not on the networkx graph: stakeholders are numbered 0…n-1 in
order of id (never the order they were added), each with the size of the box it is drawn in,
and relationships become one row per linked pair. Reading the graph once, up front, also
means a layout running off the GUI thread touches the map only in its first few milliseconds.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from sysmap.model.style import estimate_box, shape_for

Position = tuple[float, float]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MARGIN = 36.0
"""The clear space, in scene pixels, kept between two stakeholders' boxes (room for lines)."""

# estimate_box gives the box round a label. The canvas draws individuals as ellipses and
# groups as hexagons, which need more room than a rectangle round the same text: an ellipse
# that holds three lines is about a quarter wider, a hexagon adds its pointed ends.
_ELLIPSE_WIDEN = 1.25
_ELLIPSE_TALLER = 6.0
_HEXAGON_POINTS = 0.45


def box_size(label: str, kind: str | None = None) -> tuple[float, float]:
    """Return the width and height a stakeholder's shape takes on the canvas (estimated).

    Examples
    --------
    >>> box_size("GMCA")
    (90.0, 35.0)
    >>> box_size("GMCA", "group")
    (105.75, 35.0)
    """
    width, height = estimate_box(label)
    shape = shape_for(kind)
    if shape == "ellipse":
        return width * _ELLIPSE_WIDEN, height + _ELLIPSE_TALLER
    if shape == "hexagon":
        return width + _HEXAGON_POINTS * height, height
    return width, height


@dataclass(frozen=True)
class NodeTable:
    """Stakeholders as arrays, in a fixed order.

    Attributes
    ----------
    ids : list
        Stakeholder ids; row ``i`` of every array belongs to ``ids[i]``.
    width, height : ndarray
        The drawn box of each stakeholder, in scene pixels.
    fixed : ndarray of bool
        Stakeholders that must not move (pinned, or already placed).
    start : ndarray, shape (n, 2)
        Positions of the fixed stakeholders (other rows are 0).
    edges : ndarray of int, shape (m, 2)
        Each linked pair once, ``i < j``, without self-loops.
    data : list of dict
        Each stakeholder's stored fields (sector, place, influence…), read-only.
    lines : ndarray of int, shape (k, 2)
        Each pair the canvas draws a line between, once, ``i < j``, whatever the status
        (``edges`` may leave some statuses out), without self-loops.
    parallel : ndarray of int, shape (k,)
        How many relationships each of ``lines`` stands for (they are drawn bowed apart).
    ellipse : ndarray of bool
        Stakeholders drawn as ellipses (the others as boxes).
    """

    ids: list[Hashable]
    width: FloatArray
    height: FloatArray
    fixed: BoolArray
    start: FloatArray
    edges: IntArray
    data: list[Mapping[str, Any]]
    lines: IntArray
    parallel: IntArray
    ellipse: BoolArray

    @property
    def count(self) -> int:
        """How many stakeholders there are."""
        return len(self.ids)

    def positions(self, xy: FloatArray) -> dict[Hashable, Position]:
        """Return ``{id: (x, y)}`` from an ``(n, 2)`` array, fixed ones exactly as given."""
        xy = np.where(self.fixed[:, None], self.start, xy)
        return {
            node: (float(x), float(y)) for node, (x, y) in zip(self.ids, xy.tolist(), strict=True)
        }


def node_table(
    graph: nx.Graph,
    fixed: Mapping[Any, Position] | None = None,
    skip_statuses: Iterable[str] = (),
) -> NodeTable:
    """Read a map's graph (any networkx graph) into a :class:`NodeTable`.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes may carry ``label`` and ``kind``; an unlabelled node is sized by its id.
    fixed : mapping, optional
        ``{id: (x, y)}`` of stakeholders that must stay where they are.
    skip_statuses : iterable of str
        Relationship statuses that do not count as ties here (``missing``, ``proposed``).

    Examples
    --------
    >>> table = node_table(nx.path_graph(3), fixed={0: (5.0, 6.0)})
    >>> table.count, table.edges.tolist(), table.fixed.tolist()
    (3, [[0, 1], [1, 2]], [True, False, False])
    """
    fixed = fixed or {}
    # Canonical order (by id), so a layout depends on the map's content, never on the order
    # stakeholders were added: an undone delete puts one back at the end of the graph.
    ids = sorted(graph.nodes, key=_id_key)
    data = [graph.nodes[node] for node in ids]
    index = {node: i for i, node in enumerate(ids)}
    sizes: dict[tuple[str, str | None], tuple[float, float]] = {}  # maps repeat names
    boxes = np.empty((len(ids), 2))
    start = np.zeros((len(ids), 2))
    is_fixed = np.zeros(len(ids), dtype=bool)
    ellipse = np.zeros(len(ids), dtype=bool)
    for i, (node, attrs) in enumerate(zip(ids, data, strict=True)):
        key = (str(attrs.get("label", node)), attrs.get("kind"))
        if key not in sizes:
            sizes[key] = box_size(*key)
        boxes[i] = sizes[key]
        ellipse[i] = shape_for(key[1]) == "ellipse"
        if node in fixed:
            is_fixed[i] = True
            start[i] = fixed[node]
    lines, parallel = drawn_lines(graph, index)
    return NodeTable(
        ids=ids,
        width=boxes[:, 0].copy(),
        height=boxes[:, 1].copy(),
        fixed=is_fixed,
        start=start,
        edges=_edge_pairs(graph, index, frozenset(skip_statuses)),
        data=data,
        lines=lines,
        parallel=parallel,
        ellipse=ellipse,
    )


def _id_key(node: Hashable) -> tuple[str, str]:
    return (type(node).__name__, str(node))


def drawn_lines(graph: nx.Graph, index: Mapping[Hashable, int]) -> tuple[IntArray, IntArray]:
    """Each pair of stakeholders joined by a drawn line, once, and how many relationships
    it stands for (every status is drawn; self-loops are drawn round their stakeholder).

    Examples
    --------
    >>> g = nx.MultiDiGraph([(0, 1), (1, 0), (1, 2), (2, 2)])
    >>> pairs, counts = drawn_lines(g, {0: 0, 1: 1, 2: 2})
    >>> pairs.tolist(), counts.tolist()
    ([[0, 1], [1, 2]], [2, 1])
    """
    ends = [(index[u], index[v]) for u, v in graph.edges() if u != v]
    if not ends:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    pairs, counts = np.unique(
        np.sort(np.asarray(ends, dtype=np.int64), axis=1), axis=0, return_counts=True
    )
    return pairs, counts.astype(np.int64)


def _edge_pairs(graph: nx.Graph, index: Mapping[Hashable, int], skip: frozenset[str]) -> IntArray:
    if skip:
        ends = [
            (index[u], index[v])
            for u, v, status in graph.edges(data="status", default="active")
            if status not in skip
        ]
    else:
        ends = [(index[u], index[v]) for u, v in graph.edges()]
    if not ends:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.sort(np.asarray(ends, dtype=np.int64), axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0)
