"""Betweenness with tie lengths, on small and big maps, against networkx and igraph; and the
span of a tie that is a true bridge.

Written for mutants the analysis tests let through (README, "Tests that catch what breaks"):
a strong tie's length cut into unit steps, batches that dropped the lengths, and a bridge's
span.
"""

from __future__ import annotations

import igraph
import networkx as nx
import numpy as np
import pytest

from sysmap.analysis import centrality
from sysmap.analysis.centrality import betweenness
from sysmap.analysis.resilience import local_bridges
from sysmap.analysis.ties import TieGraph


def test_a_long_tie_loses_to_a_shorter_route_through_a_middleman() -> None:
    # a–c has strength 1/3 (length 3); a–b–c is two ties of length 1, so b is on the route.
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1.0)
    graph.add_edge("b", "c", weight=1.0)
    graph.add_edge("a", "c", weight=1 / 3)
    ties = TieGraph.from_networkx(graph, weight="weight")
    # networkx normalises by 2/((n−1)(n−2)) = 1 for three stakeholders.
    assert betweenness(ties).tolist() == pytest.approx([0.0, 1.0, 0.0])
    assert betweenness(ties, weighted=False).tolist() == pytest.approx([0.0, 0.0, 0.0])


def test_unit_lengths_agree_with_networkx() -> None:
    graph = nx.gnm_random_graph(40, 90, seed=3)
    rng = np.random.default_rng(3)
    for u, v in graph.edges:
        graph.edges[u, v]["weight"] = 1 / float(rng.choice([1, 2, 3]))  # lengths 1, 2, 3
    ties = TieGraph.from_networkx(graph, weight="weight")
    for u, v in graph.edges:
        graph.edges[u, v]["length"] = 1 / graph.edges[u, v]["weight"]
    expected = nx.betweenness_centrality(graph, weight="length")
    assert betweenness(ties).tolist() == pytest.approx([expected[i] for i in range(40)])


def test_big_maps_counted_in_batches_keep_the_lengths(monkeypatch: pytest.MonkeyPatch) -> None:
    # A "big" map made small: batches start above 20 stakeholders (at least 16 sources each).
    monkeypatch.setattr(centrality, "SOURCES_AT_ONCE", 20)
    n = 60
    graph = nx.gnm_random_graph(n, 3 * n, seed=5)
    rng = np.random.default_rng(5)
    lengths = {}
    for u, v in graph.edges:
        lengths[u, v] = float(rng.uniform(1.0, 3.0))  # no common unit: Dijkstra
        graph.edges[u, v]["weight"] = 1 / lengths[u, v]
    ties = TieGraph.from_networkx(graph, weight="weight")
    whole = igraph.Graph(n=n, edges=list(lengths), directed=False)
    raw = np.asarray(whole.betweenness(directed=False, weights=list(lengths.values())))
    expected = raw * 2 / ((n - 1) * (n - 2))
    assert betweenness(ties) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_a_true_bridge_has_no_span() -> None:
    ties = TieGraph.from_networkx(nx.path_graph(3))
    assert local_bridges(ties, np.ones(2, dtype=bool)) == [(0, -1), (1, -1)]
    # In a ring of seven, each tie's other way round is six steps.
    ring = TieGraph.from_networkx(nx.cycle_graph(7))
    assert {span for _, span in local_bridges(ring, np.ones(7, dtype=bool))} == {6}
