"""Missing links between groups: gaps, separate parts and gaps the map records.

- **Group gaps**: for each pair of groups that should talk (see :mod:`.should_talk`), the
  ties they share (O) against the number expected from how connected each side is
  (E = D_a·D_b / 2m, the configuration model, Newman 2010 §7.13). A pair is a gap when
  O/E < 0.5 (O = 0 first, then O/E ascending), and only when at least one tie is expected:
  fewer is too little to judge. The Poisson probability of seeing O or fewer ties when E are
  expected is given beside it.
- **Same-place gaps**: any two sectors in the same place, judged the same way.
- **Separate parts**: stakeholders with no route at all to the main part of the map, and the
  link that would join them best (the best-connected member of the part to the most central
  stakeholder of the main part, by closeness, Freeman 1979).
- **Known gaps**: relationships the map records as ``missing``, with their evidence.

References
----------
Newman, M. E. J. (2010). *Networks: An Introduction*. Oxford University Press.
Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. *Social
Networks* 1(3): 215–239.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import special
from scipy.sparse import csgraph

from sysmap.analysis.grouping import Grouping
from sysmap.analysis.mixing import TieTable
from sysmap.analysis.should_talk import ShouldTalk
from sysmap.analysis.ties import IntArray, TieGraph

if TYPE_CHECKING:
    from sysmap.model.system_map import SystemMap

GAP_RATIO = 0.5
MIN_EXPECTED = 1.0
JOIN_CANDIDATES = 10


@dataclass(frozen=True)
class GapFields:
    """Two groups that should talk but share fewer ties than expected.

    ``place`` is set for a same-place gap (two sectors in one place).
    """

    attribute: str
    a: str
    b: str
    a_label: str
    b_label: str
    observed: int
    expected: float
    p_value: float
    place: str | None


@dataclass(frozen=True)
class GroupGap(GapFields):
    """A gap with the positions of each side's members (for suggesting links)."""

    members_a: tuple[int, ...] = ()
    members_b: tuple[int, ...] = ()
    place_label: str | None = None

    @property
    def ratio(self) -> float:
        """Observed over expected ties."""
        return self.observed / self.expected if self.expected > 0 else float("nan")


def poisson_at_most(observed: int, expected: float) -> float:
    """Probability of ``observed`` or fewer events when ``expected`` are expected (Poisson).

    Examples
    --------
    >>> round(poisson_at_most(0, 6.0), 4)
    0.0025
    """
    return float(special.pdtr(observed, expected))


def is_gap(observed: float, expected: float) -> bool:
    """Whether a should-talk pair is under-connected enough to report.

    Examples
    --------
    >>> is_gap(0, 6), is_gap(2, 3), is_gap(0, 0.4)
    (True, False, False)
    """
    return expected >= MIN_EXPECTED and observed < GAP_RATIO * expected


def group_gaps(
    grouping: Grouping,
    table: TieTable,
    should_talk: ShouldTalk,
    pairs: list[tuple[str, str]] | None = None,
    every: bool = False,
) -> list[GroupGap]:
    """Gaps between should-talk groups of one grouping, worst first.

    ``pairs`` overrides the should-talk pairs (places: the same tier, not nested); with
    ``every``, each should-talk pair is listed whether or not it is a gap (the boundaries
    introductions are suggested across).
    """
    position = {value: g for g, value in enumerate(grouping.values)}
    gaps = []
    if pairs is None:
        pairs = should_talk.pairs_for(grouping.attribute, list(grouping.values))
    for a, b in pairs:
        g, h = position[a], position[b]
        observed, expected = int(table.observed[g, h]), float(table.expected[g, h])
        if every or is_gap(observed, expected):
            gaps.append(
                GroupGap(
                    grouping.attribute,
                    a,
                    b,
                    grouping.labels[g],
                    grouping.labels[h],
                    observed,
                    expected,
                    poisson_at_most(observed, expected),
                    None,
                    tuple(np.flatnonzero(grouping.codes == g).tolist()),
                    tuple(np.flatnonzero(grouping.codes == h).tolist()),
                )
            )
    return sort_gaps(gaps)


def same_place_gaps(
    ties: TieGraph,
    sectors: Grouping,
    places: Grouping,
    only: list[str] | None = None,
    every: bool = False,
) -> list[GroupGap]:
    """Gaps between any two sectors within the same place (of ``only``, if given), worst
    first."""
    gaps: list[GroupGap] = []
    if ties.m == 0:
        return gaps
    degree = ties.degree.astype(np.float64)
    two_m = 2.0 * ties.m
    for p, place in enumerate(places.values):
        if only is not None and place not in only:
            continue
        here = places.codes == p
        codes = np.where(here & (sectors.codes >= 0), sectors.codes, -1)
        cu, cv = codes[ties.source], codes[ties.target]
        both = (cu >= 0) & (cv >= 0)
        count = sectors.count
        flat = np.bincount(cu[both] * count + cv[both], minlength=count * count)
        table = flat.reshape(count, count)
        table = table + table.T
        degree_sum = np.bincount(codes[codes >= 0], weights=degree[codes >= 0], minlength=count)
        present = [g for g in range(count) if np.any(codes == g)]
        for i, g in enumerate(present):
            for h in present[i + 1 :]:
                observed, expected = int(table[g, h]), degree_sum[g] * degree_sum[h] / two_m
                if not (every or is_gap(observed, expected)):
                    continue
                gaps.append(
                    GroupGap(
                        sectors.attribute,
                        sectors.values[g],
                        sectors.values[h],
                        sectors.labels[g],
                        sectors.labels[h],
                        observed,
                        float(expected),
                        poisson_at_most(observed, float(expected)),
                        place,
                        tuple(np.flatnonzero(codes == g).tolist()),
                        tuple(np.flatnonzero(codes == h).tolist()),
                        places.labels[p],
                    )
                )
    return sort_gaps(gaps)


def sort_gaps(gaps: list[GroupGap]) -> list[GroupGap]:
    """No ties at all first (most expected first), then observed/expected ascending."""
    return sorted(
        gaps,
        key=lambda gap: (
            gap.observed > 0,
            -gap.expected if gap.observed == 0 else gap.ratio,
            gap.attribute,
            gap.place or "",
            gap.a,
            gap.b,
        ),
    )


@dataclass(frozen=True)
class SeparatePart:
    """Stakeholders with no route to the main part, and the link that would join them."""

    members: tuple[int, ...]
    join_from: int
    join_to: int


def separate_parts(ties: TieGraph) -> list[SeparatePart]:
    """Parts of two or more stakeholders cut off from the main part (isolates are listed apart).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([(0, 1), (1, 2), (1, 3), (4, 5)])
    >>> [(p.members, p.join_from, p.join_to) for p in separate_parts(TieGraph.from_networkx(g))]
    [((4, 5), 4, 1)]
    """
    count, labels = ties.components
    if count < 2:
        return []
    main = np.flatnonzero(labels == 0)
    if main.size < 2:
        return []
    join_to = _most_central(ties, main)
    parts = []
    for part in range(1, count):
        members = np.flatnonzero(labels == part)
        if members.size < 2:
            continue
        best = int(members[np.argmax(ties.degree[members])])
        parts.append(SeparatePart(tuple(members.tolist()), best, join_to))
    return parts


def _most_central(ties: TieGraph, members: IntArray) -> int:
    """The member closest on average to every other member (among the best-connected few)."""
    order = np.lexsort((members, -ties.degree[members]))
    candidates = members[order[:JOIN_CANDIDATES]]
    distances = csgraph.shortest_path(ties.adjacency, unweighted=True, indices=candidates)
    totals = distances[:, members].sum(axis=1)
    return int(candidates[int(np.argmin(totals))])


@dataclass(frozen=True)
class KnownGap:
    """A relationship the map records as missing: a documented gap."""

    relationship: str
    source: str
    target: str
    relation: str | None
    description: str
    evidence: str


def known_gaps(system_map: SystemMap) -> list[KnownGap]:
    """Relationships with status ``missing``, by relationship id (never by drawing order)."""
    found = []
    for source, target, key, data in system_map.network().edges(keys=True, data=True):
        if data.get("status") == "missing":
            found.append(
                KnownGap(
                    str(key),
                    str(source),
                    str(target),
                    data.get("relation"),
                    str(data.get("description", "")),
                    str(data.get("evidence", "")),
                )
            )
    return sorted(found, key=lambda gap: gap.relationship)
