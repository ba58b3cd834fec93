"""Order kept: what is removed and restored goes back to its place, for any map."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.model import Relationship, Stakeholder, SystemMap, events
from sysmap.model.errors import UnknownStakeholderError
from tests.order_snapshot import assert_same_map, map_order
from tests.strategies import system_maps


def _chain(count: int) -> SystemMap:
    m = SystemMap("Order")
    for i in range(count):
        m.add_stakeholder(Stakeholder(f"S{i}", id=f"s{i}"))
    for i in range(count - 1):
        m.add_relationship(Relationship(f"s{i}", f"s{i + 1}", "refers"))
        m.add_relationship(Relationship(f"s{i + 1}", f"s{i}", "funds"))
    return m


def test_a_deleted_stakeholder_comes_back_at_its_index_with_its_relationships() -> None:
    m = _chain(40)
    before = m.copy()
    removed = m.remove_items(["s3"])
    assert [i for i, _ in removed.stakeholders] == [3]
    assert [r.id for _, r in removed.relationships] == [
        "s2-refers-s3",
        "s3-funds-s2",
        "s3-refers-s4",
        "s4-funds-s3",
    ]
    assert not m.has_stakeholder("s3")
    m.restore(removed)
    assert m.stakeholder_index("s3") == 3  # was 39 (last) before the model kept order
    assert_same_map(m, before)


def test_restore_tells_listeners_each_item_s_final_index() -> None:
    m = _chain(5)
    removed = m.remove_items(["s1", "s3"])
    seen: list[events.MapEvent] = []
    m.events.subscribe(seen.append)
    m.restore(removed)
    added = [e for e in seen if isinstance(e, events.StakeholderAdded)]
    assert added == [events.StakeholderAdded("s1", 1), events.StakeholderAdded("s3", 3)]
    rels = [e for e in seen if isinstance(e, events.RelationshipAdded)]
    assert [e.index for e in rels] == [m.relationship_index(e.relationship_id) for e in rels]
    assert [e.index for e in rels] == sorted(e.index for e in rels if e.index is not None)


def test_moving_a_relationship_s_ends_and_back_keeps_the_order() -> None:
    m = _chain(6)
    before = m.copy()
    old = m.update_relationship("s1-refers-s2", source="s4", target="s0")
    assert m.relationship_index("s1-refers-s2") == 2
    m.update_relationship("s1-refers-s2", source=old.source, target=old.target)
    assert_same_map(m, before)


def test_an_unknown_id_removes_nothing() -> None:
    m = _chain(3)
    before = m.copy()
    with pytest.raises(UnknownStakeholderError):
        m.remove_items(["s0", "nobody"])
    assert_same_map(m, before)


@settings(max_examples=60, deadline=None)
@given(system_maps(), st.data())
def test_remove_then_restore_gives_back_the_same_map_in_the_same_order(
    m: SystemMap, data: st.DataObject
) -> None:
    before = m.copy()
    order = map_order(m)
    ids = m.stakeholder_ids()
    people = data.draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    rel_ids = m.relationship_ids()
    rels = data.draw(st.lists(st.sampled_from(rel_ids), unique=True)) if rel_ids else []
    removed = m.remove_items(people, rels)
    assert m.stakeholder_count == before.stakeholder_count - len(people)
    m.restore(removed)
    assert_same_map(m, before)
    assert map_order(m) == order
