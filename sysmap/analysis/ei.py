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

from dataclasses import dataclass

import numpy as np

from sysmap.analysis.grouping import Grouping
from sysmap.analysis.ties import FloatArray, IntArray, TieGraph

PERMUTATIONS = 1000
SEED = 20240601
SILO_MIN_SIZE = 3
SILO_ALPHA = 0.05
_BATCH_CELLS = 2_000_000  # shuffles × ties per batch: bounds memory at any map size
_TOLERANCE = 1e-9
_FEW_GROUPS = 12


@dataclass(frozen=True)
class GroupEI:
    """E-I index of one group, and whether it is a silo (≥ 3 members, E-I below 0 and below
    random mixing, with p < 0.05).

    ``name`` is the stored value (``third_sector``), ``label`` the name people read.
    """

    name: str
    label: str
    size: int
    internal: int
    external: int
    ei_index: float
    expected_ei: float
    p_value: float
    weighted_ei: float
    weighted_p_value: float
    is_silo: bool


@dataclass(frozen=True)
class EIReport:
    """The E-I index of a grouping: the whole map, each group and each stakeholder.

    Attributes
    ----------
    internal, external : int
        Ties inside groups and across them (ties to stakeholders without a value are left out).
    ei_index, expected_ei, p_value : float
        Whole-map E-I, its value under random mixing and its permutation p-value.
    weighted_ei, weighted_p_value : float
        The same with tie strengths summed.
    groups : tuple of GroupEI
        One entry per group, in the grouping's order.
    stakeholders : numpy.ndarray
        Each stakeholder's E-I (NaN without a value or without ties to stakeholders with one).
    permutations, seed : int
        How the p-values were computed.
    """

    attribute: str
    internal: int
    external: int
    ei_index: float
    expected_ei: float
    p_value: float
    weighted_ei: float
    weighted_p_value: float
    groups: tuple[GroupEI, ...]
    stakeholders: FloatArray
    permutations: int
    seed: int


def is_silo(size: int, ei_index: float, expected: float, p_value: float) -> bool:
    """The silo rule of ANALYSIS.md §1.

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


@dataclass(frozen=True)
class _Labelled:
    """The ties among stakeholders with a value, renumbered over those stakeholders."""

    labels: IntArray
    u: IntArray
    v: IntArray
    w: FloatArray
    degree: FloatArray
    wdegree: FloatArray
    groups: int

    @classmethod
    def of(cls, ties: TieGraph, grouping: Grouping) -> _Labelled:
        codes = grouping.codes
        keep = (codes[ties.source] >= 0) & (codes[ties.target] >= 0)
        local = np.full(ties.n, -1, dtype=np.int64)
        local[grouping.labelled] = np.arange(grouping.labelled.size)
        u, v, w = local[ties.source[keep]], local[ties.target[keep]], ties.strength[keep]
        size = grouping.labelled.size
        ends = np.concatenate([u, v])
        return cls(
            labels=codes[grouping.labelled],
            u=u,
            v=v,
            w=w,
            degree=np.bincount(ends, minlength=size).astype(np.float64),
            wdegree=np.asarray(
                np.bincount(ends, weights=np.concatenate([w, w]), minlength=size), np.float64
            ),
            groups=grouping.count,
        )

    @property
    def usual_strength(self) -> tuple[float, IntArray, FloatArray]:
        """The most common tie strength, the ties with another, and their difference from it."""
        if self.w.size == 0:
            return 1.0, np.zeros(0, dtype=np.int64), np.zeros(0)
        values, counts = np.unique(self.w, return_counts=True)
        usual = float(values[np.argmax(counts)])
        others = np.flatnonzero(self.w != usual)
        return usual, others, self.w[others] - usual

    def counts(self, labels: IntArray, weighted: bool) -> tuple[FloatArray, FloatArray]:
        """Ties inside each group and the degree sum of each group, for one labelling."""
        same = labels[self.u] == labels[self.v]
        weights = self.w[same] if weighted else None
        inside = np.bincount(labels[self.u][same], weights=weights, minlength=self.groups)
        degree = self.wdegree if weighted else self.degree
        sums = np.asarray(np.bincount(labels, degree, minlength=self.groups), np.float64)
        return inside.astype(np.float64), sums


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
    data = _Labelled.of(ties, grouping)
    inside, degree = data.counts(data.labels, weighted=False)
    w_inside, w_degree = data.counts(data.labels, weighted=True)
    internal, m = float(inside.sum()), float(data.u.size)
    w_internal, w_total = float(w_inside.sum()), float(data.w.sum())
    whole = ei_value(m - internal, internal)
    w_whole = ei_value(w_total - w_internal, w_internal)
    group_ei = _group_ei(inside, degree)
    w_group_ei = _group_ei(w_inside, w_degree)
    shuffles = shuffles or Shuffles(permutations, seed)
    p = _permutation_p(data, (whole, w_whole), (group_ei, w_group_ei), shuffles)
    expected = expected_group_ei(grouping.sizes)
    groups = tuple(
        GroupEI(
            name=grouping.values[g],
            label=grouping.labels[g],
            size=int(grouping.sizes[g]),
            internal=int(inside[g]),
            external=int(degree[g] - 2 * inside[g]),
            ei_index=float(group_ei[g]),
            expected_ei=float(expected[g]),
            p_value=float(p.groups[g]),
            weighted_ei=float(w_group_ei[g]),
            weighted_p_value=float(p.weighted_groups[g]),
            is_silo=is_silo(
                int(grouping.sizes[g]), float(group_ei[g]), float(expected[g]), float(p.groups[g])
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


def _group_ei(inside: FloatArray, degree: FloatArray) -> FloatArray:
    # E_g = D_g − 2 I_g, so EI_g = (D_g − 3 I_g) / (D_g − I_g).
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray((degree - 3 * inside) / (degree - inside), dtype=np.float64)


@dataclass(frozen=True)
class _PValues:
    whole: float
    weighted_whole: float
    groups: FloatArray
    weighted_groups: FloatArray


class Shuffles:
    """Seeded random orderings of stakeholders, shared by every grouping of one analysis.

    Shuffling group labels among n stakeholders is the same as reordering the stakeholders,
    so one set of orderings per number of stakeholders serves every attribute.

    Examples
    --------
    >>> s = Shuffles(3, seed=1)
    >>> s.orderings(4).shape, (s.orderings(4) == Shuffles(3, seed=1).orderings(4)).all()
    ((3, 4), np.True_)
    """

    def __init__(self, permutations: int = PERMUTATIONS, seed: int = SEED) -> None:
        self.permutations = permutations
        self.seed = seed
        self._cache: dict[int, np.ndarray] = {}

    def orderings(self, size: int) -> np.ndarray:
        """``permutations`` random orderings of ``range(size)``, one per row."""
        if size not in self._cache:
            dtype = np.uint16 if size < 2**16 else np.int64
            rng = np.random.default_rng([self.seed, size])
            rows = np.tile(np.arange(size, dtype=dtype), (self.permutations, 1))
            self._cache[size] = rng.permuted(rows, axis=1, out=rows)
        return self._cache[size]


def _permutation_p(
    data: _Labelled,
    observed: tuple[float, float],
    observed_groups: tuple[FloatArray, FloatArray],
    shuffles: Shuffles,
) -> _PValues:
    """Count the shuffles of labels that are at least as inward-looking as the map."""
    permutations, groups = shuffles.permutations, data.groups
    orderings = shuffles.orderings(data.labels.size)
    small = data.labels.astype(np.int8 if groups < 127 else np.int32)
    k_whole = np.zeros(2)
    k_groups = np.zeros((2, groups))
    valid = np.zeros((2, groups))
    batch = max(1, min(permutations, _BATCH_CELLS // max(1, data.u.size)))
    for start in range(0, permutations, batch):
        shuffled = small[orderings[start : start + batch]]
        for which, (whole, per_group) in enumerate(_shuffled_ei(data, shuffled)):
            k_whole[which] += np.count_nonzero(whole <= observed[which] + _TOLERANCE)
            target = observed_groups[which][None, :] + _TOLERANCE
            k_groups[which] += np.sum(per_group <= target, axis=0)
            valid[which] += np.sum(~np.isnan(per_group), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p_groups = (k_groups + 1) / (valid + 1)
    p_groups[:, np.isnan(observed_groups[0])] = np.nan
    p_whole = (k_whole + 1) / (permutations + 1)
    if data.labels.size < 2 or data.u.size == 0:
        p_whole[:] = np.nan
    return _PValues(float(p_whole[0]), float(p_whole[1]), p_groups[0], p_groups[1])


def _shuffled_ei(
    data: _Labelled, shuffled: np.ndarray
) -> tuple[tuple[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]:
    """Whole-map and per-group E-I, unweighted then weighted, for each row of labels.

    This runs a thousand times per grouping, so it is written for speed: small integer
    labels, and per-group sums by one pass per group when there are few groups, or by one
    offset ``bincount`` when there are many (its cost does not grow with the groups).
    """
    left = shuffled[:, data.u]
    same = left == shuffled[:, data.v]
    if data.groups <= _FEW_GROUPS:
        sums = _group_sums_by_pass(data, shuffled, left, same)
    else:
        sums = _group_sums_by_count(data, shuffled, left, same)
    inside, w_inside, degree, w_degree = sums
    m, total_w = float(data.u.size), float(data.w.sum())
    internal = np.count_nonzero(same, axis=1).astype(np.float64)
    w_internal = w_inside.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        whole = (m - 2 * internal) / m
        w_whole = (total_w - 2 * w_internal) / total_w
    return (whole, _group_ei(inside, degree)), (w_whole, _group_ei(w_inside, w_degree))


_Sums = tuple[FloatArray, FloatArray, FloatArray, FloatArray]


def _group_sums_by_pass(
    data: _Labelled, shuffled: np.ndarray, left: np.ndarray, same: np.ndarray
) -> _Sums:
    rows, groups = shuffled.shape[0], data.groups
    sums = np.empty((4, rows, groups))
    # Group code + 1 of each tie inside a group, 0 for a tie across groups.
    code = (left + left.dtype.type(1)) * same
    # Most ties share one strength: weight the count by it, then correct the few others.
    usual, others, extra = data.usual_strength
    code_others = code[:, others]
    for g in range(groups):
        member = shuffled == g
        is_inside = code == g + 1
        sums[0, :, g] = np.count_nonzero(is_inside, axis=1)
        # einsum, not @: BLAS threads stall on a busy two-core machine.
        sums[1, :, g] = usual * sums[0, :, g] + np.einsum("ij,j->i", code_others == g + 1, extra)
        sums[2, :, g] = np.einsum("ij,j->i", member, data.degree)
        sums[3, :, g] = np.einsum("ij,j->i", member, data.wdegree)
    return sums[0], sums[1], sums[2], sums[3]


def _group_sums_by_count(
    data: _Labelled, shuffled: np.ndarray, left: np.ndarray, same: np.ndarray
) -> _Sums:
    rows, groups = shuffled.shape[0], data.groups
    cells = rows * groups
    offsets = (np.arange(rows, dtype=np.int64) * groups)[:, None]
    inside_cell = (left + offsets)[same]
    weights = np.broadcast_to(data.w, same.shape)[same]
    member_cell = (shuffled + offsets).ravel()
    shape = (rows, groups)

    def cell_sums(cells_of: np.ndarray, weights: np.ndarray | None) -> FloatArray:
        counts = np.bincount(cells_of, weights=weights, minlength=cells)
        return np.asarray(counts.reshape(shape), dtype=np.float64)

    return (
        cell_sums(inside_cell, None),
        cell_sums(inside_cell, weights),
        cell_sums(member_cell, np.tile(data.degree, rows)),
        cell_sums(member_cell, np.tile(data.wdegree, rows)),
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
