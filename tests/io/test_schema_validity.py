"""What sysmap writes is valid: GraphML against the GraphML 1.0 schema (the yFiles block
aside), GEXF against GEXF 1.3 (rules in :mod:`tests.io.schema_rules`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sysmap.io import load_map
from sysmap.io.gexf_write import write_gexf
from sysmap.io.graphml_write import write_graphml
from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.io.schema_rules import gexf_problems, graphml_problems
from tests.strategies import system_maps

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.graphml"))


def awkward_map() -> SystemMap:
    """Ids, names and types that broke the NMTOKEN rule in 14 of 37 converted files."""
    m = SystemMap("Awkward", "Names from other tools")
    a = m.add_stakeholder(
        Stakeholder("New York", id="New York", attributes={"group path": "A / B"})
    )
    b = m.add_stakeholder(
        Stakeholder("Boston (MA)", id="Boston (MA)", attributes={"weight (original)": -2.0})
    )
    m.add_relationship(Relationship(a.id, b.id, "works with\nlocal partners"))
    m.add_relationship(
        Relationship(b.id, a.id, None, id="edge one", attributes={"Modularity Class": 3})
    )
    m.set_metadata("map owner", "GMCA")
    return m


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_writes_valid_graphml_and_gexf(path: Path) -> None:
    m = load_map(path).map
    assert graphml_problems(write_graphml(m)) == []
    assert gexf_problems(write_gexf(m)) == []


def test_awkward_ids_and_names_are_valid_and_read_back_exactly(tmp_path: Path) -> None:
    m = awkward_map()
    document = write_graphml(m)
    assert graphml_problems(document) == []
    assert b'attr.name="group_path"' in document
    assert b"<desc>group path</desc>" in document
    path = tmp_path / "awkward.graphml"
    path.write_bytes(document)
    back = load_map(path).map
    assert sorted(map(repr, back.stakeholders())) == sorted(map(repr, m.stakeholders()))
    assert sorted(map(repr, back.relationships())) == sorted(map(repr, m.relationships()))
    assert back.metadata == m.metadata
    assert ("node", "sysmap_id") not in back.attribute_types
    assert gexf_problems(write_gexf(m)) == []


def test_the_rules_catch_what_the_old_writers_did() -> None:
    old_gexf = (
        b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><meta><title>x</title></meta>'
        b'<graph><nodes><node id="a"/></nodes></graph></gexf>'
    )
    assert gexf_problems(old_gexf) == ["<meta> may not hold <title>"]
    old_graphml = (
        b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        b'<key id="k" for="node" attr.name="group path" attr.type="string"/>'
        b'<graph edgedefault="directed"><node id="a"/><node id="b"/>'
        b'<edge id="a-works with&#10;x-b" source="a" target="b"/></graph></graphml>'
    )
    assert graphml_problems(old_graphml) == [
        "attr.name 'group path' is not an NMTOKEN",
        "edge id 'a-works with\\nx-b' is not an NMTOKEN",
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system_maps())
def test_any_map_writes_valid_graphml_and_gexf(system_map: SystemMap) -> None:
    assert graphml_problems(write_graphml(system_map)) == []
    assert gexf_problems(write_gexf(system_map)) == []
