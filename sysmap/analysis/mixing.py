"""How groups mix: the group × group tie table, assortativity and modularity.

- **Tie table** (a blockmodel density table, White, Boorman & Breiger 1976): observed ties
  ``O_gh`` between groups g and h, their density, and the number **expected** from how
  connected each side is, ``E_gh = D_g·D_h / (2m)`` (``D_g`` the degree sum of g's members,
  m the number of ties; ``D_g² / (4m)`` inside a group), as in Newman (2010), *Networks*, §7.13.
- **Attribute assortativity** (Newman 2003): 1 when every tie stays inside a group, 0 for
  random mixing, negative when ties prefer other groups.
- **Modularity** of the declared grouping (Newman & Girvan 2004): the share of ties inside
  groups minus the share expected from degrees; weighted by tie strength when asked.

Only ties between stakeholders who both have a value count (as for the E-I index).

References
----------
White, H. C., Boorman, S. A. & Breiger, R. L. (1976). Social structure from multiple networks
I. *American Journal of Sociology* 81(4): 730–780.
Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67: 026126.
Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in networks.
*Physical Review E* 69: 026113.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sysmap.analysis.grouping import Grouping
from sysmap.analysis.ties import BoolArray, FloatArray, IntArray, TieGraph


@dataclass(frozen=True)
class TieTable:
    """Observed and expected ties between every pair of groups.

    Attributes
    ----------
    observed : numpy.ndarray
        ``G × G`` symmetric tie counts; the diagonal holds ties inside each group.
    weighted : numpy.ndarray
        The same with tie strengths summed.
    expected : numpy.ndarray
        Ties expected from degree sums (configuration model), same layout.
    density : numpy.ndarray
        Observed ties over possible pairs (NaN where no pair is possible).
    degree_sum, weighted_degree_sum : numpy.ndarray
        ``D_g`` per group, counted over ties between stakeholders with a value.
    ties, weight : float
        The number of ties counted and their total strength.
    """

    observed: FloatArray
    weighted: FloatArray
    expected: FloatArray
    density: FloatArray
    degree_sum: FloatArray
    weighted_degree_sum: FloatArray
    ties: float
    weight: float


def tie_table(ties: TieGraph, grouping: Grouping) -> TieTable:
    """Count ties between and within groups, with the number expected from degrees.

    Examples
    --------
    >>> import networkx as nx
    >>> from sysmap.analysis.grouping import make_grouping
    >>> g = nx.Graph([(0, 1), (1, 2), (2, 3)])
    >>> nx.set_node_attributes(g, {0: "a", 1: "a", 2: "b", 3: "b"}, "team")
    >>> tg = TieGraph.from_networkx(g)
    >>> t = tie_table(tg, make_grouping(tg, "team"))
    >>> t.observed.tolist(), t.expected.round(2).tolist()
    ([[1.0, 1.0], [1.0, 1.0]], [[0.75, 1.5], [1.5, 0.75]])
    """
    codes, groups = grouping.codes, grouping.count
    cu, cv = codes[ties.source], codes[ties.target]
    keep = (cu >= 0) & (cv >= 0)
    cu, cv, w = cu[keep], cv[keep], ties.strength[keep]
    observed = _symmetric_counts(cu, cv, np.ones(cu.size), groups)
    weighted = _symmetric_counts(cu, cv, w, groups)
    degree_sum = np.bincount(np.concatenate([cu, cv]), minlength=groups).astype(np.float64)
    w_degree_sum = np.asarray(
        np.bincount(np.concatenate([cu, cv]), np.concatenate([w, w]), groups), dtype=np.float64
    )
    m = float(cu.size)
    expected = np.outer(degree_sum, degree_sum) / (2 * m) if m else np.zeros((groups, groups))
    np.fill_diagonal(expected, degree_sum**2 / (4 * m) if m else 0.0)
    sizes = grouping.sizes.astype(np.float64)
    pairs = np.outer(sizes, sizes)
    np.fill_diagonal(pairs, sizes * (sizes - 1) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        density = np.where(pairs > 0, observed / pairs, np.nan)
    return TieTable(
        observed, weighted, expected, density, degree_sum, w_degree_sum, m, float(w.sum())
    )


def _symmetric_counts(cu: IntArray, cv: IntArray, w: FloatArray, groups: int) -> FloatArray:
    flat = np.bincount(cu * groups + cv, weights=w, minlength=groups * groups)
    table = flat.reshape(groups, groups)
    both = table + table.T
    np.fill_diagonal(both, np.diag(table))
    return np.asarray(both, dtype=np.float64)


def assortativity(table: TieTable) -> float:
    """Newman's attribute assortativity coefficient from a tie table (unweighted).

    Equals ``networkx.attribute_assortativity_coefficient`` on the same grouping.

    Examples
    --------
    >>> t = TieTable(np.array([[3.0, 1.0], [1.0, 3.0]]), *([np.zeros((2, 2))] * 3),
    ...              np.zeros(2), np.zeros(2), 7.0, 7.0)
    >>> round(assortativity(t), 4)
    0.7143
    """
    m = float(np.triu(table.observed).sum())
    if m == 0:
        return float("nan")
    # e_gh: fraction of tie ends joining g to h (each tie counted from both ends).
    mixing = table.observed.copy()
    np.fill_diagonal(mixing, 2 * np.diag(table.observed))
    mixing /= 2 * m
    a = mixing.sum(axis=1)
    expected = float((a * a).sum())
    if expected >= 1:
        return float("nan")
    return float((np.trace(mixing) - expected) / (1 - expected))


def modularity(table: TieTable, weighted: bool = False) -> float:
    """Modularity of the grouping: ``Σ_g [L_g / m − (D_g / 2m)²]``.

    Equals ``networkx.community.modularity(G, groups, weight=...)`` over the stakeholders who
    have a value.

    Examples
    --------
    >>> t = TieTable(np.array([[3.0, 1.0], [1.0, 3.0]]), np.array([[3.0, 1.0], [1.0, 3.0]]),
    ...              *([np.zeros((2, 2))] * 2), np.array([7.0, 7.0]), np.array([7.0, 7.0]),
    ...              7.0, 7.0)
    >>> round(modularity(t), 4)
    0.3571
    """
    inside = np.diag(table.weighted if weighted else table.observed)
    degree = table.weighted_degree_sum if weighted else table.degree_sum
    m = table.weight if weighted else table.ties
    if m == 0:
        return float("nan")
    return float((inside / m - (degree / (2 * m)) ** 2).sum())


def ties_between_sets(ties: TieGraph, in_a: BoolArray, in_b: BoolArray) -> tuple[int, float]:
    """Observed ties between two disjoint sets of stakeholders, and the number expected.

    Expected is ``D_A·D_B / (2m)`` over the whole map (configuration model).

    Examples
    --------
    >>> import networkx as nx
    >>> tg = TieGraph.from_networkx(nx.path_graph(4))
    >>> a, b = np.array([1, 1, 0, 0], bool), np.array([0, 0, 1, 1], bool)
    >>> ties_between_sets(tg, a, b)
    (1, 1.5)
    """
    su, sv = ties.source, ties.target
    observed = int(np.count_nonzero((in_a[su] & in_b[sv]) | (in_b[su] & in_a[sv])))
    degree = ties.degree
    m = ties.m
    expected = float(degree[in_a].sum()) * float(degree[in_b].sum()) / (2 * m) if m else 0.0
    return observed, expected
