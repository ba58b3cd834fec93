"""Starting with the citizen: how far each service sits from the people it exists for.

For each **citizen** (a stakeholder in the citizens & communities sector, or tagged
``citizen``) and each **service** (a stakeholder in local public services, the private sector
or the third sector; a central-government body working at local or regional level, such as a
jobcentre; or any stakeholder tagged ``service``; never one tagged ``not-service``):

- the shortest route over ties, its number of **steps**, and the organisations on it;
- **boundary crossings** along it: how often the route changes sector, and place. Among all
  shortest routes the one with the fewest sector crossings (then fewest place crossings) is
  reported, found by Dijkstra's algorithm on lengths ``K + n·(sector change) + (place
  change)`` with ``K > n²``, which orders routes by steps, then sector, then place crossings;
- services the citizen **cannot reach** at all;
- services reachable **only through one organisation**: the stakeholders every route passes
  through, which are exactly the articulation points on the block–cut tree path between the
  two (the same answer as ``networkx.minimum_node_cut`` when that cut has one member).

"To reach drug treatment, a prison leaver goes through 3 organisations and crosses 2 sector
boundaries; every route runs through the Community Offender Manager."

References
----------
Dijkstra, E. W. (1959). A note on two problems in connexion with graphs. *Numerische
Mathematik* 1: 269–271. Menger, K. (1927). Zur allgemeinen Kurventheorie. *Fund. Math.* 10.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from sysmap.analysis.grouping import value_text
from sysmap.analysis.resilience import NO_NODE, BlockCutTree
from sysmap.analysis.ties import FloatArray, IntArray, TieGraph
from sysmap.model.progress import Progress
from sysmap.model.vocab import CITIZEN_SECTOR

SERVICE_SECTORS = frozenset({"local_public_services", "private", "third_sector"})
LOCAL_LEVELS = frozenset({"local", "regional"})
UNREACHABLE = -1
Table = np.ndarray[Any, np.dtype[np.signedinteger[Any]]]
"""A citizens × services (or × stakeholders) table of small whole numbers (see
:func:`table_type`)."""
CITIZEN_WORK = 320_000
"""Routes are found from ``CITIZEN_WORK / stakeholders`` citizens per call (64 at 5,000): the
memory for distances stays small, and between calls (a tenth of a second or less) the
interpreter can repaint a window and stop the work if asked."""


def table_type(n: int) -> type[np.signedinteger[Any]]:
    """The smallest integer type for the route tables of a map of ``n`` stakeholders.

    Every entry is a stakeholder's position, a count of steps, crossings or services (all
    below ``n``), -1, or scipy's -9999 for "no predecessor"; so below 32,768 stakeholders 16
    bits hold them all, which halves the tables (58 → 29 MB for 5,000 stakeholders).

    Examples
    --------
    >>> table_type(5_000).__name__, table_type(40_000).__name__
    ('int16', 'int32')
    """
    return np.int16 if n <= np.iinfo(np.int16).max else np.int32


def is_citizen(data: Mapping[str, object]) -> bool:
    """Whether a stakeholder speaks for citizens (by sector or a ``citizen`` tag).

    Examples
    --------
    >>> is_citizen({"sector": "citizens"}), is_citizen({"sector": "private", "tags": ("citizen",)})
    (True, True)
    """
    tags = data.get("tags") or ()
    return data.get("sector") == CITIZEN_SECTOR or "citizen" in tags  # type: ignore[operator]


def is_service(data: Mapping[str, object]) -> bool:
    """Whether a stakeholder is a service a citizen might need to reach.

    Examples
    --------
    >>> is_service({"sector": "third_sector"}), is_service({"sector": "independent"})
    (True, False)
    >>> is_service({"sector": "central_government", "place_level": "local"})
    True
    """
    tags = data.get("tags") or ()
    if "not-service" in tags or is_citizen(data):  # type: ignore[operator]
        return False
    sector = data.get("sector")
    if "service" in tags or sector in SERVICE_SECTORS:  # type: ignore[operator]
        return True
    return sector == "central_government" and data.get("place_level") in LOCAL_LEVELS


@dataclass(frozen=True, eq=False)
class CitizenView:
    """Routes from every citizen to every service.

    Attributes
    ----------
    citizens, services : numpy.ndarray
        Positions of the citizens (rows) and services (columns).
    steps : numpy.ndarray
        ``citizens × services`` number of ties on the shortest route (-1: unreachable).
    sector_crossings, place_crossings : numpy.ndarray
        Boundary crossings on the reported route (-1: unreachable).
    """

    ties: TieGraph
    citizens: IntArray
    services: IntArray
    steps: Table
    sector_crossings: Table
    place_crossings: Table
    predecessors: Table
    tree: BlockCutTree
    node_steps: Table = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int16))

    def route(self, row: int, column: int) -> list[int]:
        """Positions along the reported route from citizen ``row`` to service ``column``."""
        target = int(self.services[column])
        if self.steps[row, column] < 0:
            return []
        path = [target]
        parents = self.predecessors[row]
        while parents[path[-1]] >= 0:
            path.append(int(parents[path[-1]]))
        return path[::-1]

    def only_through(self, row: int, column: int) -> tuple[int, ...]:
        """Stakeholders every route from citizen ``row`` to service ``column`` runs through."""
        return self.single_points.get((row, column), ())

    @cached_property
    def route_counts(self) -> Table:
        """``citizens × stakeholders``: how many reported routes to services pass through each.

        Routes form one shortest-path tree per citizen, so the count at a stakeholder is the
        number of services in its subtree, summed from the farthest level inwards.
        """
        shape = self.node_steps.shape
        counts = np.zeros(shape, dtype=table_type(self.ties.n))  # at most every service
        if counts.size == 0:
            return counts
        counts[:, self.services] = self.steps >= 0
        flat = counts.ravel()
        levels = self.node_steps.ravel()
        width = shape[1]
        above = self.predecessors.ravel()
        # Farthest level first, each level one pass (a stakeholder's parent is a level
        # nearer): cheaper than sorting the whole table by level, and the sums are whole
        # numbers, so the order of adding within a level cannot change them.
        for level in range(int(levels.max()), 0, -1):
            entries = np.flatnonzero(levels == level)
            np.add.at(flat, entries - entries % width + above[entries], flat[entries])
        return counts

    def routes_over(self, ties: IntArray) -> IntArray:
        """How many reported citizen → service routes run over each of these ties."""
        if self.node_steps.size == 0 or ties.size == 0:
            return np.zeros(ties.size, dtype=np.int64)
        a, b = self.ties.source[ties], self.ties.target[ties]
        parents, counts = self.predecessors, self.route_counts
        down_a = (parents[:, a] == b[None, :]) * counts[:, a]
        down_b = (parents[:, b] == a[None, :]) * counts[:, b]
        return np.asarray((down_a + down_b).sum(axis=0), dtype=np.int64)

    def weak_steps(self, route: list[int]) -> int:
        """How many of the ties along a route are weak."""
        weak = self._weak_pairs
        return sum((p, q) in weak for p, q in pairwise(route))

    @cached_property
    def _weak_pairs(self) -> frozenset[tuple[int, int]]:
        """Both ends of every weak tie, either way round (thousands of routes ask)."""
        rows = np.flatnonzero(self.ties.weak)
        a, b = self.ties.source[rows].tolist(), self.ties.target[rows].tolist()
        return frozenset([*zip(a, b, strict=True), *zip(b, a, strict=True)])

    @cached_property
    def single_points(self) -> dict[tuple[int, int], tuple[int, ...]]:
        """``(row, column) → separators`` for every pair that has any."""
        tree = self.tree
        node_of = tree.node_of
        # Compared as a citizens × services table (a row of block-tree nodes against a
        # column), not gathered pair by pair: millions of pairs on a big map.
        c_nodes = node_of[self.citizens][:, None]
        s_nodes = node_of[self.services][None, :]
        differ = (c_nodes != s_nodes) & (c_nodes != NO_NODE) & (s_nodes != NO_NODE)
        rows, cols = np.nonzero(differ & (self.steps >= 2))
        found: dict[tuple[int, int], tuple[int, ...]] = {}
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            separators = tree.separators(int(self.citizens[r]), int(self.services[c]))
            if separators:
                found[(r, c)] = tuple(separators)
        return found


def citizen_view(
    ties: TieGraph,
    tree: BlockCutTree | None = None,
    progress: Progress | None = None,
) -> CitizenView:
    """Compute routes from every citizen to every service.

    ``progress`` (:mod:`sysmap.model.progress`) hears as batches of citizens are done, and
    stops the work when the user cancels. Tables are the narrowest integers that hold them
    (:func:`table_type`): a 10,000-stakeholder map has a thousand citizens, and each table
    has a row per citizen and a column per stakeholder or service. Arithmetic on them should
    widen them first.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("me", "gp"), ("gp", "clinic"), ("clinic", "ward")])
    >>> sectors = {"me": "citizens", "gp": "local_public_services",
    ...            "clinic": "third_sector", "ward": "local_public_services"}
    >>> nx.set_node_attributes(g, sectors, "sector")
    >>> view = citizen_view(TieGraph.from_networkx(g))
    >>> view.steps.tolist(), view.sector_crossings.tolist()
    ([[1, 2, 3]], [[1, 2, 3]])
    >>> [view.ties.nodes[i] for i in view.only_through(0, 2)]
    ['gp', 'clinic']
    """
    tree = tree or BlockCutTree(ties)
    citizens = np.array([i for i, d in enumerate(ties.data) if is_citizen(d)], dtype=np.int64)
    services = np.array([i for i, d in enumerate(ties.data) if is_service(d)], dtype=np.int64)
    shape = (citizens.size, services.size)
    small = table_type(ties.n)
    if citizens.size == 0 or services.size == 0 or ties.m == 0:
        empty = np.full(shape, UNREACHABLE, dtype=small)
        preds = np.full((citizens.size, ties.n), -1, dtype=small)
        return CitizenView(ties, citizens, services, empty, empty.copy(), empty.copy(), preds, tree)
    n = ties.n
    sector_change = _changes(ties, "sector")
    place_change = _changes(ties, "place")
    step_unit = float(n) * float(n) + 1.0
    lengths = step_unit + n * sector_change + place_change
    graph = sp.csr_array(
        (
            np.concatenate([lengths, lengths]),
            (
                np.concatenate([ties.source, ties.target]),
                np.concatenate([ties.target, ties.source]),
            ),
        ),
        shape=(n, n),
    )
    steps = np.empty(shape, dtype=small)
    sector = np.empty(shape, dtype=small)
    place = np.empty(shape, dtype=small)
    predecessors = np.empty((citizens.size, n), dtype=small)
    node_steps = np.empty((citizens.size, n), dtype=small)
    steps_unit = int(step_unit)
    batch = max(8, CITIZEN_WORK // n)
    for start in range(0, citizens.size, batch):
        rows = slice(start, start + batch)
        distances, parents = csgraph.dijkstra(
            graph, directed=True, indices=citizens[rows], return_predecessors=True
        )
        predecessors[rows] = parents
        finite = np.isfinite(distances)
        node_steps[rows] = np.where(finite, np.where(finite, distances, 0) // step_unit, -1)
        found = distances[:, services]
        reachable = np.isfinite(found)
        exact = np.where(reachable, found, 0).astype(np.int64)
        hops = exact // steps_unit
        rest = exact - hops * steps_unit
        crossed = rest // n
        steps[rows] = np.where(reachable, hops, UNREACHABLE)
        sector[rows] = np.where(reachable, crossed, UNREACHABLE)
        place[rows] = np.where(reachable, rest - crossed * n, UNREACHABLE)
        if progress is not None:
            progress.report(min(1.0, (start + batch) / citizens.size))
    return CitizenView(
        ties, citizens, services, steps, sector, place, predecessors, tree, node_steps
    )


def _changes(ties: TieGraph, attribute: str) -> FloatArray:
    """1.0 for each tie whose ends have different (set) values of ``attribute``, else 0.0."""
    values = [value_text(v) for v in ties.attribute(attribute)]
    codes = {v: i for i, v in enumerate(sorted({v for v in values if v is not None}))}
    coded = np.array([-1 if v is None else codes[v] for v in values], dtype=np.int64)
    a, b = coded[ties.source], coded[ties.target]
    return np.asarray((a >= 0) & (b >= 0) & (a != b), dtype=np.float64)
