"""Every measure on the small Salford map (conftest.py), with values worked out by hand.

Degrees used below (17 working ties): Probation 6, Council Housing 4, Police 2, Food Bank 4,
Women's Centre 4, Recovery 3, Mind 3, Victim Support 1, MoJ 2, DWP 1, Prison leaver 1,
Inspectorate 1, Landlords 1, Victims 1, Employers 0. Sector degree sums: local public
services 12, third sector 15, central government 3.
"""

from __future__ import annotations

import pytest

from sysmap.analysis.brokerage import brokerage_roles
from sysmap.analysis.citizen import citizen_view
from sysmap.analysis.ei import ei_report
from sysmap.analysis.gaps import group_gaps, known_gaps, same_place_gaps, separate_parts
from sysmap.analysis.grouping import make_grouping, vocabulary_for
from sysmap.analysis.links import BrokerNeeded, suggest_links
from sysmap.analysis.mixing import tie_table
from sysmap.analysis.resilience import (
    BlockCutTree,
    bridges,
    isolates,
    local_bridges,
    points_of_failure,
)
from sysmap.analysis.should_talk import ShouldTalk
from sysmap.analysis.ties import TieGraph
from sysmap.model import SystemMap


def ties_of(system_map: SystemMap, scenario: str = "as-is") -> TieGraph:
    return TieGraph.from_map(system_map, scenario)  # type: ignore[arg-type]


def grouping(ties: TieGraph, system_map: SystemMap, attribute: str = "sector"):
    return make_grouping(ties, attribute, vocabulary_for(system_map, attribute))


def test_ties_exclude_missing_and_proposed_and_halve_weak(salford: SystemMap) -> None:
    ties = ties_of(salford)
    assert ties.m == 17
    row = ties.tie_index[tuple(sorted((ties.index["probation"], ties.index["housing"])))]
    assert ties.strength[row] == 0.5
    assert ties.relationships[row] == ("probation-refers-housing",)
    assert not ties.relationships_between(ties.index["dwp"], ties.index["leaver"])
    to_be = ties_of(salford, "to-be")
    assert to_be.m == 18
    assert to_be.relationships_between(to_be.index["leaver"], to_be.index["food-bank"])


def test_ei_index_of_third_sector(salford: SystemMap) -> None:
    ties = ties_of(salford)
    report = ei_report(ties, grouping(ties, salford), permutations=999, seed=3)
    third = next(g for g in report.groups if g.name == "third_sector")
    # 6 ties among the four charities; Probation–Food Bank, Housing–Women's Centre and
    # Victim Support–Victims cross: (3 − 6) / 9.
    assert (third.internal, third.external) == (6, 3)
    assert third.ei_index == pytest.approx(-1 / 3)
    # 5 of 15 stakeholders: (2·10 − 4) / (2·10 + 4) = 2/3.
    assert third.expected_ei == pytest.approx(2 / 3)
    assert third.p_value < 0.05
    assert third.is_silo
    assert third.label == "Third sector"
    # Whole map: 10 of 17 ties inside a sector; Σ n(n−1) = 32 of 15·14 pairs.
    assert (report.internal, report.external) == (10, 7)
    assert report.ei_index == pytest.approx(-3 / 17)
    assert report.expected_ei == pytest.approx(2 * (1 - 32 / 210) - 1)
    # Groups of fewer than 3 are never silos, however inward-looking.
    assert not any(g.is_silo for g in report.groups if g.size < 3)


def test_stakeholder_ei(salford: SystemMap) -> None:
    ties = ties_of(salford)
    report = ei_report(ties, grouping(ties, salford), permutations=9)
    per = dict(zip(ties.nodes, report.stakeholders.tolist(), strict=True))
    assert per["food-bank"] == pytest.approx((1 - 3) / 4)
    assert per["probation"] == pytest.approx((4 - 2) / 6)
    assert per["employer"] != per["employer"]  # NaN: no ties


def test_weighted_ei_counts_weak_ties_half(salford: SystemMap) -> None:
    ties = ties_of(salford)
    report = ei_report(ties, grouping(ties, salford), permutations=9)
    third = next(g for g in report.groups if g.name == "third_sector")
    # Housing–Women's Centre is weak (0.5): external 2.5, internal 6.
    assert third.weighted_ei == pytest.approx((2.5 - 6) / 8.5)


def test_tie_table_and_expected_ties(salford: SystemMap) -> None:
    ties = ties_of(salford)
    sectors = grouping(ties, salford)
    table = tie_table(ties, sectors)
    lps, third = sectors.position("local_public_services"), sectors.position("third_sector")
    assert table.observed[lps, third] == 2
    assert table.expected[lps, third] == pytest.approx(12 * 15 / 34)
    assert table.expected[third, third] == pytest.approx(15**2 / (4 * 17))
    assert table.density[third, third] == pytest.approx(6 / 10)


def test_group_gaps_and_same_place_gaps(salford: SystemMap) -> None:
    ties = ties_of(salford)
    sectors = grouping(ties, salford)
    gaps = group_gaps(sectors, tie_table(ties, sectors), ShouldTalk())
    found = {(g.a, g.b): (g.observed, round(g.expected, 2)) for g in gaps}
    # No tie where 3·15/34 = 1.32 are expected comes first; then 2 where 5.29 are expected.
    assert list(found) == [
        ("central_government", "third_sector"),
        ("local_public_services", "third_sector"),
    ]
    assert found[("central_government", "third_sector")] == (0, 1.32)
    assert found[("local_public_services", "third_sector")] == (2, 5.29)
    places = grouping(ties, salford, "place")
    (salford_gap,) = same_place_gaps(ties, sectors, places)
    assert (salford_gap.place, salford_gap.observed) == ("Salford", 2)
    assert salford_gap.expected == pytest.approx(10 * 15 / 34)


def test_suggested_link_names_its_introducer(salford: SystemMap) -> None:
    ties = ties_of(salford)
    sectors = grouping(ties, salford)
    gaps = group_gaps(sectors, tie_table(ties, sectors), ShouldTalk())
    cg_gap = gaps[0]
    links, needed = suggest_links(
        ties, [cg_gap], betweenness=ties.degree * 1.0, constraint=ties.degree * 0.0
    )
    assert not needed
    (link,) = links
    # MoJ and the Food Bank share only Probation (6 ties): resource allocation 1/6.
    assert (ties.nodes[link.source], ties.nodes[link.target]) == ("moj", "food-bank")
    assert ties.nodes[link.introducer] == "probation"
    assert link.resource_allocation == pytest.approx(1 / 6)
    assert link.common_neighbours == 1


def test_new_broker_needed_when_no_one_shares_a_contact(salford: SystemMap) -> None:
    ties = ties_of(salford)
    sectors = grouping(ties, salford)
    gap = group_gaps(sectors, tie_table(ties, sectors), ShouldTalk())[0]
    # Landlords are three steps from anyone in the third sector but Women's Centre's contacts.
    far = type(gap)(**{**gap.__dict__, "members_a": (ties.index["landlord"],),
                       "members_b": (ties.index["mind"],)})  # fmt: skip
    links, needed = suggest_links(ties, [far], ties.degree * 1.0, ties.degree * 0.0)
    assert links == []
    assert needed == [BrokerNeeded(far, (ties.index["landlord"],), (ties.index["mind"],))]


def test_separate_parts_isolates_and_known_gaps(salford: SystemMap) -> None:
    ties = ties_of(salford)
    (part,) = separate_parts(ties)
    assert [ties.nodes[i] for i in part.members] == ["victim-support", "victims"]
    assert ties.nodes[part.join_from] == "victim-support"
    assert ties.nodes[part.join_to] == "probation"
    assert [ties.nodes[i] for i in isolates(ties)] == ["employer"]
    (gap,) = known_gaps(salford)
    assert (gap.source, gap.target, gap.relation) == ("dwp", "leaver", "supports")
    assert "before release" in gap.evidence


def test_points_of_failure_bridges_and_local_bridges(salford: SystemMap) -> None:
    ties = ties_of(salford)
    points = points_of_failure(ties, BlockCutTree(ties))
    found = {ties.nodes[p.node]: sorted(ties.nodes[s] for s in p.separated) for p in points}
    assert found == {
        "probation": ["dwp", "hmip", "leaver", "moj"],
        "housing": ["landlord"],
        "moj": ["dwp"],
    }
    assert next(ties.nodes[p.node] for p in points) == "probation"
    ends = {
        tuple(sorted((ties.nodes[ties.source[r]], ties.nodes[ties.target[r]])))
        for r in bridges(ties)
    }
    assert ends == {
        ("leaver", "probation"),
        ("hmip", "probation"),
        ("moj", "probation"),
        ("dwp", "moj"),
        ("housing", "landlord"),
        ("victim-support", "victims"),
    }
    sectors = grouping(ties, salford)
    crossing = sectors.codes[ties.source] != sectors.codes[ties.target]
    local = {
        tuple(sorted((ties.nodes[ties.source[r]], ties.nodes[ties.target[r]]))): span
        for r, span in local_bridges(ties, crossing, exclude=bridges(ties))
    }
    # Neither pair shares a contact; each has a three-step way round.
    assert local == {("food-bank", "probation"): 3, ("housing", "womens-centre"): 3}


def test_brokerage_roles_of_probation(salford: SystemMap) -> None:
    ties = ties_of(salford)
    roles = brokerage_roles(ties, grouping(ties, salford)).roles_of(ties.index["probation"])
    # Contacts: Housing and Police (own sector, tied to each other), Food Bank, MoJ, the
    # prison leaver and the Inspectorate (four other sectors): 15 pairs, one closed.
    assert roles == {"coordinator": 0, "itinerant": 0, "gatekeeper_representative": 8, "liaison": 6}


def test_citizen_routes_crossings_and_single_routes(salford: SystemMap) -> None:
    ties = ties_of(salford)
    view = citizen_view(ties)
    row = [ties.nodes[c] for c in view.citizens].index("leaver")
    column = {ties.nodes[s]: k for k, s in enumerate(view.services)}
    steps = {s: int(view.steps[row, k]) for s, k in column.items()}
    assert steps == {
        "food-bank": 2,
        "womens-centre": 3,
        "recovery": 3,
        "mind": 3,
        "probation": 1,
        "housing": 2,
        "police": 2,
        "landlord": 3,
        "victim-support": -1,
        "employer": -1,
    }
    assert view.sector_crossings[row, column["food-bank"]] == 2
    assert view.sector_crossings[row, column["housing"]] == 1
    assert view.place_crossings[row, column["police"]] == 1  # Salford → Manchester
    assert [ties.nodes[i] for i in view.route(row, column["landlord"])] == [
        "leaver",
        "probation",
        "housing",
        "landlord",
    ]
    assert [ties.nodes[i] for i in view.only_through(row, column["landlord"])] == [
        "probation",
        "housing",
    ]
    assert view.only_through(row, column["probation"]) == ()


def test_introducer_prefers_an_organisation_to_a_citizen() -> None:
    import networkx as nx

    from sysmap.analysis import explain
    from sysmap.analysis.links import introducer

    graph = nx.Graph([("a", "person"), ("person", "b"), ("a", "hub"), ("hub", "b"), ("hub", "c")])
    nx.set_node_attributes(graph, {"person": "citizens", "hub": "local_public_services"}, "sector")
    ties = TieGraph.from_networkx(graph)
    # The person knows fewer others, but an organisation should make the introduction.
    assert ties.nodes[introducer(ties, ties.index["a"], ties.index["b"])] == "hub"
    graph.remove_node("hub")
    ties = TieGraph.from_networkx(graph)
    assert ties.nodes[introducer(ties, ties.index["a"], ties.index["b"])] == "person"
    text = explain.introduction("A", "B", "Person", 2, "X", "Y", 1, citizen=True)
    assert text == (
        "A and B meet only through Person, who has to carry information between them; "
        "a direct link would help join X and Y."
    )


def test_odd_relationships_from_other_tools(salford: SystemMap) -> None:
    from sysmap.model import Relationship

    salford.add_relationship(Relationship("mind", "mind", "other"), allow_self_loop=True)
    salford.add_relationship(Relationship("employer", "landlord", "other", weight=0.0))
    salford.add_relationship(Relationship("employer", "leaver", "employs", status="bridge"))
    ties = ties_of(salford)
    # The self-loop and the zero-weight relationship are not ties; an unknown status is.
    assert ties.m == 18
    assert ties.relationships_between(ties.index["employer"], ties.index["leaver"])
    assert not ties.relationships_between(ties.index["employer"], ties.index["landlord"])
