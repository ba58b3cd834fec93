"""Fast implementations against slow, obviously-correct references on many random graphs.

networkx's own functions (or a brute force written from the definition) are the references;
random graphs come from fixed seeds so failures can be replayed.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest

from sysmap.analysis import permutation as permutation_module
from sysmap.analysis.brokerage import brokerage_roles
from sysmap.analysis.centrality import betweenness, constraint, effective_size
from sysmap.analysis.citizen import citizen_view
from sysmap.analysis.ei import ei_report, expected_group_ei
from sysmap.analysis.grouping import make_grouping
from sysmap.analysis.links import two_step_pairs
from sysmap.analysis.mixing import assortativity, tie_table
from sysmap.analysis.permutation import Shuffles
from sysmap.analysis.resilience import BlockCutTree, bridges, local_bridges, points_of_failure
from sysmap.analysis.ties import TieGraph

SEEDS = range(40)


def random_graph(seed: int, groups: str = "abc", weights: bool = False) -> nx.Graph:
    """A random graph on 4–30 stakeholders with a 'team' (sometimes unset) and a 'sector'."""
    rnd = random.Random(seed)
    n = rnd.randint(4, 30)
    graph = nx.gnm_random_graph(n, rnd.randint(n // 2, 2 * n), seed=seed)
    for node in graph:
        if rnd.random() > 0.1:
            graph.nodes[node]["team"] = rnd.choice(groups)
        graph.nodes[node]["sector"] = rnd.choice(["citizens", "third_sector", "private"])
        graph.nodes[node]["place"] = rnd.choice(["Leeds", "York"])
    for _, _, data in graph.edges(data=True):
        data["weight"] = rnd.choice([1, 2, 0.5, 1.5]) if weights else 1
    return graph


def reference_ei(ties: TieGraph, codes: np.ndarray) -> tuple[float, np.ndarray]:
    """Whole-map and per-group E-I by counting each tie, straight from the definition."""
    groups = int(codes.max()) + 1
    internal = external = 0
    per_in, per_out = np.zeros(groups), np.zeros(groups)
    for a, b in zip(ties.source.tolist(), ties.target.tolist(), strict=True):
        if codes[a] < 0 or codes[b] < 0:
            continue
        if codes[a] == codes[b]:
            internal += 1
            per_in[codes[a]] += 1
        else:
            external += 1
            per_out[codes[a]] += 1
            per_out[codes[b]] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        return (external - internal) / (external + internal), (per_out - per_in) / (
            per_out + per_in
        )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("few_groups", [12, 0])
def test_permutation_p_values_match_a_plain_count(
    seed: int, few_groups: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(permutation_module, "_FEW_GROUPS", few_groups)
    ties = TieGraph.from_networkx(random_graph(seed))
    grouping = make_grouping(ties, "team")
    if ties.m == 0 or grouping.count < 2:
        pytest.skip("nothing to shuffle")
    shuffles = Shuffles(200, seed)
    report = ei_report(ties, grouping, shuffles=shuffles)
    observed, observed_groups = reference_ei(ties, grouping.codes)
    assert report.ei_index == pytest.approx(observed, nan_ok=True)
    k_whole, k_groups, valid = 0, np.zeros(grouping.count), np.zeros(grouping.count)
    labelled = grouping.labelled
    for ordering in shuffles.orderings(labelled.size):
        codes = grouping.codes.copy()
        codes[labelled] = grouping.codes[labelled][ordering]
        whole, per_group = reference_ei(ties, codes)
        k_whole += whole <= observed + 1e-9
        k_groups += per_group <= observed_groups + 1e-9
        valid += ~np.isnan(per_group)
    assert report.p_value == pytest.approx((k_whole + 1) / 201)
    for g, group in enumerate(report.groups):
        if np.isnan(observed_groups[g]):
            assert np.isnan(group.p_value)
        else:
            assert group.p_value == pytest.approx((k_groups[g] + 1) / (valid[g] + 1))
    assert [g.expected_ei for g in report.groups] == pytest.approx(
        expected_group_ei(grouping.sizes).tolist(), nan_ok=True
    )


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")
@pytest.mark.parametrize("seed", SEEDS)
def test_assortativity_matches_networkx(seed: int) -> None:
    graph = random_graph(seed)
    for node in graph:
        graph.nodes[node].setdefault("team", "a")
    ties = TieGraph.from_networkx(graph)
    reference = nx.attribute_assortativity_coefficient(graph, "team")
    found = assortativity(tie_table(ties, make_grouping(ties, "team")))
    assert found == pytest.approx(reference, nan_ok=True)


def brute_force_roles(graph: nx.Graph, attribute: str) -> dict[int, list[int]]:
    """Gould & Fernandez (1989) from the definition: each pair of untied contacts, once."""
    roles = {}
    for v in graph:
        counts = [0, 0, 0, 0]
        gv = graph.nodes[v].get(attribute)
        for a, c in itertools.combinations(graph[v], 2):
            ga, gc = graph.nodes[a].get(attribute), graph.nodes[c].get(attribute)
            if graph.has_edge(a, c) or None in (gv, ga, gc):
                continue
            if ga == gv == gc:
                counts[0] += 1
            elif ga == gc:
                counts[1] += 1
            elif gv in (ga, gc):
                counts[2] += 1
            else:
                counts[3] += 1
        roles[v] = counts
    return roles


@pytest.mark.parametrize("seed", SEEDS)
def test_brokerage_roles_match_the_definition(seed: int) -> None:
    graph = random_graph(seed)
    ties = TieGraph.from_networkx(graph)
    found = brokerage_roles(ties, make_grouping(ties, "team"))
    reference = brute_force_roles(graph, "team")
    assert {v: found.counts[i].tolist() for i, v in enumerate(graph)} == reference


def test_brokerage_roles_on_karate_cover_every_open_pair() -> None:
    graph = nx.karate_club_graph()
    ties = TieGraph.from_networkx(graph)
    found = brokerage_roles(ties, make_grouping(ties, "club"))
    assert {v: found.counts[i].tolist() for i, v in enumerate(graph)} == brute_force_roles(
        graph, "club"
    )
    triangles = nx.triangles(graph)
    open_pairs = [graph.degree(v) * (graph.degree(v) - 1) // 2 - triangles[v] for v in graph]
    assert found.counts.sum(axis=1).tolist() == open_pairs


@pytest.mark.parametrize("seed", SEEDS)
def test_weighted_betweenness_and_burt_measures_match_networkx(seed: int) -> None:
    graph = random_graph(seed, weights=True)
    ties = TieGraph.from_networkx(graph, weight="weight")
    for _, _, data in graph.edges(data=True):
        data["length"] = 1 / Fraction(data["weight"]).limit_denominator(10)
    exact = nx.betweenness_centrality(graph, weight="length")
    assert betweenness(ties) == pytest.approx([float(exact[v]) for v in graph], abs=1e-12)
    nodes = list(graph)
    ref_c = nx.constraint(graph, nodes=nodes, weight="weight")
    ref_e = nx.effective_size(graph, nodes=nodes, weight="weight")
    assert constraint(ties) == pytest.approx([ref_c[v] for v in nodes], nan_ok=True)
    assert effective_size(ties) == pytest.approx([ref_e[v] for v in nodes], nan_ok=True)


def check_separated(graph: nx.Graph, point: int, separated: set[int]) -> None:
    """Everyone outside one largest remaining piece (any of them, when two tie) is cut off."""
    component = nx.node_connected_component(graph, point)
    pieces = list(nx.connected_components(graph.subgraph(component - {point})))
    largest = max(len(p) for p in pieces)
    kept = component - {point} - separated
    assert kept in pieces
    assert len(kept) == largest


@pytest.mark.parametrize("seed", SEEDS)
def test_points_of_failure_bridges_and_local_bridges_match_networkx(seed: int) -> None:
    graph = random_graph(seed)
    ties = TieGraph.from_networkx(graph)
    points = points_of_failure(ties, BlockCutTree(ties))
    assert {p.node for p in points} == set(nx.articulation_points(graph))
    for p in points:
        check_separated(graph, p.node, set(p.separated))
        assert p.cut_off == len(p.separated)
    found_bridges = {(int(ties.source[r]), int(ties.target[r])) for r in bridges(ties)}
    assert found_bridges == {tuple(sorted(e)) for e in nx.bridges(graph)}
    everywhere = np.ones(ties.m, dtype=bool)
    spans = {
        (int(ties.source[r]), int(ties.target[r])): span
        for r, span in local_bridges(ties, everywhere, bridges(ties))
    }
    reference = {
        tuple(sorted((u, v))): s
        for u, v, s in nx.local_bridges(graph, with_span=True)
        if s != float("inf")
    }
    assert spans == reference


@pytest.mark.parametrize("seed", SEEDS)
def test_only_through_matches_minimum_node_cut(seed: int) -> None:
    graph = random_graph(seed)
    ties = TieGraph.from_networkx(graph)
    tree = BlockCutTree(ties)
    rnd = random.Random(seed)
    for _ in range(30):
        a, b = rnd.sample(list(graph), 2)
        found = tree.separators(a, b)
        if graph.has_edge(a, b) or not nx.has_path(graph, a, b):
            assert found == []
            continue
        cut = nx.minimum_node_cut(graph, a, b)
        single = {
            v
            for v in graph
            if v not in (a, b) and not nx.has_path(graph.subgraph(set(graph) - {v}), a, b)
        }
        assert set(found) == single
        assert (len(cut) == 1) == bool(single)


@pytest.mark.parametrize("seed", SEEDS)
def test_citizen_routes_are_shortest_with_fewest_crossings(seed: int) -> None:
    graph = random_graph(seed)
    ties = TieGraph.from_networkx(graph)
    view = citizen_view(ties)
    for row, citizen in enumerate(view.citizens.tolist()):
        for column, service in enumerate(view.services.tolist()):
            if not nx.has_path(graph, citizen, service):
                assert view.steps[row, column] == -1
                continue
            best = min(
                (
                    sum(
                        graph.nodes[p]["sector"] != graph.nodes[q]["sector"]
                        for p, q in itertools.pairwise(path)
                    ),
                    sum(
                        graph.nodes[p]["place"] != graph.nodes[q]["place"]
                        for p, q in itertools.pairwise(path)
                    ),
                    len(path) - 1,
                )
                for path in nx.all_shortest_paths(graph, citizen, service)
            )
            assert view.steps[row, column] == best[2]
            assert (view.sector_crossings[row, column], view.place_crossings[row, column]) == best[
                :2
            ]
            route = view.route(row, column)
            assert route[0] == citizen
            assert route[-1] == service
            assert len(route) == best[2] + 1
            assert all(graph.has_edge(p, q) for p, q in itertools.pairwise(route))


def test_link_scores_match_networkx_on_karate() -> None:
    graph = nx.karate_club_graph()
    pairs = two_step_pairs(TieGraph.from_networkx(graph))
    listed = list(zip(pairs.low.tolist(), pairs.high.tolist(), strict=True))
    expected = {
        (u, v)
        for u, v in itertools.combinations(graph, 2)
        if not graph.has_edge(u, v) and set(graph[u]) & set(graph[v])
    }
    assert set(listed) == expected
    ra = {(u, v): p for u, v, p in nx.resource_allocation_index(graph, listed)}
    aa = {(u, v): p for u, v, p in nx.adamic_adar_index(graph, listed)}
    cn = {(u, v): len(list(nx.common_neighbors(graph, u, v))) for u, v in listed}
    assert pairs.resource_allocation.tolist() == pytest.approx([ra[p] for p in listed])
    assert pairs.adamic_adar.tolist() == pytest.approx([aa[p] for p in listed])
    assert pairs.common.tolist() == [cn[p] for p in listed]


def test_indexed_link_search_matches_the_full_scan() -> None:
    from sysmap.analysis.gaps import group_gaps, same_place_gaps
    from sysmap.analysis.links import suggest_links
    from sysmap.analysis.should_talk import ShouldTalk
    from sysmap.model.synthetic import synthetic_map

    ties = TieGraph.from_map(synthetic_map(400, seed=2))
    sectors, places = make_grouping(ties, "sector"), make_grouping(ties, "place")
    gaps = [
        *group_gaps(sectors, tie_table(ties, sectors), ShouldTalk()),
        *group_gaps(places, tie_table(ties, places), ShouldTalk()),
        *same_place_gaps(ties, sectors, places),
    ]
    assert len(gaps) > 20
    between, tight = ties.degree * 1.0, ties.degree * 0.0
    scanned = suggest_links(ties, gaps, between, tight)
    codes = {"sector": sectors.codes, "place": places.codes}
    indexed = suggest_links(ties, gaps, between, tight, codes=codes, places=places.codes)
    assert indexed == scanned


@pytest.mark.parametrize("seed", SEEDS)
def test_routes_over_ties_match_walking_every_route(seed: int) -> None:
    graph = random_graph(seed)
    ties = TieGraph.from_networkx(graph)
    view = citizen_view(ties)
    expected = np.zeros(ties.m, dtype=np.int64)
    for row in range(view.citizens.size):
        for column in range(view.services.size):
            route = view.route(row, column)
            for p, q in itertools.pairwise(route):
                expected[ties.tie_index[(min(p, q), max(p, q))]] += 1
    assert view.routes_over(np.arange(ties.m)).tolist() == expected.tolist()
