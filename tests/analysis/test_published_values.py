"""Each measure against values published for real networks that ship with networkx.

Sources are cited beside each test. Where a value is a structural fact of the data (who is an
articulation point) rather than a printed number, the test says so.
"""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import numpy as np
import pytest

from sysmap.analysis.centrality import betweenness, constraint, effective_size
from sysmap.analysis.communities import adjusted_rand_index, louvain, normalised_mutual_information
from sysmap.analysis.ei import ei_report
from sysmap.analysis.grouping import make_grouping
from sysmap.analysis.mixing import assortativity, modularity, tie_table
from sysmap.analysis.resilience import BlockCutTree, bridges, points_of_failure
from sysmap.analysis.ties import TieGraph


@pytest.fixture(scope="module")
def karate() -> TieGraph:
    return TieGraph.from_networkx(nx.karate_club_graph())


# --- Zachary's karate club, grouped by the club each member joined (methods.md §7) ----------
# Zachary, W. W. (1977). An information flow model for conflict and fission in small groups.
# J. Anthropological Research 33(4): 452–473. 78 ties; 11 cross the split.


def test_karate_ei_index_expectation_and_permutation_p(karate: TieGraph) -> None:
    report = ei_report(karate, make_grouping(karate, "club"), permutations=9999, seed=1)
    assert (report.external, report.internal) == (11, 67)
    assert report.ei_index == pytest.approx(-0.718, abs=5e-4)
    assert report.expected_ei == pytest.approx(0.030, abs=5e-4)
    # No shuffle of 9,999 is as segregated as the real split: p = 1/10,000.
    assert report.p_value == pytest.approx(1e-4)


def test_karate_attribute_assortativity_and_modularity(karate: TieGraph) -> None:
    table = tie_table(karate, make_grouping(karate, "club"))
    assert assortativity(table) == pytest.approx(0.7175, abs=5e-5)
    assert modularity(table) == pytest.approx(0.3582, abs=5e-5)
    # And they agree with networkx on the same split, weighted and not.
    graph = nx.karate_club_graph()
    clubs = [{n for n in graph if graph.nodes[n]["club"] == c} for c in ("Mr. Hi", "Officer")]
    assert assortativity(table) == pytest.approx(
        nx.attribute_assortativity_coefficient(graph, "club")
    )
    weighted = TieGraph.from_networkx(graph, weight="weight")
    weighted_table = tie_table(weighted, make_grouping(weighted, "club"))
    assert modularity(weighted_table, weighted=True) == pytest.approx(
        nx.community.modularity(graph, clubs, weight="weight")
    )


def test_karate_only_bridge_and_articulation_point(karate: TieGraph) -> None:
    assert [(int(karate.source[r]), int(karate.target[r])) for r in bridges(karate)] == [(0, 11)]
    points = points_of_failure(karate, BlockCutTree(karate))
    assert [p.node for p in points] == [0]
    # Without Mr Hi (node 0), node 11 and the group {4, 5, 6, 10, 16} lose every route.
    assert points[0].separated == (4, 5, 6, 10, 11, 16)


def test_karate_louvain_modularity_matches_published(karate: TieGraph) -> None:
    # Blondel et al. (2008), J. Stat. Mech. P10008, Table 1: Louvain finds Q = 0.42 on the
    # karate club; the proven optimum is 0.4198 (Brandes et al. 2008, IEEE TKDE 20(2)).
    found = louvain(karate, seed=1)
    assert 0.41 <= found.modularity <= 0.4198 + 1e-4
    parts = [set(found.members(c).tolist()) for c in range(found.count)]
    graph = nx.convert_node_labels_to_integers(nx.karate_club_graph())
    assert found.modularity == pytest.approx(nx.community.modularity(graph, parts, weight=None))


# --- Padgett's Florentine families (marriage network, 15 families) -----------------------------
# Padgett, J. F. & Ansell, C. K. (1993). Robust action and the rise of the Medici, 1400–1434.
# AJS 98(6): 1259–1319. Normalised betweenness as tabulated in Jackson, M. O. (2008), Social
# and Economic Networks, Princeton, §2.2.4 (Medici .522, Guadagni .255, Albizzi .212 …).
FLORENTINE_BETWEENNESS = {
    "Medici": 0.522,
    "Guadagni": 0.255,
    "Albizzi": 0.212,
    "Salviati": 0.143,
    "Ridolfi": 0.114,
    "Bischeri": 0.104,
    "Strozzi": 0.103,
    "Barbadori": 0.093,
    "Tornabuoni": 0.092,
    "Castellani": 0.055,
    "Peruzzi": 0.022,
    "Acciaiuoli": 0.0,
    "Ginori": 0.0,
    "Lamberteschi": 0.0,
    "Pazzi": 0.0,
}


def test_florentine_betweenness_matches_published_table() -> None:
    ties = TieGraph.from_networkx(nx.florentine_families_graph())
    found = dict(zip(ties.nodes, betweenness(ties).tolist(), strict=True))
    for family, value in FLORENTINE_BETWEENNESS.items():
        assert found[family] == pytest.approx(value, abs=5e-4), family


def test_florentine_articulation_points() -> None:
    # Structural fact of the data: Medici alone link Acciaiuoli, and Salviati–Pazzi, to the rest.
    ties = TieGraph.from_networkx(nx.florentine_families_graph())
    points = points_of_failure(ties, BlockCutTree(ties))
    cut = {ties.nodes[p.node]: sorted(ties.nodes[s] for s in p.separated) for p in points}
    assert cut == {
        "Medici": ["Acciaiuoli", "Pazzi", "Salviati"],
        "Albizzi": ["Ginori"],
        "Guadagni": ["Lamberteschi"],
        "Salviati": ["Pazzi"],
    }


# --- Krackhardt's kite -----------------------------------------------------------------------
# Krackhardt, D. (1990). Assessing the political landscape. ASQ 35(2): 342–369. Heather has the
# highest betweenness (14 of 36 pairs' routes), Diane the highest degree.


def test_krackhardt_kite_betweenness() -> None:
    ties = TieGraph.from_networkx(nx.krackhardt_kite_graph())
    raw = betweenness(ties) * 36  # (n − 1)(n − 2) / 2 = 36 pairs
    names = [
        "Andre",
        "Beverly",
        "Carol",
        "Diane",
        "Ed",
        "Fernando",
        "Garth",
        "Heather",
        "Ike",
        "Jane",
    ]
    expected = [5 / 6, 5 / 6, 0, 11 / 3, 0, 25 / 3, 25 / 3, 14, 8, 0]
    assert dict(zip(names, raw.round(3).tolist(), strict=True)) == dict(
        zip(names, np.round(expected, 3).tolist(), strict=True)
    )
    assert names[int(np.argmax(raw))] == "Heather"
    assert names[int(np.argmax(ties.degree))] == "Diane"


# --- Burt's structural holes -------------------------------------------------------------------
# Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures. Connections
# 20(1): 35–38. His example ego (G here) has 6 contacts with 4 ties among them: effective size
# 6 − 2·4/6 = 4.67. Constraint values as UCINET computes them (networkx's test suite).
BORGATTI = [("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"), ("B", "G"),
            ("B", "D"), ("D", "G"), ("G", "C")]  # fmt: skip


def test_borgatti_effective_size_and_constraint() -> None:
    ties = TieGraph.from_networkx(nx.Graph(BORGATTI))
    size = dict(zip(ties.nodes, effective_size(ties).tolist(), strict=True))
    tight = dict(zip(ties.nodes, constraint(ties).tolist(), strict=True))
    assert size["G"] == pytest.approx(4.67, abs=5e-3)
    assert size["A"] == pytest.approx(2.50, abs=5e-3)
    assert size["C"] == pytest.approx(1.0)
    assert tight["G"] == pytest.approx(0.400, abs=5e-4)
    assert tight["A"] == pytest.approx(0.595, abs=5e-4)
    assert tight["C"] == pytest.approx(1.0)


@pytest.mark.parametrize("contacts", [2, 3, 5, 8])
def test_constraint_of_unconnected_contacts_is_one_over_n(contacts: int) -> None:
    # Burt (1992), Structural Holes, p. 55: N equal, unconnected contacts give constraint 1/N.
    ties = TieGraph.from_networkx(nx.star_graph(contacts))
    assert constraint(ties)[0] == pytest.approx(1 / contacts)


def test_burt_measures_match_networkx_definitions_on_weighted_karate() -> None:
    graph = nx.karate_club_graph()
    ties = TieGraph.from_networkx(graph, weight="weight")
    nodes = list(graph)
    ref_constraint = nx.constraint(graph, weight="weight")
    # networkx 3.6's sparse path (nodes=None) divides the weighted redundancy by the wrong
    # axis; its per-node path follows Burt's definition, which we match.
    ref_size = nx.effective_size(graph, weight="weight", nodes=nodes)
    assert constraint(ties) == pytest.approx([ref_constraint[n] for n in nodes])
    assert effective_size(ties) == pytest.approx([ref_size[n] for n in nodes])


def test_weighted_betweenness_is_exact_on_weighted_karate() -> None:
    # Lengths 1/strength compared in exact arithmetic: networkx with Fraction lengths.
    graph = nx.karate_club_graph()
    for _, _, data in graph.edges(data=True):
        data["length"] = Fraction(1, int(data["weight"]))
    exact = nx.betweenness_centrality(graph, weight="length")
    ties = TieGraph.from_networkx(graph, weight="weight")
    assert betweenness(ties) == pytest.approx([float(exact[n]) for n in graph], abs=1e-12)


# --- Comparing partitions ----------------------------------------------------------------------
# Hubert, L. & Arabie, P. (1985). Comparing partitions. J. Classification 2: 193–218. The
# worked values below are those printed in scikit-learn's documentation of adjusted_rand_score
# and normalized_mutual_info_score (arithmetic normalisation, Danon et al. 2005).


def test_adjusted_rand_index_published_examples() -> None:
    assert adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(0.5714, abs=5e-5)
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)


def test_normalised_mutual_information_published_examples() -> None:
    assert normalised_mutual_information([0, 0, 1, 1], [0, 0, 1, 1]) == 1.0
    assert normalised_mutual_information([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert normalised_mutual_information([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    # Hand-worked: A = {01}{23}, B = {012}{3}: I = ½ln(4/3) + ¼ln(2/3) + ¼ln 2 = 0.21576
    # nats, H(A) = ln 2 = 0.69315, H(B) = 0.56233, so NMI = 2I / (H(A) + H(B)) = 0.3437.
    assert normalised_mutual_information([0, 0, 1, 1], [0, 0, 0, 1]) == pytest.approx(
        0.3437, abs=1e-4
    )


def test_a_published_network_keeps_its_node_labels() -> None:
    """Stakeholders read from a networkx graph are named by their ``label``, else their id."""
    graph = nx.Graph([("a", "b"), ("b", 3)])
    graph.nodes["a"]["label"] = "Ann's group"
    ties = TieGraph.from_networkx(graph)
    assert ties.nodes == ("a", "b", "3")
    assert ties.labels == ("Ann's group", "b", "3")
