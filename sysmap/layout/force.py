"""Force-directed layout (Fruchterman & Reingold 1991)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx

Position = tuple[float, float]
NODE_SPACING = 160.0


def force_directed(
    graph: nx.Graph, fixed: Mapping[str, Position] | None = None, seed: int = 1
) -> dict[str, Position]:
    """Place stakeholders so that related ones sit together and others spread out.

    Parameters
    ----------
    graph : networkx.Graph
        Any networkx graph of the map (direction and parallel edges are ignored).
    fixed : mapping, optional
        Stakeholders that must stay where they are, with their positions.
    seed : int
        Seed for the starting positions: the same map gives the same picture.

    Returns
    -------
    dict
        ``{id: (x, y)}`` for every node, in scene coordinates.

    Examples
    --------
    >>> pos = force_directed(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    fixed = dict(fixed or {})
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    scale = NODE_SPACING * math.sqrt(n) / 2
    simple = nx.Graph(graph.to_undirected(as_view=True))
    simple.remove_edges_from(nx.selfloop_edges(simple))
    start = {node: (x / scale, y / scale) for node, (x, y) in fixed.items() if node in simple}
    pos = nx.spring_layout(
        simple,
        pos=start or None,
        fixed=list(start) or None,
        seed=seed,
        k=2.0 / math.sqrt(n),
        iterations=100,
    )
    result: dict[str, Position] = {}
    for node, (x, y) in pos.items():
        result[node] = fixed.get(node, (float(x) * scale, float(y) * scale))
    return result
