"""The silo rule of methods.md §1, clause by clause, at its edges.

A group is a silo when it has at least 3 members, its E-I is below 0 *and* below what random
mixing gives, and its permutation p-value is below 0.05. Issue 19: dropping the "below what
random mixing gives" clause passed every analysis test, because on real maps a group whose
E-I is significantly low is nearly always below the expectation as well. Each case here
breaks exactly one clause, so a rule that forgets or loosens any one of them fails.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sysmap.analysis.ei import ei_report, expected_group_ei, expected_whole_ei, is_silo
from sysmap.analysis.grouping import make_grouping
from sysmap.analysis.ties import TieGraph


def test_a_big_group_inward_looking_only_as_its_size_predicts_is_no_silo() -> None:
    # Eight of ten stakeholders: random mixing alone gives (2·2 − 7) / (2·2 + 7) = −3/11.
    expected = float(expected_group_ei(np.array([8, 2]))[0])
    assert expected == pytest.approx(-3 / 11)
    # E-I −0.2 is below 0 and significant, but no more inward-looking than its size says.
    assert not is_silo(8, -0.2, expected, 0.001)
    assert is_silo(8, -0.3, expected, 0.001)


@pytest.mark.parametrize(
    ("size", "ei_index", "expected", "p_value", "silo"),
    [
        (3, -0.5, 0.3, 0.01, True),  # the smallest group that can be a silo
        (2, -0.9, 0.3, 0.01, False),  # too small
        (5, 0.0, 0.3, 0.01, False),  # E-I not below 0
        (5, -0.01, 0.3, 0.01, True),
        (5, -0.4, -0.4, 0.01, False),  # E-I equal to, not below, the expectation
        (5, -0.41, -0.4, 0.01, True),
        (5, -0.6, 0.3, 0.05, False),  # p not below 0.05
        (5, -0.6, 0.3, 0.0499, True),
        (5, -0.6, 0.3, 0.2, False),
    ],
)
def test_each_clause_of_the_silo_rule_at_its_edge(
    size: int, ei_index: float, expected: float, p_value: float, silo: bool
) -> None:
    assert is_silo(size, ei_index, expected, p_value) is silo


def test_expected_values_by_hand() -> None:
    # Krackhardt & Stern: a group of n in N, 2(N − n) outside ties against n − 1 inside.
    assert expected_group_ei(np.array([3, 7])).tolist() == pytest.approx([12 / 16, 0.0])
    # Whole map: p_E = 1 − (3·2 + 7·6) / (10·9) = 42/90, E[EI] = 2·p_E − 1.
    assert expected_whole_ei(np.array([3, 7])) == pytest.approx(2 * 42 / 90 - 1)
    assert np.isnan(expected_whole_ei(np.array([1])))


def two_cliques_joined_once(size: int) -> TieGraph:
    """Two cliques of ``size`` labelled a and b, joined by one tie."""
    graph = nx.disjoint_union(nx.complete_graph(size), nx.complete_graph(size))
    graph.add_edge(0, size)
    nx.set_node_attributes(graph, {i: "ab"[i // size] for i in graph}, "team")
    return TieGraph.from_networkx(graph)


def test_two_closed_cliques_are_both_silos_and_the_report_carries_the_rule_inputs() -> None:
    ties = two_cliques_joined_once(6)
    report = ei_report(ties, make_grouping(ties, "team"), permutations=199, seed=1)
    for group in report.groups:
        assert (group.size, group.internal, group.external) == (6, 15, 1)
        assert group.ei_index == pytest.approx(-14 / 16)
        # 2·6 outside against 5 inside: (12 − 5) / (12 + 5).
        assert group.expected_ei == pytest.approx(7 / 17)
        assert group.p_value < 0.05
        assert group.is_silo
    assert (report.internal, report.external) == (30, 1)
    assert report.ei_index == pytest.approx(-29 / 31)
    # p_E = 1 − 2·6·5 / (12·11) = 72/132.
    assert report.expected_ei == pytest.approx(2 * 72 / 132 - 1)
