"""Permutation tests for the E-I index: shuffle group labels, count the shuffles as extreme.

The p-value of an E-I index is the share of random relabellings (the same group sizes, the
same ties) that are at least as inward-looking as the map: ``p = (k + 1) / (P + 1)`` for k of
P shuffles (Phipson & Smyth 2010, on why the +1). A map's shuffles are seeded, so the same map
and seed always give the same p-values, and one set of orderings serves every grouping.

This code runs a thousand times per grouping, so it is vectorised over shuffles: labels are
small integers, each batch of shuffles is a matrix, and per-group sums take one pass per group
when there are few groups, or one offset ``bincount`` when there are many.

References
----------
Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero. *Statistical
Applications in Genetics and Molecular Biology* 9(1): 39.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sysmap.analysis.grouping import Grouping
from sysmap.analysis.ties import FloatArray, IntArray, TieGraph

PERMUTATIONS = 1000
SEED = 20240601
_BATCH_CELLS = 2_000_000  # shuffles × ties per batch: bounds memory at any map size
_TOLERANCE = 1e-9
_FEW_GROUPS = 12


@dataclass(frozen=True)
class LabelledTies:
    """The ties among stakeholders with a value, renumbered over those stakeholders."""

    labels: IntArray
    u: IntArray
    v: IntArray
    w: FloatArray
    degree: FloatArray
    wdegree: FloatArray
    groups: int

    @classmethod
    def of(cls, ties: TieGraph, grouping: Grouping) -> LabelledTies:
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


def group_ei(inside: FloatArray, degree: FloatArray) -> FloatArray:
    """Per-group E-I from ties inside each group and each group's degree sum.

    ``E_g = D_g − 2 I_g``, so ``EI_g = (D_g − 3 I_g) / (D_g − I_g)`` (NaN without ties).

    Examples
    --------
    >>> group_ei(np.array([6.0]), np.array([15.0])).round(3).tolist()
    [-0.333]
    """
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

    def orderings(self, size: int) -> np.ndarray:
        """``permutations`` random orderings of ``range(size)``, one per row (read-only).

        They depend only on the seed, the count and the size, so the last few made are kept
        for the next analysis: a map analysed again after an edit reuses them.
        """
        key = (self.permutations, self.seed, size)
        found = _RECENT.pop(key, None)
        if found is None:
            dtype = np.uint16 if size < 2**16 else np.int64
            rng = np.random.default_rng([self.seed, size])
            rows = np.tile(np.arange(size, dtype=dtype), (self.permutations, 1))
            found = rng.permuted(rows, axis=1, out=rows)
            found.flags.writeable = False
        _RECENT[key] = found  # most recent last
        while len(_RECENT) > _KEEP:
            del _RECENT[next(iter(_RECENT))]
        return found


_KEEP = 2
_RECENT: dict[tuple[int, int, int], np.ndarray] = {}


def permutation_p(
    data: LabelledTies,
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
    data: LabelledTies, shuffled: np.ndarray
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
    internal = _row_counts(same).astype(np.float64)
    w_internal = w_inside.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        whole = (m - 2 * internal) / m
        w_whole = (total_w - 2 * w_internal) / total_w
    return (whole, group_ei(inside, degree)), (w_whole, group_ei(w_inside, w_degree))


_Sums = tuple[FloatArray, FloatArray, FloatArray, FloatArray]


def _row_counts(flags: np.ndarray) -> IntArray:
    """How many flags are set in each row (summing bytes is about twice count_nonzero's speed)."""
    return np.asarray(flags.view(np.uint8).sum(axis=1, dtype=np.int64), dtype=np.int64)


def _group_sums_by_pass(
    data: LabelledTies, shuffled: np.ndarray, left: np.ndarray, same: np.ndarray
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
        sums[0, :, g] = _row_counts(is_inside)
        # einsum, not @: BLAS threads stall on a busy two-core machine.
        sums[1, :, g] = usual * sums[0, :, g] + np.einsum("ij,j->i", code_others == g + 1, extra)
        sums[2, :, g] = np.einsum("ij,j->i", member, data.degree)
        sums[3, :, g] = np.einsum("ij,j->i", member, data.wdegree)
    return sums[0], sums[1], sums[2], sums[3]


def _group_sums_by_count(
    data: LabelledTies, shuffled: np.ndarray, left: np.ndarray, same: np.ndarray
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
