"""Order kept: what is removed and restored goes back to its place, for any map."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.model import Relationship, Stakeholder, SystemMap, events
from sysmap.model.errors import UnknownStakeholderError
from sysmap.model.order import Removed
from sysmap.model.synthetic import synthetic_map
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


def _storage(m: SystemMap) -> list[object]:
    """Every dict order of the map's storage: nodes, both adjacencies, each pair's keys."""
    graph = m.graph
    return [
        list(graph._node),
        list(graph._succ),
        list(graph._pred),
        [[(v, list(keys)) for v, keys in graph._succ[u].items()] for u in graph._succ],
        [[(u, list(keys)) for u, keys in graph._pred[v].items()] for v in graph._pred],
        list(m.relationship_ids()),
    ]


@st.composite
def tangled_maps(draw: st.DrawFn) -> SystemMap:
    """Small maps with parallel relationships, both directions and loops on one stakeholder."""
    m = SystemMap("Tangled")
    count = draw(st.integers(1, 6))
    for i in range(count):
        m.add_stakeholder(Stakeholder(f"S{i}", id=f"s{i}"))
    ends = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))
    for u, v in draw(st.lists(ends, max_size=14)):
        m.add_relationship(Relationship(f"s{u}", f"s{v}", "refers"), allow_self_loop=True)
    return m


@settings(max_examples=150, deadline=None)
@given(tangled_maps(), st.data())
def test_restore_lays_the_storage_out_as_building_the_map_in_order_would(
    m: SystemMap, data: st.DataObject
) -> None:
    # The storage a fresh build in the map's order makes, dict by dict, is what a restore
    # must leave: analyses follow these orders, not just the lists the map returns.
    built = _storage(m.copy())
    assert _storage(m) == built
    people = data.draw(st.lists(st.sampled_from(m.stakeholder_ids()), unique=True))
    rel_ids = m.relationship_ids()
    rels = data.draw(st.lists(st.sampled_from(rel_ids), unique=True)) if rel_ids else []
    removed = m.remove_items(people, rels)
    m.restore(removed)
    assert _storage(m) == built
    succ, pred = m.graph._succ, m.graph._pred
    assert all(succ[u][v] is pred[v][u] for u in succ for v in succ[u])


def test_a_restore_without_recorded_slots_still_puts_relationships_in_order() -> None:
    # A Removed made by hand (as renaming a new stakeholder does) has indices but no slots.
    m = _chain(6)
    built = _storage(m.copy())
    removed = m.remove_items(["s2"], ["s4-refers-s5"])
    m.restore(Removed(removed.stakeholders, removed.relationships))
    assert _storage(m) == built


def _calls(action: Callable[[], object]) -> int:
    """Function calls (Python and built-in) made while doing ``action``: load-proof work."""
    calls = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def _delete_and_undo_calls(m: SystemMap) -> dict[str, int]:
    ids, rel_ids = m.stakeholder_ids(), m.relationship_ids()
    deletes = {
        "one stakeholder": ([ids[len(ids) // 2]], []),
        "three stakeholders": ([ids[len(ids) // 4], ids[len(ids) // 2], ids[-3]], []),
        "two relationships": ([], [rel_ids[len(rel_ids) // 3], rel_ids[len(rel_ids) // 2]]),
    }
    counts = {}
    for name, (people, rels) in deletes.items():
        removed = m.remove_items(people, rels)
        counts[name] = _calls(lambda r=removed: m.restore(r))  # type: ignore[misc]
    return counts


def test_undoing_a_delete_costs_the_same_on_a_map_ten_times_bigger() -> None:
    # Putting back what a delete took touches those items and their neighbours' dicts only;
    # rebuilding the storage in order, as restore once did, made 41,000 calls at 5,000.
    small = _delete_and_undo_calls(synthetic_map(500, seed=3))
    big = _delete_and_undo_calls(synthetic_map(5000, seed=3))
    grown = {k: (small[k], big[k]) for k in small if big[k] > 2 * small[k] + 500}
    assert not grown, f"restore does more at 5,000 than at 500 (calls): {grown}"
