"""Suggested links: who should be introduced to whom, across the boundaries that should talk.

Every untied pair of stakeholders on either side of a should-talk boundary (two sectors the
guidance pairs, two places at the same tier, a tier and the one above it, two sectors in one
place) who share at least one contact (distance 2; other non-ties are never scored) is a
candidate. All candidates are ranked together, by their own evidence: **resource
allocation** (Zhou, Lü & Zhang 2009), ``RA(x, y) = Σ_w 1 / k_w`` over shared contacts w,
then **Adamic–Adar** ``Σ_w 1 / log k_w``, then the number of **common neighbours**
(Liben-Nowell & Kleinberg 2007), and only then the size of the gap between their groups.
Link prediction ignores tie strength, as those papers do. The held-out benchmark in
``tests/benchmarks/test_link_prediction_bench.py`` measures this ranking against plain
resource allocation, Adamic–Adar and Jaccard on damaged maps.

Each suggestion names its **introducer**: the shared contact with the fewest other contacts
(the largest ``1 / k_w``), who is best placed to make the introduction.

Where no member of one group shares a contact with any member of the other, no introduction
is possible: **a new broker is needed**, and the best-placed members of each side are proposed
(highest betweenness, then lowest constraint).

References
----------
Zhou, T., Lü, L. & Zhang, Y.-C. (2009). Predicting missing links via local information.
*European Physical Journal B* 71: 623–630.
Liben-Nowell, D. & Kleinberg, J. (2007). The link-prediction problem for social networks.
*JASIST* 58(7): 1019–1031.
Adamic, L. A. & Adar, E. (2003). Friends and neighbors on the web. *Social Networks* 25(3).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sysmap.analysis.citizen import is_citizen
from sysmap.analysis.gaps import GroupGap, is_gap
from sysmap.analysis.ties import FloatArray, IntArray, TieGraph

BEST_PLACED = 2


@dataclass(frozen=True)
class SuggestedLink:
    """Two stakeholders who should be introduced, with the scores that rank them."""

    source: int
    target: int
    resource_allocation: float
    adamic_adar: float
    common_neighbours: int
    introducer: int
    gap: GroupGap


@dataclass(frozen=True)
class BrokerNeeded:
    """A gap no existing contact can bridge, with the best-placed members on each side."""

    gap: GroupGap
    side_a: tuple[int, ...]
    side_b: tuple[int, ...]


@dataclass(frozen=True)
class TwoStepPairs:
    """Every untied pair of stakeholders who share a contact, with their link scores.

    Pairs are listed once (``low < high``); computed once per map, then filtered per gap.
    """

    low: np.ndarray
    high: np.ndarray
    common: np.ndarray
    resource_allocation: FloatArray
    adamic_adar: FloatArray


def two_step_pairs(ties: TieGraph) -> TwoStepPairs:
    """Common neighbours, resource allocation and Adamic–Adar for every distance-2 pair.

    Examples
    --------
    >>> import networkx as nx
    >>> pairs = two_step_pairs(TieGraph.from_networkx(nx.Graph([(0, 1), (1, 2), (0, 3), (3, 2)])))
    >>> pairs.low.tolist(), pairs.high.tolist(), pairs.common.tolist()
    ([0, 1], [2, 3], [2, 2])
    >>> pairs.resource_allocation.round(3).tolist(), pairs.adamic_adar.round(3).tolist()
    ([1.0, 1.0], [2.885, 2.885])
    """
    adjacency = ties.adjacency
    degree = ties.degree.astype(np.float64)
    with np.errstate(divide="ignore"):
        inverse = np.where(degree > 0, 1.0 / degree, 0.0)
        inverse_log = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
    # The three sums run over the same shared contacts, so the three products have the same
    # sparsity pattern: once each is cut to the untied upper triangle, their data line up.
    scores = []
    for weights in (np.ones(ties.n), inverse, inverse_log):
        product = sp.csr_array(adjacency @ sp.diags_array(weights) @ adjacency)
        product = sp.csr_array(product - product.multiply(adjacency))
        product.eliminate_zeros()
        product.sort_indices()
        coo = product.tocoo()
        upper = coo.row < coo.col
        scores.append((coo.row[upper], coo.col[upper], coo.data[upper]))
    (low, high, common), (_, ra_high, ra), (_, aa_high, aa) = scores
    if not (np.array_equal(high, ra_high) and np.array_equal(high, aa_high)):
        raise AssertionError("link scores lost their alignment")  # pragma: no cover
    return TwoStepPairs(
        low.astype(np.int64),
        high.astype(np.int64),
        np.rint(common).astype(np.int64),
        np.asarray(ra, dtype=np.float64),
        np.asarray(aa, dtype=np.float64),
    )


def introducer(ties: TieGraph, a: int, b: int) -> int:
    """The shared contact of a and b with the fewest contacts (first in the map on a tie).

    Organisations come before citizens: asking the person a service exists for to broker
    between two organisations is the problem, not the answer.
    """
    shared = sorted(ties.neighbour_sets[a] & ties.neighbour_sets[b])
    return min(shared, key=lambda w: (is_citizen(ties.data[w]), int(ties.degree[w]), w))


LIMIT = 200
"""Suggestions kept in a result (best first); a map of thousands has far more candidates."""


def suggest_links(
    ties: TieGraph,
    boundaries: Sequence[GroupGap],
    betweenness: FloatArray,
    constraint: FloatArray,
    codes: Mapping[str, IntArray] | None = None,
    places: IntArray | None = None,
    limit: int = LIMIT,
) -> tuple[list[SuggestedLink], list[BrokerNeeded]]:
    """Suggest introductions across should-talk boundaries, best evidence first.

    ``boundaries`` are the pairs of groups that should talk (each a :class:`GroupGap`
    record with its observed and expected ties, whether or not it is a gap). Every untied
    pair of stakeholders at distance 2 on either side of a boundary is a candidate; all
    candidates are ranked together by resource allocation, then Adamic–Adar, then common
    neighbours, then how short of its expected ties their boundary is (observed/expected,
    lowest first), then stakeholder order. No boundary gets a quota: a strong candidate is
    never dropped for a weaker one elsewhere. Boundaries that are gaps (fewer than half the
    ties expected) with no candidate at all need a new broker.

    ``codes`` (group positions per attribute) and ``places`` (place positions) make the
    search one pass over the candidates; without them each boundary scans them all.
    """
    pairs = two_step_pairs(ties) if boundaries else None
    needed: list[BrokerNeeded] = []
    if pairs is None:
        return [], needed
    ratio = np.array([_ratio(b) for b in boundaries] + [np.inf], dtype=np.float64)
    best = np.full(pairs.low.size, len(boundaries), dtype=np.int64)
    reached = np.zeros(len(boundaries), dtype=bool)
    for index, rows in _crossings(ties, pairs, boundaries, codes, places):
        reached[np.unique(index)] = True
        better = ratio[index] < ratio[best[rows]]
        best[rows[better]] = index[better]
    for i, boundary in enumerate(boundaries):
        if not reached[i] and is_gap(boundary.observed, boundary.expected):
            side_a = np.array(boundary.members_a, dtype=np.int64)
            side_b = np.array(boundary.members_b, dtype=np.int64)
            if side_a.size and side_b.size:
                needed.append(
                    BrokerNeeded(
                        boundary,
                        _best_placed(side_a, betweenness, constraint),
                        _best_placed(side_b, betweenness, constraint),
                    )
                )
    chosen = np.flatnonzero(best < len(boundaries))
    order = np.lexsort(
        (
            pairs.high[chosen],
            pairs.low[chosen],
            ratio[best[chosen]],
            -pairs.common[chosen],
            -pairs.adamic_adar[chosen],
            -pairs.resource_allocation[chosen],
        )
    )
    links = []
    for k in chosen[order[:limit]].tolist():
        boundary = boundaries[int(best[k])]
        a, b = int(pairs.low[k]), int(pairs.high[k])
        if b in boundary.members_a and a in boundary.members_b:
            a, b = b, a
        links.append(
            SuggestedLink(
                a,
                b,
                float(pairs.resource_allocation[k]),
                float(pairs.adamic_adar[k]),
                int(pairs.common[k]),
                introducer(ties, a, b),
                boundary,
            )
        )
    return links, needed


def _ratio(boundary: GroupGap) -> float:
    """How short of its expected ties a boundary is (lower: a bigger gap)."""
    if boundary.expected <= 0:
        return float(boundary.observed > 0)
    return boundary.observed / boundary.expected


def _crossings(
    ties: TieGraph,
    pairs: TwoStepPairs,
    boundaries: Sequence[GroupGap],
    codes: Mapping[str, IntArray] | None,
    places: IntArray | None,
) -> Iterator[tuple[IntArray, IntArray]]:
    """(boundary index per candidate, candidate rows) for the candidates crossing each
    boundary: one pass per attribute with codes, else one scan per boundary."""
    layers: dict[tuple[str, bool], list[int]] = {}
    for i, boundary in enumerate(boundaries):
        usable = codes is not None and boundary.attribute in codes
        if usable and (boundary.place is None or places is not None):
            layers.setdefault((boundary.attribute, boundary.place is not None), []).append(i)
        else:
            yield _scan(ties, pairs, boundary, i)
    for (attribute, within), members in layers.items():
        assert codes is not None
        yield _layer(pairs, boundaries, members, codes[attribute], places if within else None)


def _scan(
    ties: TieGraph, pairs: TwoStepPairs, boundary: GroupGap, index: int
) -> tuple[IntArray, IntArray]:
    in_a = np.zeros(ties.n, dtype=bool)
    in_b = np.zeros(ties.n, dtype=bool)
    in_a[list(boundary.members_a)] = True
    in_b[list(boundary.members_b)] = True
    low, high = pairs.low, pairs.high
    rows = np.flatnonzero((in_a[low] & in_b[high]) | (in_b[low] & in_a[high]))
    return np.full(rows.size, index, dtype=np.int64), rows


def _layer(
    pairs: TwoStepPairs,
    boundaries: Sequence[GroupGap],
    members: list[int],
    codes: IntArray,
    places: IntArray | None,
) -> tuple[IntArray, IntArray]:
    """Candidates crossing any boundary of one attribute (within one place, if given)."""
    groups = int(codes.max(initial=0)) + 1
    count = 1 if places is None else int(places.max(initial=0)) + 1
    lookup = np.full(groups * groups * count, -1, dtype=np.int64)
    for i in members:
        boundary = boundaries[i]
        g, h = int(codes[boundary.members_a[0]]), int(codes[boundary.members_b[0]])
        here = 0 if places is None else int(places[boundary.members_a[0]])
        lookup[(min(g, h) * groups + max(g, h)) * count + here] = i
    cu, cv = codes[pairs.low], codes[pairs.high]
    valid = (cu >= 0) & (cv >= 0) & (cu != cv)
    key = np.minimum(cu, cv) * groups + np.maximum(cu, cv)
    if places is None:
        key = key * count
    else:
        pu, pv = places[pairs.low], places[pairs.high]
        valid &= (pu >= 0) & (pu == pv)
        key = key * count + np.where(pu >= 0, pu, 0)
    found = np.where(valid, lookup[np.where(valid, key, 0)], -1)
    rows = np.flatnonzero(found >= 0)
    return found[rows], rows


def _best_placed(
    members: np.ndarray, betweenness: FloatArray, constraint: FloatArray
) -> tuple[int, ...]:
    """Members with the highest betweenness, then the lowest constraint, then by id."""
    tight = np.where(np.isnan(constraint[members]), np.inf, constraint[members])
    order = np.lexsort((members, tight, -betweenness[members]))
    return tuple(int(m) for m in members[order[:BEST_PLACED]])
