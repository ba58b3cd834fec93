"""Modularity of a declared partition by hand, the groupings chosen by default, and the
should-talk list's settings: cases the analysis tests let through (README, "Tests that catch
what breaks").
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sysmap.analysis import analyse
from sysmap.analysis.ei import ei_report
from sysmap.analysis.grouping import default_attributes, make_grouping, vocabulary_for
from sysmap.analysis.mixing import TieTable, assortativity, modularity
from sysmap.analysis.should_talk import ShouldTalk
from sysmap.analysis.ties import TieGraph
from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model.errors import ValidationError


def table() -> TieTable:
    """Two groups: 3 ties inside each and 1 between (7 in all); weighted, the second group's
    ties are weak (strength ½ each) and the first group's are strong."""
    zeros = np.zeros((2, 2))
    return TieTable(
        np.array([[3.0, 1.0], [1.0, 3.0]]),
        np.array([[4.0, 1.0], [1.0, 1.0]]),
        zeros,
        zeros,
        np.array([7.0, 7.0]),
        np.array([9.0, 3.0]),
        7.0,
        6.0,
    )


def test_modularity_by_hand_counted_and_weighted() -> None:
    # Q = Σ_g (I_g / m − (D_g / 2m)²): 6/7 − 2·(7/14)² counted; 5/6 − (9/12)² − (3/12)² weighted.
    assert modularity(table()) == pytest.approx(6 / 7 - 0.5)
    assert modularity(table(), weighted=True) == pytest.approx(5 / 6 - 0.5625 - 0.0625)


def test_default_groupings_need_two_to_twenty_values() -> None:
    graph = nx.Graph()
    graph.add_nodes_from(
        [
            (1, {"team": "x", "one": "same", "many": "1"}),
            (2, {"team": "y", "one": "same", "many": "2"}),
        ]
    )
    graph.add_nodes_from((i, {"many": str(i)}) for i in range(3, 30))
    assert default_attributes(TieGraph.from_networkx(graph)) == ["team"]


def test_should_talk_settings_survive_every_copy() -> None:
    settings = ShouldTalk(same_place=True, national_as_one=False)
    assert settings.with_same_place(False).national_as_one is False
    assert settings.with_same_place(False).same_place is False
    assert settings.with_pairs("sector", [("a", "b")]).national_as_one is False
    assert ShouldTalk.from_json(settings.to_json()).national_as_one is False


@pytest.mark.parametrize("name", ["same_place", "national_as_one"])
def test_should_talk_flags_that_are_not_true_or_false_are_refused_by_name(name: str) -> None:
    with pytest.raises(
        ValidationError, match=f"^'{name}' in the map's should-talk list must be true or false"
    ):
        ShouldTalk.from_json(f'{{"{name}": "yes"}}')


def test_when_every_shuffle_looks_the_same_the_p_value_is_one() -> None:
    # In a complete graph every labelling with the same group sizes has the same E-I, so
    # every shuffle is "as low as observed": p = (P + 1) / (P + 1), counted over all batches
    # (3,160 ties: the 999 shuffles go in two batches of at most 2,000,000 cells).
    graph = nx.complete_graph(80)
    nx.set_node_attributes(graph, {i: "ab"[i % 2] for i in graph}, "team")
    ties = TieGraph.from_networkx(graph)
    report = ei_report(ties, make_grouping(ties, "team"), permutations=999, seed=2)
    assert report.p_value == 1.0
    assert [g.p_value for g in report.groups] == [1.0, 1.0]


def test_assortativity_of_a_single_group_is_undefined() -> None:
    one = np.array([[5.0]])
    zeros = np.zeros((1, 1))
    single = TieTable(one, one, zeros, zeros, np.array([10.0]), np.array([10.0]), 5.0, 5.0)
    assert np.isnan(assortativity(single))


def test_should_talk_pairs_are_read_only_and_vocabularies_found_by_attribute() -> None:
    settings = ShouldTalk(pairs={"sector": (("a", "b"),)})
    with pytest.raises(TypeError):
        settings.pairs["sector"] = ()  # type: ignore[index]
    system_map = SystemMap()
    assert vocabulary_for(system_map, "kind") is system_map.kinds
    assert vocabulary_for(system_map, "sector") is system_map.sectors
    assert vocabulary_for(system_map, "colour") is None
    assert vocabulary_for(None, "sector") is None


def test_nations_sysmap_knows_form_one_national_group_without_a_stated_level() -> None:
    """England and Wales are national places sysmap knows: their stakeholders are grouped as
    one "National" place even though none of them says its level."""
    system_map = SystemMap("Places without levels")
    places = ["England", "Wales", "Salford", "Salford", "Manchester", "Manchester"]
    for i, place in enumerate(places):
        system_map.add_stakeholder(Stakeholder(f"S{i}", id=f"s{i}", place=place))
    for a, b in [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (0, 4)]:
        system_map.add_relationship(Relationship(f"s{a}", f"s{b}", "partners"))
    groups = analyse(system_map, by=["place"], permutations=99).groups["place"].groups
    assert [(g.label, g.size) for g in groups] == [
        ("National", 2),
        ("Manchester", 2),
        ("Salford", 2),
    ]
