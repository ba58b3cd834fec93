"""GEXF: Gephi's files open with labels, positions, colours and sizes; ours open in Gephi."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map, save_map
from sysmap.io.gexf_write import write_gexf
from sysmap.model import MapFileError, Relationship, Stakeholder, SystemMap
from sysmap.model.style import fill_colour, hex_to_rgb
from tests.io.roundtrip import assert_core_survives, assert_details_survive
from tests.strategies import system_maps


def test_gephi_081_les_miserables_gexf_12draft(interop_dir: Path) -> None:
    result = load_map(interop_dir / "gephi-0.8.1_les-miserables_gexf1.2draft.gexf")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (77, 254)
    assert result.format == "GEXF 1.2 from Gephi 0.8.1"
    myriel = m.stakeholder("0")
    assert myriel.label == "Myriel"
    assert (myriel.x, myriel.y) == (-102.81979, 185.35468)  # Gephi's y axis points up
    assert myriel.colour == "#5B5BF5"  # viz:color 91, 91, 245
    assert myriel.size == 28.685715
    assert myriel.attributes == {"Modularity Class": 0}
    assert m.stakeholder("11").label == "Valjean"
    assert all(not r.directed for r in m.relationships())
    # Gephi wrote a weight on 157 edges; the other 97 have none, as networkx also finds.
    assert sum(r.weight is not None for r in m.relationships()) == 157
    assert not result.unpositioned
    assert result.warnings == []


def test_gephi_093_us_airports_gexf_13(interop_dir: Path) -> None:
    result = load_map(interop_dir / "gephi-0.9.3_us-airports_gexf1.3.gexf")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (235, 1297)
    assert result.format == "GEXF 1.3 from Gephi 0.9.3"
    adams = m.stakeholder("0")
    assert adams.label == "Adams Field Airport"
    assert adams.attributes == {
        "Code": "LIT",
        "City": "Little Rock, AR",
        "latitude": 34.729444,
        "longitude": -92.224444,
    }
    assert (adams.x, adams.y, adams.colour) == (55.805447, 209.34912, "#D94EA4")
    # North is up in Gephi; it is up in sysmap too (smaller y is higher on screen).
    albany = next(s for s in m.stakeholders() if s.attributes["Code"] == "ALB")
    assert albany.y < adams.y
    assert m.attribute_types[("node", "latitude")] == "double"
    assert all(s.colour and s.size for s in m.stakeholders())


def sample_map() -> SystemMap:
    m = SystemMap("Rough sleeping in Manchester", "Who houses whom")
    a = m.add_stakeholder(
        Stakeholder("Manchester City Council", sector="local_public_services", x=10, y=-20)
    )
    b = m.add_stakeholder(Stakeholder("Shelter", sector="third_sector", x=200.5, y=40, size=3))
    m.add_relationship(Relationship(a.id, b.id, "funds", weight=2.5))
    m.add_relationship(Relationship(a.id, b.id, "advises", status="weak"))
    return m


def test_networkx_reads_our_gexf_with_labels_positions_and_colours(tmp_path: Path) -> None:
    m = sample_map()
    path = tmp_path / "map.gexf"
    save_map(m, path)
    graph = nx.read_gexf(path)  # a trusted file we just wrote
    council = graph.nodes["manchester-city-council"]
    assert council["label"] == "Manchester City Council"
    assert council["viz"]["position"]["x"] == 10.0
    assert council["viz"]["position"]["y"] == 20.0  # mirrored for Gephi
    colour = council["viz"]["color"]
    expected = fill_colour(m.graph.nodes["manchester-city-council"], m.sectors)
    assert (colour["r"], colour["g"], colour["b"]) == hex_to_rgb(expected) == (86, 180, 233)
    assert council["sector"] == "local_public_services"
    assert graph.nodes["shelter"]["viz"]["size"] == 3.0
    labels = {d["label"] for _, _, d in graph.edges(data=True)}
    assert labels == {"funds", "advises"}


def test_a_map_with_mutual_and_one_way_relationships_reads_the_same_in_networkx(
    tmp_path: Path,
) -> None:
    m = sample_map()
    m.add_relationship(Relationship("shelter", "manchester-city-council", "partners"))
    path = tmp_path / "mixed.gexf"
    save_map(m, path)
    root = ET.parse(path).getroot()
    graph = root.find("{http://gexf.net/1.3}graph")
    assert graph is not None
    assert graph.get("defaultedgetype") == "directed"
    kinds = {e.get("label"): e.get("type") for e in root.iter("{http://gexf.net/1.3}edge")}
    # networkx refuses an undirected edge in a directed graph, and Gephi doubles a mutual
    # one: every relationship runs source to target, and keeps sysmap's direction as data.
    assert set(kinds.values()) == {"directed"}
    read = nx.read_gexf(path)
    assert read.is_directed()
    assert read.number_of_edges() == 3
    mutual = [d for _, _, d in read.edges(data=True) if d["label"] == "partners with"]
    assert [d["directed"] for d in mutual] == [False]
    back = load_map(path).map
    assert {r.relation: r.directed for r in back.relationships()} == {
        "funds": True,
        "advises": True,
        "partners": False,
    }


def test_a_map_of_mutual_relationships_is_an_undirected_graph(tmp_path: Path) -> None:
    m = SystemMap("Partners")
    a = m.add_stakeholder(Stakeholder("Probation", x=0, y=0))
    b = m.add_stakeholder(Stakeholder("Police", x=50, y=0))
    m.add_relationship(Relationship(a.id, b.id, "partners", directed=False))
    path = tmp_path / "mutual.gexf"
    save_map(m, path)
    read = nx.read_gexf(path)
    assert not read.is_directed()
    assert read.number_of_edges() == 1
    assert [r.directed for r in load_map(path).map.relationships()] == [False]


def test_writing_is_deterministic() -> None:
    assert write_gexf(sample_map()) == write_gexf(sample_map())
    assert b"lastmodifieddate" not in write_gexf(sample_map())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_any_map_survives_gexf(
    tmp_path_factory: pytest.TempPathFactory, system_map: SystemMap
) -> None:
    path = tmp_path_factory.mktemp("gexf") / "map.gexf"
    save_map(system_map, path)
    result = load_map(path)
    assert result.format == "GEXF 1.3 from sysmap"
    assert_core_survives(system_map, result.map)
    assert_details_survive(system_map, result.map)
    assert result.map.title == system_map.title
    assert result.map.description == system_map.description


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<gexf><meta/></gexf>", "has no graph"),
        ('<gexf><graph><nodes><node label="x"/></nodes></graph></gexf>', "a node has no id"),
        (
            '<gexf><graph><nodes><node id="a"><position x="abc" y="1"/></node></nodes>'
            "</graph></gexf>",
            "not a number",
        ),
        (
            '<gexf><graph><nodes><node id="a"/></nodes><edges><edge source="a" target="b"/>'
            "</edges></graph></gexf>",
            "does not define",
        ),
        ('<!DOCTYPE x [<!ENTITY a "b">]><gexf><graph/></gexf>', "declares XML entities"),
        ("<gexf><graph><nodes>", "ends before the XML is complete"),
    ],
)
def test_broken_gexf_is_refused_with_a_sentence(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.gexf"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MapFileError, match=message):
        load_map(path)
