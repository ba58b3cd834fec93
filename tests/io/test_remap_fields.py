"""Columns under other names put onto label, position, weight and direction (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sysmap.io import load_map
from sysmap.io.remap import AttributeRemap, apply_remap, plan_remap
from sysmap.model import ValidationError
from sysmap.workspace import open_map

STATIONS = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="station name" attr.type="string"/>
  <key id="d1" for="node" attr.name="x coordinate" attr.type="double"/>
  <key id="d2" for="node" attr.name="latitude" attr.type="string"/>
  <key id="d3" for="edge" attr.name="strength" attr.type="string"/>
  <key id="d4" for="edge" attr.name="arrow" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="s1"><data key="d0">Piccadilly</data><data key="d1">-2.23</data>
      <data key="d2">53.477</data></node>
    <node id="s2"><data key="d0">Victoria</data><data key="d1">-2.242</data>
      <data key="d2">53.487</data></node>
    <node id="s3"><data key="d0">Oxford Road</data><data key="d1">n/a</data>
      <data key="d2">53.474</data></node>
    <edge id="e1" source="s1" target="s2"><data key="d3">3</data><data key="d4">both</data></edge>
    <edge id="e2" source="s2" target="s3"><data key="d3">-1</data><data key="d4">one-way</data>
    </edge>
  </graph>
</graphml>
"""


@pytest.fixture
def stations(tmp_path: Path) -> Path:
    path = tmp_path / "stations.graphml"
    path.write_text(STATIONS, encoding="utf-8")
    return path


def test_columns_become_labels_positions_weights_and_directions(stations: Path) -> None:
    remaps = [
        AttributeRemap.parse("station name=label"),
        AttributeRemap.parse("x coordinate=x"),
        AttributeRemap.parse("latitude=y"),
        AttributeRemap.parse("strength=weight"),
        AttributeRemap.parse("arrow=direction"),
    ]
    result = open_map(str(stations), remaps=remaps)
    m = result.map
    piccadilly = m.stakeholder("s1")
    assert (piccadilly.label, piccadilly.x, piccadilly.y) == ("Piccadilly", -2.23, -53.477)
    assert piccadilly.attributes == {}  # the columns moved onto the fields
    # Oxford Road's x is not a number: it keeps it as an attribute and is laid out.
    oxford = m.stakeholder("s3")
    assert oxford.attributes == {"x coordinate": "n/a"}
    assert result.unpositioned == frozenset({"s3"})
    e1, e2 = m.relationship("e1"), m.relationship("e2")
    assert (e1.weight, e1.directed, e1.attributes) == (3.0, False, {})
    assert (e2.weight, e2.directed, e2.attributes) == (None, True, {"strength": "-1"})
    assert result.notes == [
        "'station name' → label: 3 stakeholder(s) were given their label from it.",
        "'x coordinate' → x position: 2 stakeholder(s) were given their x position from it.",
        "'x coordinate' → x position: 1 stakeholder(s) have values that are not a number "
        "('n/a'); they were left as they are.",
        "'latitude' → y position: 3 stakeholder(s) were given their y position from it "
        "(mirrored, so that north is up).",
        "'strength' → weight: 1 relationship(s) were given their weight from it.",
        "'strength' → weight: 1 relationship(s) have values that are not a number from 0 up "
        "('-1'); they were left as they are.",
        "'arrow' → direction: 2 relationship(s) were given their direction from it.",
    ]


def test_a_dry_run_changes_nothing(stations: Path) -> None:
    m = load_map(stations).map
    before = m.copy()
    report = plan_remap(m, AttributeRemap("station name", "label"))
    assert report.sentences() == [
        "'station name' → label: 3 stakeholder(s) would be given their label from it."
    ]
    assert m == before


def test_a_missing_column_is_named(stations: Path) -> None:
    m = load_map(stations).map
    with pytest.raises(ValidationError, match="No relationship has an attribute called 'speed'"):
        apply_remap(m, AttributeRemap("speed", "weight"))
