"""The E-I index: how far a map's ties stay inside groups (Krackhardt & Stern 1988).

``EI = (E − I) / (E + I)``, with E the ties that cross a group boundary and I the ties inside
one: −1 when every tie stays inside (a silo), +1 when every tie crosses. Computed for the whole
map, for each group (``E_g`` ties from members to outsiders, ``I_g`` ties among members, each
tie counted once) and for each stakeholder ((external − internal) / ties).

Each value comes with what **random mixing** would give: with ``n_g`` members per group and
``N`` in all, a tie joins two random stakeholders, so for the whole map
``E[EI] = 2·p_E − 1`` with ``p_E = 1 − Σ n_g(n_g − 1) / (N(N − 1))``, and for a group
``E[EI_g] = (2(N − n_g) − (n_g − 1)) / (2(N − n_g) + (n_g − 1))`` (Krackhardt & Stern's
expected value from the possible ties). And with a **permutation p-value**: group labels are
shuffled among stakeholders (fixed seed) and ``p = (k + 1) / (P + 1)``, where k of P shuffles
give an E-I as low as the one observed (a one-sided test: "is it this inward-looking by
chance?"). The weighted variant sums tie strengths instead of counting ties.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. *Social Psychology Quarterly* 51(2): 123–140.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sysmap.analysis.grouping import Grouping
from sysmap.analysis.permutation import (
    PERMUTATIONS,
    SEED,
    LabelledTies,
    Shuffles,
    group_ei,
    permutation_p,
)
from sysmap.analysis.ties import FloatArray, IntArray, TieGraph

SILO_MIN_SIZE = 3
SILO_ALPHA = 0.05


@dataclass(frozen=True)
class EIValues:
    """An E-I index with what random mixing would give and how likely it is by chance.

    Attributes
    ----------
    internal, external : int
        Ties inside and across the boundary (ties to stakeholders without a value are left
        out).
    ei_index, expected_ei, p_value : float
        The E-I index, its value under random mixing and its permutation p-value.
    weighted_ei, weighted_p_value : float
        The same with tie strengths summed.
    """

    internal: int
    external: int
    ei_index: float
    expected_ei: float
    p_value: float
    weighted_ei: float
    weighted_p_value: float


@dataclass(frozen=True)
class GroupEI(EIValues):
    """E-I index of one group, and whether it is a silo (≥ 3 members, E-I below 0 and below
    random mixing, with p < 0.05). The map's home place (and the places around it) is where
    the system works, never a silo (``is_home``).

    ``name`` is the stored value (``third_sector``), ``label`` the name people read.
    """

    name: str = ""
    label: str = ""
    size: int = 0
    is_silo: bool = False
    is_home: bool = False


@dataclass(frozen=True)
class EIReport(EIValues):
    """The E-I index of a grouping: the whole map (the inherited values), each group and
    each stakeholder.

    Attributes
    ----------
    groups : tuple of GroupEI
        One entry per group, in the grouping's order.
    stakeholders : numpy.ndarray
        Each stakeholder's E-I (NaN without a value or without ties to stakeholders with one).
    permutations, seed : int
        How the p-values were computed.
    """

    attribute: str = ""
    groups: tuple[GroupEI, ...] = ()
    stakeholders: FloatArray = field(default_factory=lambda: np.zeros(0))
    permutations: int = 0
    seed: int = 0


def is_silo(size: int, ei_index: float, expected: float, p_value: float) -> bool:
    """The silo rule of methods.md §1.

    Examples
    --------
    >>> is_silo(5, -0.6, 0.3, 0.01), is_silo(2, -0.9, 0.3, 0.01), is_silo(5, -0.6, 0.3, 0.2)
    (True, False, False)
    """
    return bool(
        size >= SILO_MIN_SIZE and ei_index < 0 and ei_index < expected and p_value < SILO_ALPHA
    )


def ei_value(external: float, internal: float) -> float:
    """``(E − I) / (E + I)``, NaN when there are no ties.

    Examples
    --------
    >>> ei_value(11, 67)
    -0.717948717948718
    """
    total = external + internal
    return (external - internal) / total if total > 0 else float("nan")


def expected_whole_ei(sizes: IntArray) -> float:
    """E-I of the whole map under random mixing, from group sizes.

    Examples
    --------
    >>> round(expected_whole_ei(np.array([17, 17])), 4)  # Zachary's karate club
    0.0303
    """
    total = int(sizes.sum())
    if total < 2:
        return float("nan")
    inside = float((sizes * (sizes - 1)).sum()) / (total * (total - 1))
    return 2 * (1 - inside) - 1


def expected_group_ei(sizes: IntArray) -> FloatArray:
    """E-I of each group under random mixing, from group sizes (Krackhardt & Stern 1988).

    Examples
    --------
    >>> expected_group_ei(np.array([2, 2])).round(3).tolist()
    [0.6, 0.6]
    """
    total = int(sizes.sum())
    outside = 2.0 * (total - sizes)
    inside = sizes - 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray((outside - inside) / (outside + inside), dtype=np.float64)


def ei_report(
    ties: TieGraph,
    grouping: Grouping,
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
    shuffles: Shuffles | None = None,
) -> EIReport:
    """Compute the E-I index of a grouping with expectations and permutation p-values.

    Parameters
    ----------
    ties : TieGraph
    grouping : Grouping
    permutations : int
        Number of label shuffles for the p-values (at least 1,000 for published use).
    seed : int
        Seed of the shuffles: the same map and seed always give the same p-values.
    shuffles : Shuffles, optional
        Orderings to reuse across groupings (overrides ``permutations`` and ``seed``).

    Returns
    -------
    EIReport

    Examples
    --------
    Two triangles joined by one tie, each triangle a group:

    >>> import networkx as nx
    >>> g = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> nx.set_node_attributes(g, {i: "ab"[i // 3] for i in g}, "team")
    >>> from sysmap.analysis.grouping import make_grouping
    >>> tg = TieGraph.from_networkx(g)
    >>> r = ei_report(tg, make_grouping(tg, "team"), permutations=99)
    >>> r.internal, r.external, round(r.ei_index, 3), round(r.expected_ei, 3)
    (6, 1, -0.714, 0.2)
    """
    data = LabelledTies.of(ties, grouping)
    inside, degree = data.counts(data.labels, weighted=False)
    w_inside, w_degree = data.counts(data.labels, weighted=True)
    internal, m = float(inside.sum()), float(data.u.size)
    w_internal, w_total = float(w_inside.sum()), float(data.w.sum())
    whole = ei_value(m - internal, internal)
    w_whole = ei_value(w_total - w_internal, w_internal)
    per_group = group_ei(inside, degree)
    w_per_group = group_ei(w_inside, w_degree)
    shuffles = shuffles or Shuffles(permutations, seed)
    p = permutation_p(data, (whole, w_whole), (per_group, w_per_group), shuffles)
    expected = expected_group_ei(grouping.sizes)
    groups = tuple(
        GroupEI(
            name=grouping.values[g],
            label=grouping.labels[g],
            size=int(grouping.sizes[g]),
            internal=int(inside[g]),
            external=int(degree[g] - 2 * inside[g]),
            ei_index=float(per_group[g]),
            expected_ei=float(expected[g]),
            p_value=float(p.groups[g]),
            weighted_ei=float(w_per_group[g]),
            weighted_p_value=float(p.weighted_groups[g]),
            is_silo=is_silo(
                int(grouping.sizes[g]), float(per_group[g]), float(expected[g]), float(p.groups[g])
            ),
        )
        for g in range(grouping.count)
    )
    return EIReport(
        attribute=grouping.attribute,
        internal=int(internal),
        external=int(m - internal),
        ei_index=whole,
        expected_ei=expected_whole_ei(grouping.sizes),
        p_value=p.whole,
        weighted_ei=w_whole,
        weighted_p_value=p.weighted_whole,
        groups=groups,
        stakeholders=stakeholder_ei(ties, grouping),
        permutations=shuffles.permutations,
        seed=shuffles.seed,
    )


def stakeholder_ei(ties: TieGraph, grouping: Grouping) -> FloatArray:
    """Each stakeholder's E-I: (ties outside its group − ties inside) / ties.

    Ties to stakeholders without a value are left out; NaN where nothing is left.

    Examples
    --------
    >>> import networkx as nx
    >>> from sysmap.analysis.grouping import make_grouping
    >>> g = nx.path_graph(3)
    >>> nx.set_node_attributes(g, {0: "a", 1: "a", 2: "b"}, "team")
    >>> tg = TieGraph.from_networkx(g)
    >>> stakeholder_ei(tg, make_grouping(tg, "team")).tolist()
    [-1.0, 0.0, 1.0]
    """
    codes = grouping.codes
    cu, cv = codes[ties.source], codes[ties.target]
    keep = (cu >= 0) & (cv >= 0)
    same = (cu == cv) & keep
    cross = keep & ~same
    ends_same = np.concatenate([ties.source[same], ties.target[same]])
    ends_cross = np.concatenate([ties.source[cross], ties.target[cross]])
    internal = np.bincount(ends_same, minlength=ties.n).astype(np.float64)
    external = np.bincount(ends_cross, minlength=ties.n).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = (external - internal) / (external + internal)
    result[codes < 0] = np.nan
    return np.asarray(result, dtype=np.float64)
