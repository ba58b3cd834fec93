"""The numbers behind the charts: tie tables, E-I against its random-mixing range, rankings."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sysmap.analysis import analyse
from sysmap.analysis.ei import ei_report
from sysmap.analysis.grouping import make_grouping
from sysmap.analysis.permutation import Shuffles
from sysmap.analysis.ties import TieGraph
from sysmap.charts import chart_data
from sysmap.charts.data import shuffled_ranges
from sysmap.workspace import open_map


@pytest.fixture(scope="module")
def reoffending():
    system_map = open_map("reoffending").map
    result = analyse(system_map, permutations=999)
    return system_map, result, chart_data(result, system_map)


def test_karate_club_split_lies_far_below_its_random_mixing_range() -> None:
    # Zachary (1977): the two clubs keep 67 of 78 ties inside. Each club has 17 of 34 members,
    # so random mixing gives each club E-I = (2·17 − 16)/(2·17 + 16) = +0.36 (Krackhardt &
    # Stern 1988); the real clubs sit near −0.7, far below anything label shuffles produce.
    karate = TieGraph.from_networkx(nx.karate_club_graph())
    grouping = make_grouping(karate, "club")
    low, high = shuffled_ranges(karate, grouping, Shuffles(2000, seed=1))
    report = ei_report(karate, grouping, permutations=2000, seed=1)
    for g, group in enumerate(report.groups):
        assert group.expected_ei == pytest.approx(0.36)
        assert low[g] < group.expected_ei < high[g]
        assert group.ei_index < low[g]
        assert group.p_value < 0.001


def test_ranges_agree_with_the_permutation_p_values(reoffending) -> None:
    _map, _result, data = reoffending
    for attribute, mixing in data.mixing.items():
        for g, label in enumerate(mixing.labels):
            if not np.isfinite(mixing.low[g]) or mixing.low[g] == mixing.high[g]:
                continue
            # Below the middle 95% means fewer than 2.5% of shuffles are as low: p < 0.05.
            if mixing.ei[g] < mixing.low[g]:
                assert mixing.p_values[g] < 0.05, (attribute, label)
            if mixing.p_values[g] < 0.01:
                assert mixing.ei[g] <= mixing.low[g] + 1e-9, (attribute, label)


def test_tie_matrix_counts_every_tie_once(reoffending) -> None:
    _map, result, data = reoffending
    for attribute, matrix in data.matrices.items():
        grouping = result.groups[attribute]
        observed = matrix.observed
        assert np.array_equal(observed, observed.T)
        assert np.diag(observed).tolist() == [g.internal for g in grouping.groups]
        outside = observed.sum(axis=1) - np.diag(observed)
        assert outside.tolist() == [g.external for g in grouping.groups]
        assert np.triu(observed).sum() == grouping.internal + grouping.external
        # Expected ties come from degree sums: they add up to the same total.
        assert np.triu(matrix.expected).sum() == pytest.approx(np.triu(observed).sum())
        assert matrix.labels == tuple(g.label for g in grouping.groups)


def test_labels_are_the_names_people_read(reoffending) -> None:
    system_map, _result, data = reoffending
    sectors = data.matrices["sector"].labels
    assert "Citizens & communities" in sectors
    assert "citizens" not in sectors
    ranking = data.rankings["betweenness"]
    assert ranking.labels[0] == "HM Prison & Probation Service"
    assert ranking.colours[0] == system_map.sectors.get("central_government").colour
    assert list(ranking.values) == sorted(ranking.values, reverse=True)
    degree = data.rankings["degree"]
    top = max(system_map.graph.nodes, key=lambda n: len(set(nx.all_neighbors(system_map.graph, n))))
    assert degree.labels[0] == system_map.label(top)
