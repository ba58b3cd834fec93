"""Suggested links: who should be introduced to whom to close a gap between groups.

For a pair of under-connected groups, the candidates are members of one and members of the
other who are not tied but share at least one contact (distance 2; all other non-ties are
never scored). They are ranked by **resource allocation** (Zhou, Lü & Zhang 2009),
``RA(x, y) = Σ_w 1 / k_w`` over shared contacts w, with ties broken by **Adamic–Adar**
``Σ_w 1 / log k_w`` and then by the number of **common neighbours** (Liben-Nowell &
Kleinberg 2007). Link prediction ignores tie strength, as those papers do.

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

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sysmap.analysis.citizen import is_citizen
from sysmap.analysis.gaps import GroupGap
from sysmap.analysis.ties import FloatArray, IntArray, TieGraph

PER_GAP = 3
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


class _PairIndex:
    """Distance-2 pairs sorted by the pair of groups (and place) their ends belong to.

    Lets each gap find its candidate pairs by binary search instead of scanning every pair:
    a map of 5,000 stakeholders has about 160,000 such pairs and can have hundreds of gaps.
    """

    def __init__(self, pairs: TwoStepPairs, codes: IntArray, places: IntArray | None) -> None:
        groups = int(codes.max(initial=0)) + 1
        low, high = codes[pairs.low], codes[pairs.high]
        key = np.minimum(low, high) * groups + np.maximum(low, high)
        valid = (low >= 0) & (high >= 0)
        if places is not None:
            count = int(places.max(initial=0)) + 1
            here = places[pairs.low]
            valid &= (here >= 0) & (here == places[pairs.high])
            key = key * count + here
        key = np.where(valid, key, -1)
        self.groups, self.places = groups, places
        self.order = np.argsort(key, kind="stable")
        self.keys = key[self.order]

    def select(self, a: int, b: int, place: int | None) -> IntArray:
        """Rows of the pairs joining group a to group b (within ``place``, if given)."""
        key = min(a, b) * self.groups + max(a, b)
        if self.places is not None:
            key = key * (int(self.places.max(initial=0)) + 1) + (place or 0)
        low, high = np.searchsorted(self.keys, [key, key + 1])
        return np.asarray(self.order[low:high], dtype=np.int64)


def suggest_links(
    ties: TieGraph,
    gaps: list[GroupGap],
    betweenness: FloatArray,
    constraint: FloatArray,
    per_gap: int = PER_GAP,
    codes: Mapping[str, IntArray] | None = None,
    places: IntArray | None = None,
) -> tuple[list[SuggestedLink], list[BrokerNeeded]]:
    """Suggest introductions for each gap, or say that a new broker is needed.

    Returns the suggestions, up to ``per_gap`` for each gap in the order the gaps come (worst
    first), ranked within a gap by resource allocation, then Adamic–Adar, then common
    neighbours, then stakeholder order; and the gaps that need a new broker. ``codes`` (group
    positions per attribute) and ``places`` (place positions) make the search fast on large
    maps; without them each gap scans every candidate pair.
    """
    links: list[SuggestedLink] = []
    needed: list[BrokerNeeded] = []
    pairs = two_step_pairs(ties) if gaps else None
    indexes: dict[tuple[str, bool], _PairIndex] = {}
    for gap in gaps:
        side_a = np.array(gap.members_a, dtype=np.int64)
        side_b = np.array(gap.members_b, dtype=np.int64)
        if side_a.size == 0 or side_b.size == 0 or pairs is None:
            continue
        in_a = np.zeros(ties.n, dtype=bool)
        in_b = np.zeros(ties.n, dtype=bool)
        in_a[side_a], in_b[side_b] = True, True
        scope = _candidates(pairs, gap, codes, places, indexes)
        forward = in_a[pairs.low[scope]] & in_b[pairs.high[scope]]
        backward = in_b[pairs.low[scope]] & in_a[pairs.high[scope]]
        chosen = scope[forward | backward]
        backward = backward[forward | backward]
        if chosen.size == 0:
            needed.append(
                BrokerNeeded(
                    gap,
                    _best_placed(side_a, betweenness, constraint),
                    _best_placed(side_b, betweenness, constraint),
                )
            )
            continue
        flip = backward
        sources = np.where(flip, pairs.high[chosen], pairs.low[chosen])
        targets = np.where(flip, pairs.low[chosen], pairs.high[chosen])
        ra, aa = pairs.resource_allocation[chosen], pairs.adamic_adar[chosen]
        common = pairs.common[chosen]
        order = np.lexsort((targets, sources, -common, -aa, -ra))[:per_gap]
        for k in order.tolist():
            a, b = int(sources[k]), int(targets[k])
            links.append(
                SuggestedLink(
                    a, b, float(ra[k]), float(aa[k]), int(common[k]), introducer(ties, a, b), gap
                )
            )
    # Worst gap first (the gaps come ranked), best-scored introduction first within a gap.
    return _unique(links), needed


def _candidates(
    pairs: TwoStepPairs,
    gap: GroupGap,
    codes: Mapping[str, IntArray] | None,
    places: IntArray | None,
    indexes: dict[tuple[str, bool], _PairIndex],
) -> IntArray:
    """The pairs that could close a gap: found by index when codes are given, else all."""
    within = gap.place is not None
    if codes is None or gap.attribute not in codes or (within and places is None):
        return np.arange(pairs.low.size, dtype=np.int64)
    group_codes = codes[gap.attribute]
    key = (gap.attribute, within)
    if key not in indexes:
        indexes[key] = _PairIndex(pairs, group_codes, places if within else None)
    a, b = int(group_codes[gap.members_a[0]]), int(group_codes[gap.members_b[0]])
    place = int(places[gap.members_a[0]]) if within and places is not None else None
    return indexes[key].select(a, b, place)


def _unique(links: list[SuggestedLink]) -> list[SuggestedLink]:
    """Keep the first suggestion of each pair (one pair can close several gaps)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for link in links:
        pair = (min(link.source, link.target), max(link.source, link.target))
        if pair not in seen:
            seen.add(pair)
            kept.append(link)
    return kept


def _best_placed(
    members: np.ndarray, betweenness: FloatArray, constraint: FloatArray
) -> tuple[int, ...]:
    """Members with the highest betweenness, then the lowest constraint, then by id."""
    tight = np.where(np.isnan(constraint[members]), np.inf, constraint[members])
    order = np.lexsort((members, tight, -betweenness[members]))
    return tuple(int(m) for m in members[order[:BEST_PLACED]])
