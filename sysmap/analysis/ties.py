"""The tie graph: a map collapsed to the undirected, weighted, simple graph analysis runs on.

A map can hold several relationships between two stakeholders, in either direction, with any
status. Analysis needs one *tie* per pair of stakeholders who actually work together:

- ``active`` and ``weak`` relationships are ties (and so is any status sysmap does not know,
  since a relationship someone recorded most likely exists); ``missing`` relationships never
  are; ``proposed`` ones are ties only in the to-be scenario.
- A tie's **strength** adds up its relationships' weights (1 when unset), a weak relationship
  counting half, a relationship drawn both ways counting once, extreme weights rescaled:
  see :mod:`.strength`. A relationship of weight 0 is not a tie.
- Direction is otherwise ignored, as are relationships from a stakeholder to itself.

The result is held as numpy arrays (one entry per tie) so the measures can be vectorised; a
networkx or igraph view is built on request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from sysmap.analysis.strength import pair_strength, relationship_strength, sane_strengths
from sysmap.analysis.wording import one_line

if TYPE_CHECKING:
    import igraph

    from sysmap.model.system_map import SystemMap

Scenario = Literal["as-is", "to-be"]
SCENARIOS: tuple[Scenario, ...] = ("as-is", "to-be")
UNSENT = frozenset({"igraph_graph", "two_step"})
"""Caches a pickled TieGraph leaves behind, rebuilt if asked for: an analysis done in a child
process then reaches the window without an igraph Graph (unpickling one imports igraph, and
igraph imports matplotlib: about 60 MB) or ``A²`` (5 MB at 5,000 stakeholders)."""
NEVER_TIES = frozenset({"missing"})
TO_BE_ONLY = frozenset({"proposed"})

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
IntArray = np.ndarray[Any, np.dtype[np.int64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


def is_tie(status: str, scenario: Scenario = "as-is") -> bool:
    """Whether a relationship with this status is a tie in the scenario.

    Examples
    --------
    >>> is_tie("weak"), is_tie("missing"), is_tie("proposed"), is_tie("proposed", "to-be")
    (True, False, False, True)
    """
    if status in NEVER_TIES:
        return False
    return scenario == "to-be" or status not in TO_BE_ONLY


def largest_first(labels: IntArray) -> IntArray:
    """Renumber parts so that 0 is the largest (ties: the part seen first keeps the lower number).

    Examples
    --------
    >>> largest_first(np.array([5, 7, 7, 5, 7])).tolist()
    [1, 0, 0, 1, 0]
    """
    if labels.size == 0:
        return labels
    _, dense = np.unique(labels, return_inverse=True)
    count = int(dense.max()) + 1
    sizes = np.bincount(dense, minlength=count)
    first = np.full(count, labels.size, dtype=np.int64)
    np.minimum.at(first, dense, np.arange(labels.size))
    order = np.lexsort((first, -sizes))
    rank = np.empty(count, dtype=np.int64)
    rank[order] = np.arange(count)
    return np.asarray(rank[dense], dtype=np.int64)


@dataclass(frozen=True, eq=False)
class TieGraph:
    """The undirected weighted simple graph of ties between stakeholders.

    Parameters
    ----------
    nodes : tuple of str
        Stakeholder ids, in canonical order (sorted by id for a map); tie ends are positions
        in this tuple.
    labels : tuple of str
        The name of each stakeholder.
    data : tuple of mapping
        Each stakeholder's attributes (sector, place…), read-only by convention.
    source, target : numpy.ndarray of int
        The two ends of each tie, ``source < target``.
    strength : numpy.ndarray of float
        The strength of each tie (see the module notes).
    relationships : tuple of tuple of str
        The ids of the relationships that make up each tie (for highlighting).
    scenario : {"as-is", "to-be"}
        Which relationships were counted as ties.
    weak : numpy.ndarray of bool
        Whether each tie is made only of weak relationships (exists, but often fails).
    notes : tuple of str
        Sentences on what was done to the strengths (extreme weights rescaled).
    weak_relationships : frozenset of str
        Ids of the relationships recorded as weak (a tie may hold weak and active ones).

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> tg = TieGraph.from_networkx(g)
    >>> tg.n, tg.m, tg.degree.tolist()
    (3, 2, [1, 2, 1])
    """

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    data: tuple[Mapping[str, Any], ...]
    source: IntArray
    target: IntArray
    strength: FloatArray
    relationships: tuple[tuple[str, ...], ...]
    scenario: Scenario = "as-is"
    weak: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    notes: tuple[str, ...] = ()
    weak_relationships: frozenset[str] = frozenset()
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {node: i for i, node in enumerate(self.nodes)})

    def __getstate__(self) -> dict[str, Any]:
        """What a copy sent to another process carries: all but the caches in ``UNSENT``."""
        return {k: v for k, v in self.__dict__.items() if k not in UNSENT}

    # ------------------------------------------------------------------ building
    @classmethod
    def from_map(cls, system_map: SystemMap, scenario: Scenario = "as-is") -> TieGraph:
        """Collapse a map's relationships into ties for ``scenario`` (see :mod:`.strength`)."""
        graph = system_map.network()
        # Canonical order: stakeholders by id, relationships by id. The map's own order is
        # the order of editing (an undone delete puts a stakeholder back at the end), and the
        # analysis must depend on what the map says, never on how it was drawn.
        nodes = tuple(sorted(str(n) for n in graph.nodes))
        index = {node: i for i, node in enumerate(nodes)}
        parts: dict[tuple[int, int], list[Any]] = {}
        weak: set[str] = set()
        directed_by_type: dict[str | None, bool] = {}
        # Relationship ids are unique in a map, so ordering by id alone is the canonical order.
        for key, u, v, data in sorted(system_map.relationship_rows(), key=itemgetter(0)):
            status = data.get("status", "active")
            if u == v or not is_tie(status, scenario):
                continue
            strength = relationship_strength(data)
            if not strength > 0:
                continue
            a, b = index[u], index[v]
            directed = data.get("directed")
            if directed is None:
                relation = data.get("relation")
                if relation not in directed_by_type:
                    directed_by_type[relation] = system_map.default_directed(relation)
                directed = directed_by_type[relation]
            entry = parts.setdefault((min(a, b), max(a, b)), [[], [], True])
            entry[0].append((bool(directed), a < b, data.get("relation"), strength))
            entry[1].append(str(key))
            entry[2] = entry[2] and status == "weak"
            if status == "weak":
                weak.add(str(key))
        pairs = {pair: [pair_strength(e[0]), e[1], e[2]] for pair, e in parts.items()}
        datas = tuple(graph.nodes[n] for n in nodes)
        labels = tuple(str(d.get("label", n)) for n, d in zip(nodes, datas, strict=True))
        tie_graph = cls._from_pairs(nodes, labels, datas, pairs, scenario)
        object.__setattr__(tie_graph, "weak_relationships", frozenset(weak))
        return tie_graph

    @classmethod
    def from_networkx(cls, graph: nx.Graph[Any], weight: str | None = None) -> TieGraph:
        """Treat every edge of a networkx graph as a tie (for published test networks).

        ``weight`` names the edge attribute holding strength (1 when ``None``).
        """
        nodes = tuple(str(n) for n in graph.nodes)
        index = {str(node): i for i, node in enumerate(graph.nodes)}
        pairs: dict[tuple[int, int], list[Any]] = {}
        for u, v, data in graph.edges(data=True):
            if u == v:
                continue
            a, b = index[str(u)], index[str(v)]
            pair = (a, b) if a < b else (b, a)
            strength = 1.0 if weight is None else float(data.get(weight, 1.0))
            entry = pairs.setdefault(pair, [0.0, [], False])
            entry[0] += strength
            entry[1].append(f"{u}-{v}")
        labels = tuple(str(d.get("label", n)) for n, d in graph.nodes(data=True))
        datas = tuple(d for _, d in graph.nodes(data=True))
        return cls._from_pairs(nodes, labels, datas, pairs, "as-is")

    @classmethod
    def _from_pairs(
        cls,
        nodes: tuple[str, ...],
        labels: tuple[str, ...],
        datas: tuple[Mapping[str, Any], ...],
        pairs: dict[tuple[int, int], list[Any]],
        scenario: Scenario,
    ) -> TieGraph:
        ordered = sorted(pairs)
        ends = np.array(ordered, dtype=np.int64).reshape(-1, 2)
        strength, notes = sane_strengths(np.array([pairs[p][0] for p in ordered], dtype=np.float64))
        return cls(
            nodes=nodes,
            labels=labels,
            data=datas,
            source=ends[:, 0].copy(),
            target=ends[:, 1].copy(),
            strength=strength,
            relationships=tuple(tuple(pairs[p][1]) for p in ordered),
            scenario=scenario,
            weak=np.array([pairs[p][2] for p in ordered], dtype=bool),
            notes=tuple(notes),
        )

    # ------------------------------------------------------------------ basic facts
    @property
    def n(self) -> int:
        """Number of stakeholders."""
        return len(self.nodes)

    @property
    def m(self) -> int:
        """Number of ties."""
        return int(self.source.size)

    @cached_property
    def adjacency(self) -> sp.csr_array:
        """The 0/1 adjacency matrix (symmetric, CSR, float)."""
        return self._matrix(np.ones(self.m))

    @cached_property
    def two_step(self) -> sp.csr_array:
        """``A²``: for each pair, how many contacts they share (the diagonal holds degrees)."""
        return sp.csr_array(self.adjacency @ self.adjacency)

    @cached_property
    def triangles(self) -> tuple[IntArray, IntArray, IntArray]:
        """Every triangle once per corner: ``(v, a, c)`` with a–c a tie and v tied to both.

        Examples
        --------
        >>> tg = TieGraph.from_networkx(nx.complete_graph(3))
        >>> [t.tolist() for t in tg.triangles]
        [[1, 2, 0], [0, 0, 1], [2, 1, 2]]
        """
        common = sp.csr_array(self.two_step.multiply(self.adjacency))
        common.eliminate_zeros()
        coo = common.tocoo()
        upper = coo.row < coo.col
        sets = self.neighbour_sets
        corners: list[int] = []
        lefts: list[int] = []
        rights: list[int] = []
        for a, c in zip(coo.row[upper].tolist(), coo.col[upper].tolist(), strict=True):
            shared = sets[a] & sets[c]
            corners.extend(sorted(shared))
            lefts.extend([a] * len(shared))
            rights.extend([c] * len(shared))
        return (
            np.array(corners, dtype=np.int64),
            np.array(lefts, dtype=np.int64),
            np.array(rights, dtype=np.int64),
        )

    @cached_property
    def weighted_adjacency(self) -> sp.csr_array:
        """The adjacency matrix with tie strengths (symmetric, CSR)."""
        return self._matrix(self.strength)

    def _matrix(self, values: FloatArray) -> sp.csr_array:
        rows = np.concatenate([self.source, self.target])
        cols = np.concatenate([self.target, self.source])
        vals = np.concatenate([values, values])
        matrix = sp.csr_array((vals, (rows, cols)), shape=(self.n, self.n))
        matrix.sort_indices()
        return matrix

    @cached_property
    def degree(self) -> IntArray:
        """Number of ties of each stakeholder."""
        return np.bincount(np.concatenate([self.source, self.target]), minlength=self.n).astype(
            np.int64
        )

    @cached_property
    def strength_sum(self) -> FloatArray:
        """Total tie strength of each stakeholder."""
        totals = np.bincount(
            np.concatenate([self.source, self.target]),
            weights=np.concatenate([self.strength, self.strength]),
            minlength=self.n,
        )
        return np.asarray(totals, dtype=np.float64)

    @cached_property
    def display_labels(self) -> tuple[str, ...]:
        """Names to show, each on one line: the label, with the id added where two
        stakeholders share it."""
        labels = [
            one_line(label) or node for label, node in zip(self.labels, self.nodes, strict=True)
        ]
        seen: dict[str, int] = {}
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
        return tuple(
            label if seen[label] == 1 else f"{label} ({node})"
            for label, node in zip(labels, self.nodes, strict=True)
        )

    def neighbours(self, node: int) -> IntArray:
        """Positions of the stakeholders tied to ``node``, in ascending order."""
        adj = self.adjacency
        return np.asarray(adj.indices[adj.indptr[node] : adj.indptr[node + 1]], dtype=np.int64)

    @cached_property
    def neighbour_sets(self) -> list[set[int]]:
        """Each stakeholder's neighbours as a Python set (for set algebra)."""
        adj = self.adjacency
        ptr, idx = adj.indptr, adj.indices.tolist()
        return [set(idx[ptr[i] : ptr[i + 1]]) for i in range(self.n)]

    @cached_property
    def tie_index(self) -> dict[tuple[int, int], int]:
        """Map ``(low, high)`` positions to the tie's row in the arrays."""
        return {
            (int(a), int(b)): i
            for i, (a, b) in enumerate(zip(self.source.tolist(), self.target.tolist(), strict=True))
        }

    def relationships_between(self, a: int, b: int) -> tuple[str, ...]:
        """Ids of the relationships tying positions ``a`` and ``b`` (empty if none)."""
        row = self.tie_index.get((a, b) if a < b else (b, a))
        return () if row is None else self.relationships[row]

    def attribute(self, name: str) -> list[Any]:
        """The value of a stakeholder attribute for each stakeholder (``None`` when unset)."""
        return [d.get(name) for d in self.data]

    # ------------------------------------------------------------------ other views
    @cached_property
    def components(self) -> tuple[int, IntArray]:
        """Number of connected parts and the part of each stakeholder (largest part first)."""
        count, labels = csgraph.connected_components(self.adjacency, directed=False)
        return int(count), largest_first(np.asarray(labels, dtype=np.int64))

    def to_networkx(self, weight: str = "weight") -> nx.Graph[str]:
        """Return the ties as a networkx Graph keyed by stakeholder id."""
        graph: nx.Graph[str] = nx.Graph()
        graph.add_nodes_from(self.nodes)
        nodes = self.nodes
        graph.add_weighted_edges_from(
            (
                (nodes[a], nodes[b], w)
                for a, b, w in zip(
                    self.source.tolist(), self.target.tolist(), self.strength.tolist(), strict=True
                )
            ),
            weight=weight,
        )
        return graph

    @cached_property
    def igraph_graph(self) -> igraph.Graph:
        """The ties as an igraph Graph (vertex i is position i, edge k is tie k)."""
        from sysmap.analysis.igraph_import import load_igraph

        return load_igraph().Graph(
            n=self.n, edges=np.column_stack([self.source, self.target]).tolist(), directed=False
        )

    def subgraph_ids(self, positions: Sequence[int]) -> list[str]:
        """Return the ids of the stakeholders at these positions."""
        return [self.nodes[i] for i in positions]
