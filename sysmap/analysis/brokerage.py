"""Gould–Fernandez brokerage roles: whom a stakeholder brokers between, by group.

A stakeholder v **brokers** for two of its contacts a and c who have no tie to each other
(Gould & Fernandez 1989, following Marsden 1982). The groups of a, v and c give the role:

============================  ===============  =================================================
role                          groups (a, v, c)  in words
============================  ===============  =================================================
coordinator                   A, A, A           joins two members of its own group
itinerant (consultant)        A, B, A           joins two members of another group
gatekeeper / representative   A, B, B           joins its own group to an outsider
liaison                       A, B, C           joins two other groups, belonging to neither
============================  ===============  =================================================

Gould and Fernandez defined the roles on directed ties, where a→v→c with v and c in the same
group (gatekeeper: v controls what comes into its group) differs from a→v→c with a and v in
the same group (representative: v speaks for its group outside). sysmap's ties are
undirected, so these two roles merge into one; each unordered pair of contacts counts once.
Contacts without a value of the grouping attribute are left out.

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
brokerage in transaction networks. *Sociological Methodology* 19: 89–126.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sysmap.analysis.grouping import Grouping
from sysmap.analysis.ties import IntArray, TieGraph

ROLES = ("coordinator", "itinerant", "gatekeeper_representative", "liaison")
ROLE_NAMES = {
    "coordinator": "coordinator",
    "itinerant": "itinerant broker",
    "gatekeeper_representative": "gatekeeper or representative",
    "liaison": "liaison",
}


@dataclass(frozen=True)
class Brokerage:
    """Brokerage role counts for one grouping.

    Attributes
    ----------
    attribute : str
    counts : numpy.ndarray
        ``n × 4`` counts per stakeholder, columns in the order of :data:`ROLES` (zero for a
        stakeholder without a value).
    """

    attribute: str
    counts: IntArray

    def roles_of(self, node: int) -> dict[str, int]:
        """The role counts of one stakeholder, by role name."""
        return dict(zip(ROLES, self.counts[node].tolist(), strict=True))

    def all_roles(self) -> list[dict[str, int]]:
        """The role counts of every stakeholder, by role name."""
        return [dict(zip(ROLES, row, strict=True)) for row in self.counts.tolist()]


def brokerage_roles(ties: TieGraph, grouping: Grouping) -> Brokerage:
    """Count the Gould–Fernandez roles of every stakeholder for a grouping.

    All pairs of contacts are first counted by the groups involved (from how many contacts
    a stakeholder has in each group), then the pairs that are tied to each other (the
    triangles) are taken away.

    Examples
    --------
    A hub in group x with two contacts in x, one in y and one in z, none tied to another:

    >>> import networkx as nx
    >>> from sysmap.analysis.grouping import make_grouping
    >>> g = nx.star_graph(4)
    >>> nx.set_node_attributes(g, dict(zip(range(5), "xxxyz")), "team")
    >>> tg = TieGraph.from_networkx(g)
    >>> brokerage_roles(tg, make_grouping(tg, "team")).roles_of(0)
    {'coordinator': 1, 'itinerant': 0, 'gatekeeper_representative': 4, 'liaison': 1}
    """
    codes, groups = grouping.codes, grouping.count
    counts = np.zeros((ties.n, 4), dtype=np.int64)
    if groups == 0 or ties.m == 0:
        return Brokerage(grouping.attribute, counts)
    labelled = codes >= 0
    rows = np.flatnonzero(labelled)
    one_hot = sp.csr_array((np.ones(rows.size), (rows, codes[rows])), shape=(ties.n, groups))
    per_group = np.asarray((ties.adjacency @ one_hot).toarray(), dtype=np.int64)
    own_code = np.where(labelled, codes, 0)
    own = per_group[np.arange(ties.n), own_code]
    total = per_group.sum(axis=1)
    others = total - own
    same_pairs = (per_group * (per_group - 1) // 2).sum(axis=1)
    squares = (per_group * per_group).sum(axis=1)
    counts[:, 0] = own * (own - 1) // 2
    counts[:, 1] = same_pairs - counts[:, 0]
    counts[:, 2] = own * others
    counts[:, 3] = (others * others - (squares - own * own)) // 2
    counts -= _closed_pairs(ties, codes)
    counts[~labelled] = 0
    return Brokerage(grouping.attribute, counts)


def _closed_pairs(ties: TieGraph, codes: IntArray) -> IntArray:
    """Per stakeholder and role, the pairs of contacts who are tied to each other."""
    closed = np.zeros((ties.n, 4), dtype=np.int64)
    v, a, c = ties.triangles
    if v.size == 0:
        return closed
    gv, ga, gc = codes[v], codes[a], codes[c]
    valid = (gv >= 0) & (ga >= 0) & (gc >= 0)
    role = np.full(v.size, 3)  # liaison unless a rule below applies
    role[(ga == gc) & (ga != gv)] = 1
    role[(ga == gv) ^ (gc == gv)] = 2
    role[(ga == gv) & (gc == gv)] = 0
    np.add.at(closed, (v[valid], role[valid]), 1)
    return closed
