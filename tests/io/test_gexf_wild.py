"""GEXF as other tools write it: hierarchies, time slices, loose values, odd numbers, opacity.

Each file here is small and written by hand to reproduce what a real file did (issue 16).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sysmap.io import load_map
from sysmap.model import MapFileError

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" '
HEAD += 'xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n'

# The GEXF primer's hierarchy: nodes inside nodes, and edges kept inside a node's <edges>.
HIERARCHY = (
    HEAD
    + """<graph defaultedgetype="directed">
  <nodes>
    <node id="gm" label="Greater Manchester">
      <nodes>
        <node id="mcc" label="Manchester City Council"/>
        <node id="salford" label="Salford Council">
          <nodes>
            <node id="housing" label="Salford Housing Options"/>
            <node id="outreach" label="Street outreach"/>
          </nodes>
          <edges>
            <edge id="e1" source="housing" target="outreach"/>
          </edges>
        </node>
      </nodes>
      <edges>
        <edge id="e2" source="mcc" target="salford"/>
        <edge id="e3" source="mcc" target="housing"/>
      </edges>
    </node>
    <node id="shelter" label="Shelter"/>
  </nodes>
  <edges>
    <edge id="e4" source="shelter" target="outreach"/>
  </edges>
</graph></gexf>
"""
)


def write(tmp_path: Path, text: str, name: str = "map.gexf") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_nested_nodes_and_the_edges_inside_them_are_all_read(tmp_path: Path) -> None:
    result = load_map(write(tmp_path, HIERARCHY))
    m = result.map
    labels = {s.label for s in m.stakeholders()}
    # The outer box holds members and no relationship, so it becomes their group (as yEd's
    # boxes do); Salford Council has relationships of its own, so it stays a stakeholder.
    assert labels == {
        "Manchester City Council",
        "Salford Council",
        "Salford Housing Options",
        "Street outreach",
        "Shelter",
    }
    assert m.relationship_count == 4
    assert m.stakeholder("housing").attributes["group path"] == (
        "Greater Manchester / Salford Council"
    )
    assert any("group" in w for w in result.warnings)


def test_nodes_naming_their_parent_by_pid_are_grouped(tmp_path: Path) -> None:
    text = (
        HEAD
        + '<graph><nodes><node id="box" label="Partners"/>'
        + '<node id="a" label="A" pid="box"/><node id="b" label="B" pid="box"/></nodes>'
        + '<edges><edge source="a" target="b"/></edges></graph></gexf>'
    )
    m = load_map(write(tmp_path, text)).map
    assert {s.label for s in m.stakeholders()} == {"A", "B"}
    assert m.stakeholder("a").attributes["group"] == "Partners"


DYNAMIC = (
    HEAD
    + """<graph mode="dynamic" defaultedgetype="directed" timeformat="double">
  <attributes class="node" mode="dynamic">
    <attribute id="score" title="Score" type="integer"/>
  </attributes>
  <attributes class="edge" mode="dynamic">
    <attribute id="weight" title="Weight" type="float"/>
  </attributes>
  <nodes>
    <node id="a" label="Probation" start="2019.0" end="2020.0">
      <attvalue for="score" value="3"/>
    </node>
    <node id="b" label="Police" start="2019.0" end="2021.0"/>
    <node id="a" label="Probation" start="2020.0" end="2021.0">
      <attvalue for="score" value="4"/>
    </node>
  </nodes>
  <edges>
    <edge id="0" source="a" target="b">
      <attvalues>
        <attvalue for="weight" value="2.0" start="2019.0" end="2020.0"/>
        <attvalue for="weight" value="5.0" start="2020.0" end="2021.0"/>
      </attvalues>
      <spells><spell start="2019.0" end="2021.0"/></spells>
    </edge>
  </edges>
</graph></gexf>
"""
)


def test_a_dynamic_file_lists_a_node_once_per_slice_and_opens(tmp_path: Path) -> None:
    result = load_map(write(tmp_path, DYNAMIC))
    m = result.map
    assert m.stakeholder_count == 2
    assert m.relationship_count == 1
    probation = m.stakeholder("a")
    # <attvalue> straight inside the node (no <attvalues>) is read too.
    assert probation.attributes == {"Score": 3}
    # Gephi's dynamic "Weight" column is the relationship's weight (its first value).
    assert [r.weight for r in m.relationships()] == [2.0]
    assert any("time slices" in w for w in result.warnings)
    assert any("changed over time" in w for w in result.warnings)


def test_the_same_id_twice_without_time_is_still_refused(tmp_path: Path) -> None:
    text = HEAD + '<graph><nodes><node id="a"/><node id="a"/></nodes></graph></gexf>'
    with pytest.raises(MapFileError, match="'a' is used twice"):
        load_map(write(tmp_path, text))


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        (
            '<edge source="a" target="b" weight="INF"/>',
            "odd.gexf: the weight of the edge from 'a' to 'b' is 'INF', "
            "which is not a finite number.",
        ),
        (
            '<edge source="a" target="b" weight="heavy"/>',
            "the weight of the edge from 'a' to 'b' is 'heavy', which is not a number.",
        ),
    ],
)
def test_a_bad_number_is_named_with_its_element_and_value(
    tmp_path: Path, element: str, expected: str
) -> None:
    text = (
        HEAD
        + '<graph><nodes><node id="a"/><node id="b"/></nodes><edges>'
        + element
        + "</edges></graph></gexf>"
    )
    with pytest.raises(MapFileError) as caught:
        load_map(write(tmp_path, text, "odd.gexf"))
    assert expected in str(caught.value)


def test_a_bad_position_names_the_node_and_the_value(tmp_path: Path) -> None:
    text = (
        HEAD
        + '<graph><nodes><node id="a" label="A"><viz:position x="-INF" y="1"/></node>'
        + "</nodes></graph></gexf>"
    )
    with pytest.raises(MapFileError) as caught:
        load_map(write(tmp_path, text, "odd.gexf"))
    assert (
        "the x position of the node 'A' (id 'a') is '-INF', which is not a finite number."
        in str(caught.value)
    )


def test_a_value_that_is_not_its_type_is_kept_with_a_sentence(tmp_path: Path) -> None:
    text = (
        HEAD
        + '<graph><attributes class="node"><attribute id="0" title="Budget" type="double"/>'
        + '</attributes><nodes><node id="a" label="A"><attvalues><attvalue for="0" value="INF"/>'
        + "</attvalues></node></nodes></graph></gexf>"
    )
    result = load_map(write(tmp_path, text, "odd.gexf"))
    assert result.map.stakeholder("a").attributes == {"Budget": "INF"}
    assert result.warnings == [
        "In odd.gexf, the attribute 'Budget' of the node 'A' (id 'a') is 'INF', which is not "
        "a finite number; it was kept as text."
    ]


def test_viz_colour_opacity_is_kept_and_written_back(tmp_path: Path) -> None:
    text = (
        HEAD
        + '<graph><nodes><node id="a" label="A"><viz:color r="255" g="0" b="0" a="0.4"/>'
        + "</node></nodes></graph></gexf>"
    )
    m = load_map(write(tmp_path, text)).map
    stakeholder = m.stakeholder("a")
    assert stakeholder.colour == "#FF0000"
    assert stakeholder.attributes == {"opacity": 0.4}
    from sysmap.io.gexf_write import write_gexf

    assert b'<viz:color r="255" g="0" b="0" a="0.4"/>' in write_gexf(m)


def test_an_edge_without_id_listed_for_two_slices_is_one_relationship(tmp_path: Path) -> None:
    text = (
        HEAD
        + '<graph mode="dynamic"><nodes><node id="a"/><node id="b"/></nodes><edges>'
        + '<edge source="a" target="b" start="2019" end="2020"/>'
        + '<edge source="a" target="b" start="2020" end="2021"/>'
        + '<edge source="a" target="b"/></edges></graph></gexf>'
    )
    m = load_map(write(tmp_path, text)).map
    # Two listings of one edge over time, and a parallel edge with no time of its own.
    assert m.relationship_count == 2


def test_nodes_naming_their_parent_in_parents_are_grouped(tmp_path: Path) -> None:
    text = (
        HEAD
        + '<graph><nodes><node id="box" label="Board"/>'
        + '<node id="a" label="A"><parents><parent for="box"/></parents></node>'
        + '<node id="b" label="B"/></nodes><edges><edge source="a" target="b"/></edges>'
        + "</graph></gexf>"
    )
    m = load_map(write(tmp_path, text)).map
    assert {s.label for s in m.stakeholders()} == {"A", "B"}
    assert m.stakeholder("a").attributes["group"] == "Board"
