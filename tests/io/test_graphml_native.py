"""The native GraphML map: lossless, deterministic, and readable by other tools."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map, read_graphml, save_map, write_graphml
from sysmap.io.graphml_schema import GRAPHML_NS, YFILES_NS
from sysmap.model import Relationship, Stakeholder, SystemMap, Term
from tests.strategies import system_maps

G = f"{{{GRAPHML_NS}}}"
Y = f"{{{YFILES_NS}}}"


def sample_map() -> SystemMap:
    m = SystemMap("Reducing reoffending", "Prison leavers in Greater Manchester")
    a = m.add_stakeholder(
        Stakeholder(
            "HMP Forest Bank",
            kind="organisation",
            sector="private",
            place="Salford",
            place_level="local",
            x=100,
            y=-50.5,
            tags=("prison", "Sodexo"),
            influence=0.7,
            interest=0.4,
            attributes={"capacity": 1460, "men only": True},
        )
    )
    b = m.add_stakeholder(
        Stakeholder(
            "Council housing options",
            kind="organisation",
            sector="local_public_services",
            x=-20.25,
            y=300,
        )
    )
    m.add_relationship(
        Relationship(
            a.id,
            b.id,
            "refers",
            status="weak",
            evidence="HMI Probation 2020",
            attributes={"cases": 12},
        )
    )
    m.add_relationship(Relationship(a.id, b.id, "shares_data", status="missing"))
    m.set_metadata("owner", "Reducing Reoffending Board")
    return m


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_any_map_survives_save_and_load(tmp_path_factory, system_map: SystemMap) -> None:
    path = tmp_path_factory.mktemp("rt") / "map.graphml"
    save_map(system_map, path)
    loaded = load_map(path).map
    assert loaded == system_map
    assert write_graphml(loaded) == path.read_bytes(), "re-saving must give the same bytes"


def test_saving_is_deterministic_whatever_the_order_of_edits() -> None:
    first = sample_map()
    second = SystemMap(first.title, first.description)
    for stakeholder in reversed(list(first.stakeholders())):
        second.add_stakeholder(stakeholder)
    for rel in reversed(list(first.relationships())):
        second.add_relationship(rel)
    second.set_metadata("owner", "Reducing Reoffending Board")
    assert write_graphml(first) == write_graphml(second)
    assert b"20" not in write_graphml(first).split(b"\n", 1)[0]  # no timestamp in the header


def test_keys_are_named_and_typed(tmp_path: Path) -> None:
    root = ET.fromstring(write_graphml(sample_map()))
    keys = [k for k in root.findall(f"{G}key") if k.get("yfiles.type") is None]
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    for key in keys:
        assert key.get("attr.type") in ("string", "int", "long", "double", "boolean")
        name = key.get("attr.name").replace(" ", "_")  # ids are NMTOKENs: no spaces
        assert key.get("id") in (name, f"{key.get('for')}_{name}")
    node_keys = {k.get("id") for k in keys if k.get("for") == "node"}
    assert {"label", "name", "x", "y", "size", "r", "g", "b", "sector", "place"} <= node_keys
    assert [n.get("id") for n in root.iter(f"{G}node")] == [
        "council-housing-options",
        "hmp-forest-bank",
    ]


def test_yfiles_block_has_every_label_position_and_colour() -> None:
    m = sample_map()
    root = ET.fromstring(write_graphml(m))
    for node in root.iter(f"{G}node"):
        shape = node.find(f"{G}data/{Y}ShapeNode")
        assert shape is not None
        geometry = shape.find(f"{Y}Geometry")
        stakeholder = m.stakeholder(node.get("id"))
        centre_x = float(geometry.get("x")) + float(geometry.get("width")) / 2
        centre_y = float(geometry.get("y")) + float(geometry.get("height")) / 2
        assert (centre_x, centre_y) == (stakeholder.x, stakeholder.y)
        assert shape.find(f"{Y}NodeLabel").text == stakeholder.label
        assert shape.find(f"{Y}Fill").get("color") in ("#E69F00", "#56B4E9")
    edges = list(root.iter(f"{G}edge"))
    labels = {e.find(f"{G}data/{Y}PolyLineEdge/{Y}EdgeLabel").text for e in edges}
    assert labels == {"refers to", "shares data with"}
    styles = {e.find(f"{G}data/{Y}PolyLineEdge/{Y}LineStyle").get("type") for e in edges}
    assert styles == {"dotted", "dashed"}


def test_networkx_and_igraph_show_labels_and_positions(tmp_path: Path) -> None:
    path = tmp_path / "map.graphml"
    save_map(sample_map(), path)
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["hmp-forest-bank"]["label"] == "HMP Forest Bank"
    assert graph.nodes["hmp-forest-bank"]["x"] == 100.0
    # GraphML's y points up (Gephi, matplotlib); the scene's points down, as yEd's does.
    assert graph.nodes["hmp-forest-bank"]["y"] == 50.5
    assert graph.nodes["hmp-forest-bank"]["capacity"] == 1460
    assert graph.number_of_edges() == 2
    assert {d["label"] for _, _, d in graph.edges(data=True)} == {"refers to", "shares data with"}
    ig = igraph.Graph.Read_GraphML(str(path))
    assert sorted(ig.vs["label"]) == ["Council housing options", "HMP Forest Bank"]
    assert sorted(ig.vs["r"]) == [86.0, 230.0]


def test_plain_networkx_graphml_opens_with_labels_falling_back_to_ids(tmp_path: Path) -> None:
    graph = nx.karate_club_graph()
    for node in list(graph)[:5]:
        graph.nodes[node]["label"] = f"Member {node}"
    path = tmp_path / "karate.graphml"
    nx.write_graphml(graph, path)
    result = read_graphml(path)
    m = result.map
    assert m.stakeholder_count == 34
    assert m.relationship_count == 78
    assert m.stakeholder("0").label == "Member 0"
    assert m.stakeholder("33").label == "33"
    assert m.stakeholder("33").attributes["club"] == "Officer"
    assert all(not r.directed for r in m.relationships())
    assert "29 stakeholder(s) had no label; their ids are used as names." in result.warnings
    assert result.unpositioned == frozenset(m.stakeholder_ids())


def test_graph_level_title_description_and_vocabularies_survive(tmp_path: Path) -> None:
    m = sample_map()
    places = m.places.with_term(Term("Salford", "Salford", "#123456", level="local"))
    m.set_vocabulary("places", places)
    path = tmp_path / "m.graphml"
    save_map(m, path)
    loaded = load_map(path).map
    assert loaded.places == places
    assert loaded.title == "Reducing reoffending"
    assert loaded.description == "Prison leavers in Greater Manchester"
    assert loaded.metadata == {"owner": "Reducing Reoffending Board"}
