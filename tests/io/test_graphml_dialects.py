"""GraphML from yEd, yFiles for HTML, Gephi, Cytoscape, igraph and networkx opens faithfully.

One test per real file in ../shared/interop (see SOURCES.md there for provenance and the
counts networkx gives), plus round trips through the yFiles block sysmap writes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import igraph
import networkx as nx
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map, save_map, write_graphml
from sysmap.io.graphml_schema import GRAPHML_NS
from sysmap.io.yfiles import read_edge_graphics, read_node_graphics
from sysmap.model import SystemMap
from sysmap.model.synthetic import synthetic_map
from tests.strategies import system_maps

G = f"{{{GRAPHML_NS}}}"


def yed_shape_labels(path: Path) -> list[str]:
    """The labels yEd shows on its ordinary (non-group) nodes, read straight from the XML."""
    y = "{http://www.yworks.com/xml/graphml}"
    root = ET.parse(path).getroot()
    return [shape.find(f"{y}NodeLabel").text.strip() for shape in root.iter(f"{y}ShapeNode")]


def by_label(system_map: SystemMap) -> dict[str, list]:
    found: dict[str, list] = {}
    for stakeholder in system_map.stakeholders():
        found.setdefault(stakeholder.label, []).append(stakeholder)
    return found


def test_yed_nested_groups_become_a_group_attribute(interop_dir: Path) -> None:
    result = load_map(interop_dir / "yed-3.14.3_nested-groups.graphml")
    m = result.map
    # networkx: 55 nodes / 50 edges, 11 of the nodes being group boxes. Ten boxes only gather
    # stakeholders and have no relationships, so they become the 'group' attribute of their
    # members; the eleventh ("Group 10") holds nothing and is kept so nothing drawn is lost.
    assert (m.stakeholder_count, m.relationship_count) == (55 - 10, 50)
    assert result.format == "GraphML from yEd"
    assert not [s.id for s in m.stakeholders() if "::" in s.id or s.id.startswith("n")]
    labels = by_label(m)
    assert sorted(labels) == sorted(
        [*yed_shape_labels(interop_dir / "yed-3.14.3_nested-groups.graphml"), "Group 10"]
    )
    assert labels["Group 10"][0].kind == "group"
    members = Counter(s.attributes.get("group") for s in m.stakeholders())
    assert members["Cluster 1 (2)"] == 2
    assert members["Group 11"] == 3
    nested = [s for s in m.stakeholders() if s.attributes.get("group") == "Cluster 2 (3)"]
    assert {s.attributes["group path"] for s in nested} == {"Group 11 / Cluster 2 (3)"}
    assert {s.label for s in m.stakeholders() if s.attributes.get("group") == "Cluster 1 (2)"} == {
        "1",
        "3",
    }
    # Positions are the centres of yEd's boxes; fills are kept; shapes become an attribute.
    two = labels["2"][0]
    assert (two.x, two.y) == (138.0 + 40.0, 125.8330078125 + 15.0)
    assert two.colour == "#6200FF"
    assert not result.unpositioned
    shape_nodes = [s for s in m.stakeholders() if s.kind != "group"]
    assert all(s.colour for s in shape_nodes)
    assert len({s.colour for s in shape_nodes}) > 30
    assert {s.attributes["shape"] for s in shape_nodes} == {
        "rectangle",
        "roundrectangle",
        "ellipse",
        "diamond",
    }
    assert all(r.directed for r in m.relationships())
    assert any("became the 'group' attribute" in w for w in result.warnings)


def test_yed_closed_folder_with_relationships_stays_a_stakeholder(interop_dir: Path) -> None:
    result = load_map(interop_dir / "yed-3.14.3_closed-folder-node.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (10, 7)
    folder = next(s for s in m.stakeholders() if s.kind == "group")
    assert folder.label == "2"
    # The realizer yEd marks active (the closed folder, 147×149 at 137,350) is what it shows.
    assert (folder.x, folder.y) == (137.0 + 147.0 / 2, 350.0 + 149.0 / 2)
    assert folder.colour == "#CAECFF"  # #CAECFF80: the alpha channel is dropped
    assert len([r for r in m.relationships() if r.target == folder.id]) == 2
    assert {s.label for s in m.stakeholders()} == {str(n) for n in range(1, 10)}
    assert {s.colour for s in m.stakeholders() if s.kind != "group"} == {"#FFCC00"}


def test_yed_small_file_with_a_self_loop(interop_dir: Path) -> None:
    result = load_map(interop_dir / "yed-3.16_grnsight-4node-4edge.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (4, 4)
    assert sorted(s.label for s in m.stakeholders()) == ["A", "B", "C", "D"]
    assert {s.colour for s in m.stakeholders()} == {"#FFCC00"}
    assert not result.unpositioned
    d = by_label(m)["D"][0]
    assert [r for r in m.relationships() if r.source == r.target == d.id]
    assert any("join a stakeholder to itself" in w for w in result.warnings)


def test_yfiles_for_html_labels_boxes_and_fills(interop_dir: Path) -> None:
    result = load_map(interop_dir / "yfiles-html-2.0.1.4_ports-defaults.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (3, 2)
    assert result.format == "GraphML from yFiles for HTML (yEd Live)"
    labels = by_label(m)
    assert set(labels) == {"A", "B", "X"}  # networkx finds no attributes on these nodes
    a = labels["A"][0]
    assert (a.x, a.y) == (1917.9576310558555 + 214.8931458699476 / 2, 2912.1062122893554 + 57 / 2)
    # Fills come through shared resources: {y:GraphMLReference 1} → #FF316C94 (ARGB).
    assert (a.colour, labels["B"][0].colour, labels["X"][0].colour) == (
        "#316C94",
        "#006A70",
        "#C9E2E2",
    )
    assert not result.unpositioned
    assert any("5 port(s) were ignored" in w for w in result.warnings)
    assert not any("no declared type" in w for w in result.warnings)
    assert not any("Expanded" in s.attributes for s in m.stakeholders())
    ends = {(m.label(r.source), m.label(r.target)) for r in m.relationships()}
    assert ends == {("B", "A"), ("X", "B")}


def test_gephi_graphml_export(interop_dir: Path) -> None:
    result = load_map(interop_dir / "gephi_les-miserables_export.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (77, 254)
    assert result.format == "GraphML from Gephi"
    valjean = m.stakeholder("11")
    assert valjean.label == "Valjean"
    assert valjean.colour == "#F55B5B"  # r, g, b = 245, 91, 91
    # Gephi's y axis points up; sysmap's points down, as on screen.
    assert (valjean.x, valjean.y) == (-87.93029, -6.8120565)
    assert valjean.size == 100.0
    assert valjean.attributes["Modularity Class"] == 1
    assert all(not r.directed for r in m.relationships())
    assert sum(r.weight is not None for r in m.relationships()) == 254
    assert not result.unpositioned


def test_gephi_sample_airlines_keeps_parallel_edges(interop_dir: Path) -> None:
    result = load_map(interop_dir / "gephi-sample_airlines.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (235, 2101)
    pairs = {frozenset(r.ends) for r in m.relationships()}
    assert len(pairs) == 1297  # 804 pairs have parallel edges; every one is kept
    # The file has no labels: its names exist only inside tooltips, which are kept.
    assert m.stakeholder("0").attributes["tooltip"].startswith("LIT(")
    assert "235 stakeholder(s) had no label; their ids are used as names." in result.warnings
    assert (m.stakeholder("0").x, m.stakeholder("0").y) == (-922.24444, -347.29444)
    assert not result.unpositioned


def test_cytoscape_names_and_malformed_keys(interop_dir: Path) -> None:
    result = load_map(interop_dir / "cytoscape_grnsight-4gene-4edge.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (4, 4)
    assert result.format == "GraphML from Cytoscape"
    assert sorted(s.label for s in m.stakeholders()) == [f"Gene{n}_name" for n in range(1, 5)]
    gene1 = by_label(m)["Gene1_name"][0]
    assert gene1.id == "gene1-name"  # not the session number (SUID) 116
    assert gene1.attributes["shared name"] == "Gene1_sharedname"
    assert gene1.attributes["SUID"] == 116
    assert {r.relation for r in m.relationships()} == {"interacts with_interaction"}
    assert len(result.unpositioned) == 4  # Cytoscape's GraphML carries no layout
    assert [r for r in m.relationships() if r.source == r.target]


def test_igraph_typed_graph_attributes(interop_dir: Path) -> None:
    result = load_map(interop_dir / "igraph_cattr-bool-typed.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (10, 9)
    assert result.format == "GraphML from igraph"
    assert m.title == "Erdos renyi (gnp) graph"
    assert m.metadata == {"loops": False, "p": 0.2, "type": "gnp"}
    # igraph's names equal its ids here: the labels are what the file says.
    assert sorted(s.label for s in m.stakeholders()) == sorted(f"n{i}" for i in range(10))
    assert all(not r.directed for r in m.relationships())
    assert all(isinstance(r.weight, float) for r in m.relationships())


def test_igraph_duplicate_key_ids(interop_dir: Path) -> None:
    result = load_map(interop_dir / "igraph_hsa05010_duplicate-key-ids.graphml")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (26, 10)
    n0 = m.stakeholder("n0")
    assert n0.label == "cpd:C00027"
    assert n0.attributes["title"] == "C00027"  # the node 'title' key, not the graph's
    assert m.metadata["organism"] == "hsa"
    assert m.metadata["pathway_number"] == "05010"
    doubles = Counter(k for r in m.relationships() for k in r.attributes)
    assert doubles["sim_BP_resnik"] in (7, 8)
    assert all(r.directed for r in m.relationships())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_yfiles_block_parses_back_to_the_same_labels_and_positions(system_map: SystemMap) -> None:
    root = ET.fromstring(write_graphml(system_map))
    for node in root.iter(f"{G}node"):
        block = next(d for d in node.findall(f"{G}data") if d.get("key") == "nodegraphics")
        drawn = read_node_graphics(block)
        stakeholder = system_map.stakeholder(node.get("id"))
        assert drawn.label == (stakeholder.label.strip() or None)
        centre = drawn.centre
        assert abs(centre[0] - stakeholder.x) <= 1e-9 * max(1.0, abs(stakeholder.x))
        assert abs(centre[1] - stakeholder.y) <= 1e-9 * max(1.0, abs(stakeholder.y))
    for edge in root.iter(f"{G}edge"):
        block = next(d for d in edge.findall(f"{G}data") if d.get("key") == "edgegraphics")
        rel = system_map.relationship(edge.get("id"))
        expected = system_map.relation_types.label(rel.relation) if rel.relation else None
        assert read_edge_graphics(block).label == expected
        assert read_edge_graphics(block).arrow_at_target == bool(rel.directed)


def test_our_graphml_shows_labels_in_networkx_and_igraph(tmp_path: Path) -> None:
    m = synthetic_map(80, seed=4)
    path = tmp_path / "synthetic.graphml"
    save_map(m, path)
    expected = {s.id: s.label for s in m.stakeholders()}
    graph = nx.read_graphml(path)
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == expected
    assert graph.number_of_edges() == m.relationship_count
    ig = igraph.Graph.Read_GraphML(str(path))
    assert dict(zip(ig.vs["id"], ig.vs["label"], strict=True)) == expected
    assert dict(zip(ig.vs["id"], ig.vs["name"], strict=True)) == expected  # Cytoscape's name


def test_a_yed_file_saved_by_sysmap_reopens_the_same(interop_dir: Path, tmp_path: Path) -> None:
    first = load_map(interop_dir / "yed-3.14.3_nested-groups.graphml").map
    path = tmp_path / "again.graphml"
    save_map(first, path)
    again = load_map(path)
    assert again.format == "sysmap map (GraphML)"
    assert again.map == first


YED_EDGE_LABELS = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <key for="edge" id="w" attr.name="weight" attr.type="double"><default>2.5</default></key>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry x="0" y="0" width="10" height="10"/>
      <y:NodeLabel>DWP</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:Geometry x="50" y="0" width="10" height="10"/>
      <y:NodeLabel>Jobcentre Plus</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1"><data key="d10"><y:PolyLineEdge>
      <y:Arrows source="none" target="standard"/><y:EdgeLabel>Funds</y:EdgeLabel>
    </y:PolyLineEdge></data></edge>
    <edge id="e1" source="n1" target="n0"><data key="w">1</data><data key="d10"><y:PolyLineEdge>
      <y:Arrows source="none" target="none"/><y:EdgeLabel>works with</y:EdgeLabel>
    </y:PolyLineEdge></data></edge>
  </graph>
</graphml>"""


def test_yed_edge_labels_arrows_and_key_defaults(tmp_path: Path) -> None:
    path = tmp_path / "drawn.graphml"
    path.write_text(YED_EDGE_LABELS, encoding="utf-8")
    m = load_map(path).map
    funds = next(r for r in m.relationships() if r.relation == "funds")
    assert (m.label(funds.source), m.label(funds.target)) == ("DWP", "Jobcentre Plus")
    assert funds.directed is True
    assert funds.weight == 2.5  # the key's <default>
    works = next(r for r in m.relationships() if r.relation == "works with")
    assert works.directed is False  # drawn without arrowheads
    assert works.weight == 1.0
