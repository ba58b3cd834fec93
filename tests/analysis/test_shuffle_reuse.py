"""The label shuffles of the silo test: made once and kept (a map analysed again after an edit,
with the same seed, count and number of stakeholders, reuses them rather than shuffling every
stakeholder a thousand times again, as ``Shuffles.orderings`` promises), and the labelled
ties they shuffle."""

from __future__ import annotations

import networkx as nx
import numpy as np

from sysmap.analysis.grouping import make_grouping
from sysmap.analysis.permutation import LabelledTies, Shuffles
from sysmap.analysis.ties import TieGraph


def test_a_second_analysis_reuses_the_orderings_the_first_made() -> None:
    first = Shuffles(50, seed=3).orderings(41)
    again = Shuffles(50, seed=3).orderings(41)
    assert again is first
    assert not again.flags.writeable  # shared by every analysis, so nobody may change them


def test_orderings_for_other_sizes_are_made_afresh_and_the_same_each_time() -> None:
    kept = Shuffles(50, seed=3).orderings(42)
    for size in (43, 44):  # the two most recent are kept, so 42 is dropped
        Shuffles(50, seed=3).orderings(size)
    made_again = Shuffles(50, seed=3).orderings(42)
    assert made_again is not kept
    assert np.array_equal(made_again, kept)
    assert sorted(made_again[0].tolist()) == list(range(42))


def test_groups_whose_members_share_no_tie_get_float_degree_sums_like_any_other() -> None:
    # Two labelled stakeholders, each tied only to an unlabelled one: no tie has both ends
    # in a group, so the degree sums are zero, held as floats like every other map's.
    graph = nx.Graph([("a", "hub"), ("b", "hub")])
    nx.set_node_attributes(graph, {"a": "x", "b": "y"}, "team")
    ties = TieGraph.from_networkx(graph)
    data = LabelledTies.of(ties, make_grouping(ties, "team"))
    assert data.u.size == 0
    for sums in (data.degree, data.wdegree):
        assert sums.dtype == np.float64
        assert sums.tolist() == [0.0, 0.0]
