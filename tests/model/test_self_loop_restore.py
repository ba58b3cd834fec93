"""A relationship from a stakeholder to itself survives a delete and its undo.

The model refuses such a relationship from the app, but keeps one read from a file drawn
elsewhere (``allow_self_loop``; the GraphML reader warns and keeps them). Deleting its
stakeholder and undoing must put both back where they stood, so putting relationships back
has to accept the self-loop it took out.
"""

from __future__ import annotations

from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.order_snapshot import assert_same_map


def test_deleting_a_stakeholder_with_a_self_loop_and_undoing_gives_back_the_same_map() -> None:
    m = SystemMap("Loops")
    for i in range(3):
        m.add_stakeholder(Stakeholder(f"S{i}", id=f"s{i}"))
    m.add_relationship(Relationship("s0", "s1", "refers"))
    loop = m.add_relationship(Relationship("s1", "s1", "funds"), allow_self_loop=True)
    m.add_relationship(Relationship("s1", "s2", "refers"))
    before = m.copy()
    removed = m.remove_items(["s1"])
    assert loop.id in [r.id for _, r in removed.relationships]
    m.restore(removed)
    assert m.stakeholder_index("s1") == 1
    assert m.relationship_index(loop.id) == 1
    assert_same_map(m, before)
