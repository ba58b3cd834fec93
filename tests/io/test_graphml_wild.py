"""GraphML as other tools write it: yEd's UML, table and SVG nodes, OSMnx's text coordinates,
negative weights, keys declared inside the graph (issue 16; small files written by hand)."""

from __future__ import annotations

from pathlib import Path

from sysmap.io import load_map

YED_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
 xmlns:y="http://www.yworks.com/xml/graphml"
 xmlns:yed="http://www.yworks.com/xml/yed/3">
  <!--Created by yEd 3.19-->
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
"""

YED_NODES = (
    YED_HEAD
    + """    <node id="n6">
      <data key="d6">
        <y:UMLClassNode>
          <y:Geometry height="90.0" width="120.0" x="100.0" y="40.0"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:BorderStyle color="#000000" type="line" width="1.0"/>
          <y:NodeLabel alignment="center" fontSize="13">Case record</y:NodeLabel>
          <y:UML clipContent="true" stereotype="" use3DEffect="true">
            <y:AttributeLabel xml:space="preserve">offender id</y:AttributeLabel>
            <y:MethodLabel xml:space="preserve"/>
          </y:UML>
        </y:UMLClassNode>
      </data>
    </node>
    <node id="n8">
      <data key="d6">
        <y:UMLNoteNode>
          <y:Geometry height="50.0" width="80.0" x="300.0" y="40.0"/>
          <y:Fill color="#FFFFCC" transparent="false"/>
          <y:NodeLabel>Check with legal</y:NodeLabel>
        </y:UMLNoteNode>
      </data>
    </node>
    <node id="n9">
      <data key="d6">
        <y:SVGNode>
          <y:Geometry height="40.0" width="40.0" x="0.0" y="200.0"/>
          <y:Fill color="#CCCCFF" transparent="false"/>
          <y:NodeLabel>Citizen</y:NodeLabel>
          <y:SVGNodeProperties usingVisualBounds="true"/>
          <y:SVGModel svgBoundsPolicy="0"><y:SVGContent refid="1"/></y:SVGModel>
        </y:SVGNode>
      </data>
    </node>
    <node id="n7" yfiles.foldertype="group">
      <data key="d6">
        <y:TableNode configuration="YED_TABLE_NODE">
          <y:Geometry height="200.0" width="300.0" x="400.0" y="100.0"/>
          <y:Fill color="#ECF5FF" transparent="false"/>
          <y:NodeLabel>Partnership board</y:NodeLabel>
          <y:Table autoResizeTable="true"><y:Rows><y:Row height="200.0" id="row_0"/></y:Rows>
          </y:Table>
        </y:TableNode>
      </data>
      <graph edgedefault="directed" id="n7:">
        <node id="n7::n2">
          <data key="d6">
            <y:GenericNode configuration="com.yworks.bpmn.Activity.withShadow">
              <y:Geometry height="55.0" width="85.0" x="450.0" y="150.0"/>
              <y:Fill color="#FFFFFFE6" transparent="false"/>
              <y:NodeLabel>Triage</y:NodeLabel>
            </y:GenericNode>
          </data>
        </node>
      </graph>
    </node>
    <edge id="e0" source="n6" target="n7::n2"/>
  </graph>
</graphml>
"""
)


def write(tmp_path: Path, text: str, name: str = "map.graphml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yed_uml_note_svg_table_and_generic_nodes_keep_labels_and_places(
    tmp_path: Path,
) -> None:
    result = load_map(write(tmp_path, YED_NODES))
    by_label = {s.label: s for s in result.map.stakeholders()}
    assert set(by_label) == {"Case record", "Check with legal", "Citizen", "Triage"}
    case = by_label["Case record"]
    assert (case.x, case.y, case.colour) == (160.0, 85.0, "#FFCC00")
    assert (by_label["Citizen"].x, by_label["Citizen"].y) == (20.0, 220.0)
    assert by_label["Triage"].attributes["group"] == "Partnership board"
    assert not result.unpositioned
    assert not any("no label" in w for w in result.warnings)


OSMNX = """<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d4" for="node" attr.name="x" attr.type="string" />
  <key id="d3" for="node" attr.name="y" attr.type="string" />
  <key id="d2" for="node" attr.name="street_count" attr.type="string" />
  <key id="d9" for="edge" attr.name="length" attr.type="string" />
  <graph edgedefault="directed">
    <node id="202533000"><data key="d3">32.3641564</data><data key="d4">-86.3459007</data>
      <data key="d2">3</data></node>
    <node id="202533016"><data key="d3">32.3653093</data><data key="d4">-86.3458101</data>
      <data key="d2">4</data></node>
    <edge source="202533000" target="202533016"><data key="d9">128.4</data></edge>
  </graph>
</graphml>
"""


def test_coordinates_typed_as_text_are_positions(tmp_path: Path) -> None:
    result = load_map(write(tmp_path, OSMNX, "osmnx.graphml"))
    node = result.map.stakeholder("202533000")
    assert (node.x, node.y) == (-86.3459007, 32.3641564)
    assert not result.unpositioned


NEGATIVE = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="directed">
    <node id="ACE2"/><node id="AFT2"/><node id="CIN5"/>
    <edge source="ACE2" target="AFT2"><data key="w">-0.5</data></edge>
    <edge source="AFT2" target="CIN5"><data key="w">1.25</data></edge>
    <edge source="CIN5" target="ACE2"><data key="w">-2</data></edge>
  </graph>
</graphml>
"""


def test_negative_weights_are_kept_aside_with_a_sentence(tmp_path: Path) -> None:
    result = load_map(write(tmp_path, NEGATIVE, "grnsight.graphml"))
    weights = sorted(
        (r.weight, r.attributes.get("weight (original)"))
        for r in result.map.relationships()
        if r.weight is None
    )
    assert weights == [(None, -2.0), (None, -0.5)]
    assert [r.weight for r in result.map.relationships() if r.weight is not None] == [1.25]
    assert (
        "2 relationship(s) have a negative weight (the first, from 'ACE2' to 'AFT2', has -0.5). "
        "sysmap reads a weight as the strength of a relationship, from 0 up, so these "
        "relationships are unweighted here and keep the file's value in their attribute "
        "'weight (original)'."
    ) in result.warnings


KEY_IN_GRAPH = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="undirected">
    <key id="label" for="node" attr.name="label" attr.type="string"/>
    <node id="a"><data key="label">Jobcentre Plus</data></node>
    <node id="b"><data key="label">Citizens Advice</data></node>
    <edge source="a" target="b"/>
  </graph>
</graphml>
"""


def test_a_key_declared_inside_the_graph_still_gives_labels(tmp_path: Path) -> None:
    result = load_map(write(tmp_path, KEY_IN_GRAPH))
    assert {s.label for s in result.map.stakeholders()} == {"Jobcentre Plus", "Citizens Advice"}
    assert not any("no label" in w for w in result.warnings)
