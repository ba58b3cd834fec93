"""Single points of failure: articulation points, bridges, local bridges and isolates.

- An **articulation point** is a stakeholder whose departure splits the map (Hopcroft &
  Tarjan 1973): "if Jobcentre Plus leaves, 5 stakeholders lose every route to the rest of the
  system". For each one, ``cut_off`` counts the stakeholders left outside the largest
  remaining part of its component.
- A **bridge** is a tie whose loss splits the map.
- A **local bridge** (Granovetter 1973) is a tie whose two ends share no contact: without it
  the shortest route between them is at least three steps (its **span**). Those that cross a
  group boundary are the weak ties that hold sectors and places together.
- An **isolate** has no ties at all.

The block–cut tree (Harary 1969) built here also answers "which organisations does every
route from A to B run through?": exactly the articulation points on the tree path between
them (used by the citizen's view).

References
----------
Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
manipulation. *Communications of the ACM* 16(6): 372–378.
Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology* 78(6).
Harary, F. (1969). *Graph Theory*. Addison-Wesley, ch. 4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sysmap.analysis.ties import BoolArray, IntArray, TieGraph

NO_NODE = -1


class BlockCutTree:
    """The block–cut tree of a tie graph, rooted once per connected part.

    Tree nodes ``0 … B−1`` are the blocks (maximal pieces with no articulation point), nodes
    ``B …`` the articulation points. Every stakeholder with a tie sits at one tree node: its
    own node if it is an articulation point, else its block.
    """

    def __init__(self, ties: TieGraph) -> None:
        blocks, points = ties.igraph_graph.biconnected_components(return_articulation_points=True)
        self.ties = ties
        self.points: list[int] = sorted(int(p) for p in points)
        block_lists = [list(b) for b in blocks]
        count = len(block_lists)
        self.blocks = block_lists
        point_node = {p: count + i for i, p in enumerate(self.points)}
        size = count + len(self.points)
        self.node_of = np.full(ties.n, NO_NODE, dtype=np.int64)
        self.weight = np.zeros(size, dtype=np.int64)
        self.point_at = np.full(size, NO_NODE, dtype=np.int64)
        adjacency: list[list[int]] = [[] for _ in range(size)]
        for b, members in enumerate(block_lists):
            for v in members:
                if v in point_node:
                    adjacency[b].append(point_node[v])
                    adjacency[point_node[v]].append(b)
                else:
                    self.node_of[v] = b
                    self.weight[b] += 1
        for p, node in point_node.items():
            self.node_of[p] = node
            self.weight[node] = 1
            self.point_at[node] = p
        self._root(adjacency)

    def _root(self, adjacency: list[list[int]]) -> None:
        size = len(adjacency)
        self.parent = np.full(size, NO_NODE, dtype=np.int64)
        self.depth = np.zeros(size, dtype=np.int64)
        self.root = np.full(size, NO_NODE, dtype=np.int64)
        order: list[int] = []
        for start in range(size):
            if self.root[start] != NO_NODE:
                continue
            self.root[start] = start
            stack = [start]
            while stack:
                node = stack.pop()
                order.append(node)
                for nxt in adjacency[node]:
                    if self.root[nxt] == NO_NODE:
                        self.root[nxt] = start
                        self.parent[nxt] = node
                        self.depth[nxt] = self.depth[node] + 1
                        stack.append(nxt)
        self.subtree = self.weight.copy()
        for node in reversed(order):
            if self.parent[node] != NO_NODE:
                self.subtree[self.parent[node]] += self.subtree[node]
        self.children: list[list[int]] = [[] for _ in range(size)]
        for node in order:
            if self.parent[node] != NO_NODE:
                self.children[int(self.parent[node])].append(node)
        # ``order`` is a preorder, so every subtree is a contiguous run of it; sorting the
        # stakeholders by the preorder position of their tree node makes every subtree's
        # stakeholders a contiguous run too.
        self.position = np.empty(size, dtype=np.int64)
        self.position[order] = np.arange(size)
        self.span = np.ones(size, dtype=np.int64)
        for node in reversed(order):
            if self.parent[node] != NO_NODE:
                self.span[self.parent[node]] += self.span[node]
        placed = np.flatnonzero(self.node_of != NO_NODE)
        keys = self.position[self.node_of[placed]]
        sort = np.argsort(keys, kind="stable")
        self._stakeholders = placed[sort]
        self._keys = keys[sort]

    def members(self, node: int) -> IntArray:
        """Stakeholders in the subtree under tree node ``node`` (including its own)."""
        start = int(self.position[node])
        low, high = np.searchsorted(self._keys, [start, start + int(self.span[node])])
        return self._stakeholders[low:high]

    def separators(self, a: int, b: int) -> list[int]:
        """Stakeholders (other than a and b) that every route from a to b passes through.

        Empty when a and b are tied directly, share a block, or cannot reach each other.
        """
        x, y = int(self.node_of[a]), int(self.node_of[b])
        if x in (NO_NODE, y) or y == NO_NODE or self.root[x] != self.root[y]:
            return []
        from_a: list[int] = []
        from_b: list[int] = []
        while x != y:
            if self.depth[x] >= self.depth[y]:
                x = int(self.parent[x])
                from_a.append(x)
            else:
                y = int(self.parent[y])
                from_b.append(y)
        # The climbs end where they meet (both may have recorded it): a's climb, then b's
        # reversed, is the tree path in route order.
        if from_a and from_b and from_a[-1] == from_b[-1]:
            from_b.pop()
        path = from_a + from_b[::-1]
        points = [int(self.point_at[t]) for t in path if self.point_at[t] != NO_NODE]
        return [p for p in points if p not in (a, b)]

    def separated_by(self, point: int) -> IntArray:
        """The stakeholders who lose every route to the largest remaining part if ``point`` goes.

        Removing an articulation point leaves one piece per child subtree and one on the
        parent's side; everyone outside the largest piece is cut off.
        """
        node = int(self.node_of[point])
        root = int(self.root[node])
        total = int(self.subtree[root])
        children = self.children[node]
        parent_side = total - int(self.subtree[node])
        sizes = [int(self.subtree[c]) for c in children]
        if not sizes or parent_side >= max(sizes):
            inside = self.members(node)
            return np.asarray(inside[inside != point], dtype=np.int64)
        largest = children[int(np.argmax(sizes))]
        everyone = self.members(root)
        keep = np.isin(everyone, self.members(largest), invert=True) & (everyone != point)
        return np.asarray(everyone[keep], dtype=np.int64)


@dataclass(frozen=True)
class PointOfFailure:
    """An articulation point and the stakeholders its loss would separate."""

    node: int
    cut_off: int
    separated: tuple[int, ...]


def points_of_failure(ties: TieGraph, tree: BlockCutTree) -> list[PointOfFailure]:
    """Every articulation point with the stakeholders it would separate, worst first.

    Examples
    --------
    >>> import networkx as nx
    >>> tg = TieGraph.from_networkx(nx.karate_club_graph())
    >>> [(p.node, p.cut_off, p.separated) for p in points_of_failure(tg, BlockCutTree(tg))]
    [(0, 6, (4, 5, 6, 10, 11, 16))]
    """
    found = []
    for point in tree.points:
        separated = sorted(tree.separated_by(point).tolist())
        found.append(PointOfFailure(point, len(separated), tuple(separated)))
    return sorted(found, key=lambda p: (-p.cut_off, p.node))


def bridges(ties: TieGraph) -> list[int]:
    """Rows of the ties whose loss would split the map (ties index = igraph edge index)."""
    return sorted(int(e) for e in ties.igraph_graph.bridges())


def shared_contacts(ties: TieGraph) -> IntArray:
    """How many contacts the two ends of each tie share (0 for a local bridge)."""
    if ties.m == 0:
        return np.zeros(0, dtype=np.int64)
    values = ties.two_step[ties.source, ties.target]
    dense = values.toarray() if sp.issparse(values) else values
    return np.asarray(np.rint(np.asarray(dense)).ravel(), dtype=np.int64)


def local_bridges(
    ties: TieGraph, crossing: BoolArray, exclude: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """Local bridges among the ties flagged in ``crossing``, with their span, widest first.

    Returns ``(row, span)`` pairs; ties in ``exclude`` (true bridges) are left out.

    Examples
    --------
    >>> import networkx as nx
    >>> tg = TieGraph.from_networkx(nx.cycle_graph(5))
    >>> local_bridges(tg, np.ones(5, bool))[:2]
    [(0, 4), (1, 4)]
    """
    keep = (shared_contacts(ties) == 0) & crossing
    keep[list(exclude)] = False
    candidates = np.flatnonzero(keep)
    spans = np.zeros(candidates.size, dtype=np.int64)
    if candidates.size:
        spans[:] = _short_spans(ties, candidates)
    sets = ties.neighbour_sets
    for k in np.flatnonzero(spans == 0).tolist():
        row = int(candidates[k])
        spans[k] = _span(sets, int(ties.source[row]), int(ties.target[row]))
    order = np.lexsort((candidates, -spans))
    return [(int(candidates[k]), int(spans[k])) for k in order]


def _short_spans(ties: TieGraph, rows: IntArray) -> IntArray:
    """Span 3 or 4 of local bridges, read from walk counts; 0 where the span is longer.

    For a tie a–b whose ends share no contact, the walks that avoid the tie number
    ``(A³)_ab − k_a − k_b + 1`` of length 3 (the walks a–x–a–b and a–b–y–b use the tie, and
    a–b–a–b is counted twice) and ``(A⁴)_ab − (A³)_aa − (A³)_bb`` of length 4 (the walks
    that start or end with the tie); any such walk is a route, so the span is the first
    length with one.
    """
    adjacency, two_step = ties.adjacency, ties.two_step
    a, b = ties.source[rows], ties.target[rows]
    degree = ties.degree
    closed = np.asarray(two_step.multiply(adjacency).sum(axis=1)).ravel()  # (A³)_vv
    three = np.asarray(two_step[a].multiply(adjacency[b]).sum(axis=1)).ravel()
    four = np.asarray(two_step[a].multiply(two_step[b]).sum(axis=1)).ravel()
    spans = np.zeros(rows.size, dtype=np.int64)
    spans[four - closed[a] - closed[b] > 0.5] = 4
    spans[three - degree[a] - degree[b] + 1 > 0.5] = 3
    return spans


def _span(sets: list[set[int]], a: int, b: int) -> int:
    """Shortest route from a to b without their own tie (bidirectional breadth-first).

    Each side keeps its levels (sets of positions by distance) and grows the smaller
    frontier by one level; the first level that touches the other side's ball gives the
    span. A few thousand ties of a 5,000-stakeholder map need this, so each level is one
    set union over the frontier rather than a union per stakeholder.
    """
    levels = ([{a}], [{b}])
    seen = ({a}, {b})
    while True:
        side = 0 if len(levels[0][-1]) <= len(levels[1][-1]) else 1
        if len(levels[side]) == 1:  # the first step leaves the tie itself out
            new = sets[a] - {b} if side == 0 else sets[b] - {a}
        else:
            new = set().union(*[sets[x] for x in levels[side][-1]])
            new -= seen[side]
        if not new:
            return -1  # no other route: a true bridge
        if not new.isdisjoint(seen[1 - side]):
            there = next(j for j, level in enumerate(levels[1 - side]) if not new.isdisjoint(level))
            return len(levels[side]) + there
        seen[side].update(new)
        levels[side].append(new)


def isolates(ties: TieGraph) -> list[int]:
    """Positions of stakeholders with no ties."""
    return np.flatnonzero(ties.degree == 0).tolist()
