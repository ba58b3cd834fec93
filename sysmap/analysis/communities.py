"""Working clusters: communities detected from the ties, compared with the declared groups.

Communities come from the Louvain method (Blondel et al. 2008) on tie strengths, run by
igraph's C implementation with a fixed seed, and again with a few other seeds to show how
much the answer depends on chance. They are compared with each declared grouping by
normalised mutual information (Danon et al. 2005) and the adjusted Rand index (Hubert &
Arabie 1985): near 1, the working clusters are the sectors (or places); near 0, working
groups cut across them, which is good news for joined-up working.

A detected community of at least 4 members where one sector or place holds at least 80% of
the members is a **silo community**.

References
----------
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
communities in large networks. *J. Stat. Mech.* P10008.
Danon, L., Díaz-Guilera, A., Duch, J. & Arenas, A. (2005). Comparing community structure
identification. *J. Stat. Mech.* P09008.
Hubert, L. & Arabie, P. (1985). Comparing partitions. *Journal of Classification* 2: 193–218.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from sysmap.analysis.grouping import Grouping
from sysmap.analysis.ties import IntArray, TieGraph, largest_first

if TYPE_CHECKING:
    import igraph

SEED = 20240601
EXTRA_SEEDS = 2
SILO_COMMUNITY_MIN = 4
SILO_COMMUNITY_SHARE = 0.8
_IGRAPH_RNG = threading.Lock()  # igraph's random generator is global: one seeded run at a time


def normalised_mutual_information(
    a: Sequence[int] | IntArray, b: Sequence[int] | IntArray
) -> float:
    """Normalised mutual information of two partitions (Danon et al. 2005).

    ``NMI = 2·I(A; B) / (H(A) + H(B))``: 1 for the same partition, 0 for independent ones.

    Examples
    --------
    >>> normalised_mutual_information([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> normalised_mutual_information([0, 0, 0, 0], [0, 1, 2, 3])
    0.0
    """
    table = _contingency(a, b)
    n = table.sum()
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    nz = table > 0
    mutual = float((table[nz] * np.log(table[nz] * n / np.outer(rows, cols)[nz])).sum())
    entropy = -float((rows * np.log(rows / n)).sum() + (cols * np.log(cols / n)).sum())
    if entropy == 0:
        return 1.0  # both partitions put everyone together
    return max(0.0, 2 * mutual / entropy)


def adjusted_rand_index(a: Sequence[int] | IntArray, b: Sequence[int] | IntArray) -> float:
    """Adjusted Rand index of two partitions (Hubert & Arabie 1985).

    1 for the same partition, about 0 for chance agreement (it can be negative).

    Examples
    --------
    >>> round(adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]), 4)
    0.5714
    """
    table = _contingency(a, b)
    n = float(table.sum())
    pairs = float((table * (table - 1) / 2).sum())
    rows = float((table.sum(axis=1) * (table.sum(axis=1) - 1) / 2).sum())
    cols = float((table.sum(axis=0) * (table.sum(axis=0) - 1) / 2).sum())
    total = n * (n - 1) / 2
    expected = rows * cols / total if total else 0.0
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (pairs - expected) / (maximum - expected)


def _contingency(a: Sequence[int] | IntArray, b: Sequence[int] | IntArray) -> np.ndarray:
    a_codes = np.unique(np.asarray(a), return_inverse=True)[1]
    b_codes = np.unique(np.asarray(b), return_inverse=True)[1]
    rows, cols = int(a_codes.max(initial=-1)) + 1, int(b_codes.max(initial=-1)) + 1
    flat = np.bincount(a_codes * cols + b_codes, minlength=rows * cols)
    return flat.reshape(rows, cols).astype(np.float64)


@dataclass(frozen=True)
class Stability:
    """How much a Louvain run depends on its seed.

    Attributes
    ----------
    modularity : float
        Modularity of the partition reported, weighted by tie strength.
    seed : int
        The seed of the run reported.
    other_seeds : tuple of int
        Seeds of the extra runs used to judge stability.
    modularity_range : tuple of float
        Lowest and highest modularity over all runs.
    agreement : float
        The lowest NMI between the reported run and each extra run (1: the same every time).
    """

    modularity: float
    seed: int
    other_seeds: tuple[int, ...]
    modularity_range: tuple[float, float]
    agreement: float


@dataclass(frozen=True)
class Communities(Stability):
    """Communities found by the Louvain method: ``membership`` numbers them largest first."""

    membership: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def count(self) -> int:
        """Number of communities (isolated stakeholders each form their own)."""
        return int(self.membership.max(initial=-1)) + 1

    def members(self, community: int) -> IntArray:
        """Positions of the members of ``community``."""
        return np.flatnonzero(self.membership == community).astype(np.int64)


def louvain(ties: TieGraph, seed: int = SEED, extra_seeds: int = EXTRA_SEEDS) -> Communities:
    """Detect communities with the Louvain method, weighted by tie strength, seeded.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> c = louvain(TieGraph.from_networkx(g))
    >>> c.membership.tolist(), round(c.modularity, 3), c.agreement
    ([0, 0, 0, 1, 1, 1], 0.357, 1.0)
    """
    graph = ties.igraph_graph
    weights = ties.strength.tolist()
    seeds = [seed + k for k in range(extra_seeds + 1)]
    runs = [_seeded_multilevel(graph, weights, run_seed) for run_seed in seeds]
    membership, quality = runs[0]
    qualities = [q for _, q in runs]
    agreement = min(
        (normalised_mutual_information(membership, other) for other, _ in runs[1:]), default=1.0
    )
    return Communities(
        membership=membership,
        modularity=float(quality) if ties.m else float("nan"),
        seed=seed,
        other_seeds=tuple(seeds[1:]),
        modularity_range=(float(min(qualities)), float(max(qualities))),
        agreement=float(agreement),
    )


def _seeded_multilevel(
    graph: igraph.Graph, weights: list[float], seed: int
) -> tuple[IntArray, float]:
    # Imported here, as in :mod:`.centrality`; ``graph`` has imported it already.
    import igraph

    with _IGRAPH_RNG:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            clustering = graph.community_multilevel(weights=weights)
        finally:
            igraph.set_random_number_generator(random)
    membership = np.asarray(clustering.membership, dtype=np.int64)
    return largest_first(membership), float(clustering.modularity)


@dataclass(frozen=True)
class Comparison:
    """How far detected communities follow one declared grouping."""

    attribute: str
    nmi: float
    ari: float


def compare(communities: Communities, grouping: Grouping) -> Comparison:
    """Compare communities with a grouping by NMI and ARI, over stakeholders with a value."""
    keep = grouping.codes >= 0
    if np.count_nonzero(keep) < 2:
        return Comparison(grouping.attribute, float("nan"), float("nan"))
    a, b = communities.membership[keep], grouping.codes[keep]
    return Comparison(
        grouping.attribute, normalised_mutual_information(a, b), adjusted_rand_index(a, b)
    )


@dataclass(frozen=True)
class Dominance:
    """The most common value of one attribute among a community's members."""

    attribute: str
    group: int
    value: str
    label: str
    share: float


def dominant(members: IntArray, grouping: Grouping) -> Dominance | None:
    """The value most members share (its share counted over all members), if any has one."""
    codes = grouping.codes[members]
    codes = codes[codes >= 0]
    if codes.size == 0:
        return None
    counts = np.bincount(codes, minlength=grouping.count)
    top = int(np.argmax(counts))
    return Dominance(
        grouping.attribute,
        top,
        grouping.values[top],
        grouping.labels[top],
        float(counts[top]) / float(members.size),
    )


def is_silo_community(size: int, dominance: Dominance | None) -> bool:
    """A community of ≥ 4 members, ≥ 80% of them from one group.

    Examples
    --------
    >>> is_silo_community(5, Dominance("sector", 0, "x", "X", 0.8))
    True
    """
    return (
        dominance is not None
        and size >= SILO_COMMUNITY_MIN
        and dominance.share >= SILO_COMMUNITY_SHARE
    )
