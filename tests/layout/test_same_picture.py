"""Same map, same picture: every layout depends on the map's content, never on the order its
stakeholders and relationships were added (an undone delete puts one back at the end)."""

from __future__ import annotations

import pytest

from sysmap.io import EXAMPLES, load_map
from sysmap.layout.registry import LAYOUTS, compute_layout
from sysmap.model import SystemMap


def drawn_backwards(system_map: SystemMap) -> SystemMap:
    copy = SystemMap(system_map.title, system_map.description)
    for name in ("sectors", "places", "kinds", "relation_types"):
        copy.set_vocabulary(name, system_map.vocabulary(name))
    for key, value in sorted(system_map.metadata.items()):
        copy.set_metadata(key, value)
    for stakeholder in reversed(list(system_map.stakeholders())):
        copy.add_stakeholder(stakeholder)
    for relationship in reversed(list(system_map.relationships())):
        copy.add_relationship(relationship)
    assert copy == system_map
    return copy


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_map_drawn_in_another_order_gets_the_same_layout(layout: str) -> None:
    system_map = load_map(EXAMPLES[0].path).map
    first = compute_layout(layout, system_map).positions
    again = compute_layout(layout, drawn_backwards(system_map)).positions
    assert again == first


def test_delete_then_undo_gives_the_same_force_layout() -> None:
    system_map = load_map(EXAMPLES[1].path).map
    before = compute_layout("force", system_map).positions
    stakeholder, relationships = system_map.remove_stakeholder("bcc-housing")
    system_map.add_stakeholder(stakeholder)
    for relationship in relationships:
        system_map.add_relationship(relationship)
    assert compute_layout("force", system_map).positions == before
