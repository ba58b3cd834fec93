"""Brokers' centrality: who sits between others (betweenness) and who bridges structural
holes (Burt). Their Gould–Fernandez roles are in :mod:`.brokerage`.

- **Betweenness** (Freeman 1977), exact, by Brandes' algorithm (2001) in igraph's C code.
  Stronger ties are shorter: a tie's length is 1 / strength. Values are normalised as
  networkx does for undirected graphs (divided by (n − 1)(n − 2) / 2), so 0.5 means half of
  all shortest routes between other pairs of stakeholders pass through this one. Above
  :data:`SAMPLE_ABOVE` stakeholders it is estimated from :data:`PIVOTS` starting points
  chosen at random (Brandes & Pich 2007), with a standard error from the spread between
  :data:`PIVOT_GROUPS` equal groups of them (:func:`broker_betweenness`).
- **Constraint** (Burt 1992): how far a stakeholder's contacts are tied to each other; low
  constraint means its contacts would not otherwise meet (a broker). ``c_i = Σ_j (p_ij +
  Σ_q p_iq·p_qj)²`` with ``p_ij`` the share of i's tie strength that goes to j.
- **Effective size** (Burt 1992; Borgatti 1997): the number of contacts, less their
  redundancy; without weights it is ``n − 2t/n`` (t ties among the n contacts).

Both Burt measures equal ``networkx.constraint`` / ``networkx.effective_size`` with
``weight="weight"`` (NaN for a stakeholder without ties), computed here with sparse matrices.

References
----------
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. *Sociometry*
40(1): 35–41.
Brandes, U. (2001). A faster algorithm for betweenness centrality. *J. Math. Sociol.* 25(2).
Brandes, U., & Pich, C. (2007). Centrality estimation in large networks. *Int. J. Bifurcation
and Chaos* 17(7): 2303–2318.
Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
*Connections* 20(1): 35–38.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from sysmap.analysis.ties import FloatArray, IntArray, TieGraph
from sysmap.model.progress import Progress

if TYPE_CHECKING:
    import igraph

_MAX_UNIT_DIVISOR = 12
_EXACT = 1e-9
SOURCES_AT_ONCE = 1500
"""Above this many stakeholders, routes are counted from a batch of starting points at a time.

igraph holds Python's interpreter lock for the whole of one call, which at 5,000
stakeholders is four seconds in which a window cannot repaint; in batches of about a tenth
of a second it lets go in between, reports progress and can be stopped. Maps this size or
smaller are counted in one call, as before; for bigger ones the sum is added up batch by
batch, which can differ from one call's in the last of sixteen digits."""
WORK_PER_BATCH = 3_000_000
"""Starting points × (points + links) per batch: about a tenth of a second here."""
SAMPLE_ABOVE = 10_000
"""Above this many stakeholders, betweenness is estimated from :data:`PIVOTS` starting points.

Exact betweenness counts routes from every stakeholder, which grows with the square of the
map's size: a few seconds of processor time at 5,000 stakeholders here, and more than the
three minutes a whole analysis may take at 20,000 (issue 17)."""
PIVOTS = 1000
"""Starting points of an estimate: its time is that of 1,000 shortest-route searches."""
PIVOT_GROUPS = 10
"""Equal groups of starting points whose separate estimates give the standard error."""


@dataclass(frozen=True)
class Sample:
    """How betweenness was estimated on a big map (Brandes & Pich 2007).

    Parameters
    ----------
    pivots : int
        Starting points the routes were counted from, chosen at random.
    stakeholders : int
        Stakeholders on the map.
    seed : int
        Seed of the random choice: same map and seed, same estimate.
    groups : int
        Equal groups of pivots whose separate estimates give the standard error.
    standard_error : FloatArray
        Each stakeholder's standard error, from the spread between the estimates of
        :data:`PIVOT_GROUPS` equal groups of pivots (same scale as the values).
    """

    pivots: int
    stakeholders: int
    seed: int
    groups: int
    standard_error: FloatArray


def broker_betweenness(
    ties: TieGraph, seed: int, progress: Progress | None = None
) -> tuple[FloatArray, Sample | None]:
    """Betweenness for the brokers' section: exact, or estimated on a big map.

    Up to :data:`SAMPLE_ABOVE` stakeholders this is :func:`betweenness` (and ``None``).
    Above, routes are counted from :data:`PIVOTS` stakeholders chosen at random with
    ``seed`` and scaled up by ``n / pivots``, an unbiased estimate of the exact value
    (Brandes & Pich 2007); the :class:`Sample` says how, with each value's standard error.

    Examples
    --------
    >>> import networkx as nx
    >>> values, sample = broker_betweenness(TieGraph.from_networkx(nx.path_graph(5)), seed=1)
    >>> values.round(3).tolist(), sample
    ([0.0, 0.5, 0.667, 0.5, 0.0], None)
    """
    n = ties.n
    if n <= SAMPLE_ABOVE:
        return betweenness(ties, progress=progress), None
    pivots = np.random.default_rng(seed).choice(n, size=min(PIVOTS, n), replace=False)
    groups = [g for g in np.array_split(pivots, PIVOT_GROUPS) if g.size]
    lengths = 1.0 / ties.strength
    scale = 2.0 / ((n - 1) * (n - 2))
    estimates = []
    for number, group in enumerate(groups):
        part = None
        if progress is not None:
            part = progress.part(number / len(groups), (number + 1) / len(groups))
        raw = _raw_betweenness(ties, lengths, part, sources=group.tolist())
        estimates.append(raw * scale * n / group.size)
    table = np.array(estimates)
    sizes = np.array([g.size for g in groups], dtype=np.float64)
    values = np.average(table, axis=0, weights=sizes)
    error = table.std(axis=0, ddof=1) / np.sqrt(len(groups))
    return values, Sample(int(pivots.size), n, seed, len(groups), error)


def betweenness(
    ties: TieGraph, weighted: bool = True, progress: Progress | None = None
) -> FloatArray:
    """Exact betweenness of every stakeholder, normalised as networkx does.

    With ``weighted``, a tie's length is 1 / strength. When every length is a whole multiple
    of a common unit (the usual case: active ties 1, weak ties 2), each tie is cut into unit
    steps and the count runs breadth-first, which is exact and about twice as fast as
    Dijkstra; otherwise Dijkstra is used. ``progress.report(fraction)`` is called between batches of
    starting points on big maps (see :data:`SOURCES_AT_ONCE`); an exception it raises stops
    the count.

    Examples
    --------
    >>> import networkx as nx
    >>> kite = TieGraph.from_networkx(nx.krackhardt_kite_graph())
    >>> round(float(betweenness(kite)[7]), 3)  # Heather, Krackhardt (1990)
    0.389
    """
    n = ties.n
    if n <= 2 or ties.m == 0:
        return np.zeros(n)
    lengths = 1.0 / ties.strength
    raw = _raw_betweenness(ties, lengths if weighted else np.ones(ties.m), progress)
    return raw * 2.0 / ((n - 1) * (n - 2))


def _raw_betweenness(
    ties: TieGraph,
    lengths: FloatArray,
    progress: Progress | None = None,
    sources: list[int] | None = None,
) -> FloatArray:
    """Route counts through each stakeholder: over every pair, or from ``sources`` only."""
    graph = ties.igraph_graph
    real = range(ties.n)
    whole = sources is None and ties.n <= SOURCES_AT_ONCE
    if np.allclose(lengths, lengths[0], rtol=0, atol=_EXACT * lengths[0]):
        if whole:
            return np.asarray(graph.betweenness(directed=False), dtype=np.float64)
        return _in_batches(graph, real, progress, sources=sources)
    steps = _unit_steps(lengths)
    if steps is not None and int(steps.sum()) - ties.m <= max(ties.n, ties.m):
        return _subdivided_betweenness(ties, steps, progress, sources)
    weights = lengths.tolist()
    if whole:
        return np.asarray(graph.betweenness(directed=False, weights=weights), dtype=np.float64)
    return _in_batches(graph, real, progress, weights, sources)


def _in_batches(
    graph: igraph.Graph,
    real: range,
    progress: Progress | None,
    weights: list[float] | None = None,
    sources: list[int] | None = None,
) -> FloatArray:
    """Betweenness of the vertices ``real`` over routes from ``sources`` (all of ``real``).

    For an undirected graph, the count from sources S to targets T covers each pair once, so
    batches of sources that together make up ``real`` add up to the whole count; from some
    sources only, it is the count over pairs that start there (half each, as for a pair).
    """
    starts = real if sources is None else sources
    total = np.zeros(len(real))
    batch = max(16, WORK_PER_BATCH // (graph.vcount() + graph.ecount()))
    for start in range(0, len(starts), batch):
        chunk = starts[start : start + batch]
        part = graph.betweenness(
            vertices=real, directed=False, weights=weights, sources=chunk, targets=real
        )
        total += np.asarray(part, dtype=np.float64)
        if progress is not None:
            progress.report(min(1.0, (start + len(chunk)) / len(starts)))
    return total


def _unit_steps(lengths: FloatArray) -> IntArray | None:
    """Whole numbers of a common unit that make up each length, if there is such a unit."""
    base = float(lengths.min())
    for divisor in range(1, _MAX_UNIT_DIVISOR + 1):
        scaled = lengths / base * divisor
        rounded = np.rint(scaled)
        if np.all(np.abs(scaled - rounded) <= _EXACT * scaled):
            return rounded.astype(np.int64)
    return None


def _subdivided_betweenness(
    ties: TieGraph,
    steps: IntArray,
    progress: Progress | None = None,
    sources: list[int] | None = None,
) -> FloatArray:
    """Betweenness with each tie cut into ``steps`` unit edges, counted over real stakeholders.

    A tie cut into k steps is the only route between its ends through its k − 1 new points,
    so shortest routes and their counts between stakeholders are unchanged.
    """
    n = ties.n
    edges: list[tuple[int, int]] = []
    extra = n
    for a, b, k in zip(ties.source.tolist(), ties.target.tolist(), steps.tolist(), strict=True):
        if k == 1:
            edges.append((a, b))
            continue
        chain = [a, *range(extra, extra + k - 1), b]
        extra += k - 1
        edges.extend(itertools.pairwise(chain))
    # Imported here: importing igraph is slow (see .igraph_import), and a window that only
    # shows a big map (analysed in a child process) never needs it.
    from sysmap.analysis.igraph_import import load_igraph

    graph = load_igraph().Graph(n=extra, edges=edges, directed=False)
    real = range(n)
    if n > SOURCES_AT_ONCE or sources is not None:
        return _in_batches(graph, real, progress, sources=sources)
    values = graph.betweenness(vertices=real, directed=False, sources=real, targets=real)
    return np.asarray(values, dtype=np.float64)


def _shares(ties: TieGraph) -> sp.csr_array:
    """``p_ij``: the share of i's tie strength that goes to j (rows sum to 1)."""
    weights = ties.weighted_adjacency
    totals = ties.strength_sum
    with np.errstate(divide="ignore"):
        inverse = np.where(totals > 0, 1.0 / totals, 0.0)
    return sp.csr_array(sp.diags_array(inverse) @ weights)


def constraint(ties: TieGraph) -> FloatArray:
    """Burt's constraint of every stakeholder (NaN for one without ties).

    Examples
    --------
    >>> import networkx as nx
    >>> star = TieGraph.from_networkx(nx.star_graph(4))
    >>> constraint(star).round(3).tolist()  # a hub of 4 unconnected contacts: 1/4
    [0.25, 1.0, 1.0, 1.0, 1.0]
    """
    shares = _shares(ties)
    pattern = ties.adjacency
    indirect = sp.csr_array((shares @ shares).multiply(pattern))
    local = sp.csr_array(shares + indirect)
    result = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    result[ties.degree == 0] = np.nan
    return np.asarray(result, dtype=np.float64)


def effective_size(ties: TieGraph) -> FloatArray:
    """Burt's effective size of every stakeholder (NaN for one without ties).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    >>> effective_size(TieGraph.from_networkx(g)).round(3).tolist()  # 3 − 2·1/3 for node 0
    [2.333, 1.0, 1.0, 1.0]
    """
    weights = ties.weighted_adjacency
    strongest = np.zeros(ties.n)
    if ties.m:
        strongest = np.asarray(weights.max(axis=1).toarray()).ravel()
    with np.errstate(divide="ignore"):
        inverse = np.where(strongest > 0, 1.0 / strongest, 0.0)
    marginal = sp.csr_array(sp.diags_array(inverse) @ weights)
    redundancy = sp.csr_array((_shares(ties) @ marginal.T).multiply(ties.adjacency))
    result = ties.degree - np.asarray(redundancy.sum(axis=1)).ravel()
    result = result.astype(np.float64)
    result[ties.degree == 0] = np.nan
    return np.asarray(result, dtype=np.float64)
