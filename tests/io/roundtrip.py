"""What a round trip through another format must keep, checked the same way for every format."""

from __future__ import annotations

import math

from sysmap.model import SystemMap


def _close(a: float, b: float, rel: float) -> bool:
    return a == b or math.isclose(a, b, rel_tol=rel, abs_tol=rel)


def assert_core_survives(before: SystemMap, after: SystemMap, position_rel: float = 0.0) -> None:
    """Labels, sectors, places, kinds, relationship types and positions are all kept.

    ``position_rel`` allows the relative error of a format that stores fewer digits (Excel
    keeps 16 significant digits of a number).
    """
    assert after.stakeholder_count == before.stakeholder_count
    assert after.relationship_count == before.relationship_count
    for old in before.stakeholders():
        new = after.stakeholder(old.id)
        assert (new.label, new.sector, new.place, new.place_level, new.kind) == (
            old.label,
            old.sector,
            old.place,
            old.place_level,
            old.kind,
        )
        assert _close(new.x, old.x, position_rel), (old.label, old.x, new.x)
        assert _close(new.y, old.y, position_rel), (old.label, old.y, new.y)
    for old_rel in before.relationships():
        new_rel = after.relationship(old_rel.id)
        assert (new_rel.source, new_rel.target, new_rel.relation, new_rel.status) == (
            old_rel.source,
            old_rel.target,
            old_rel.relation,
            old_rel.status,
        )
        assert new_rel.directed == old_rel.directed


def assert_details_survive(before: SystemMap, after: SystemMap, rel: float = 0.0) -> None:
    """Descriptions, tags, evidence, numbers and custom attributes are kept too."""
    for old in before.stakeholders():
        new = after.stakeholder(old.id)
        assert (new.description, new.evidence, new.tags, new.colour, new.pinned) == (
            old.description,
            old.evidence,
            old.tags,
            old.colour,
            old.pinned,
        ), (old, new)
        for name in ("influence", "interest", "size"):
            a, b = getattr(old, name), getattr(new, name)
            assert (a is None) == (b is None), name
            assert a is None or _close(a, b, rel), name
        assert_same_attributes(dict(old.attributes), dict(new.attributes), rel)
    for old_rel in before.relationships():
        new_rel = after.relationship(old_rel.id)
        assert (new_rel.description, new_rel.evidence, new_rel.tags) == (
            old_rel.description,
            old_rel.evidence,
            old_rel.tags,
        )
        assert (old_rel.weight is None) == (new_rel.weight is None)
        assert old_rel.weight is None or _close(old_rel.weight, new_rel.weight, rel)
        assert_same_attributes(dict(old_rel.attributes), dict(new_rel.attributes), rel)


def assert_same_attributes(old: dict, new: dict, rel: float) -> None:
    assert set(new) == set(old), (old, new)
    for name, value in old.items():
        if isinstance(value, float) and not isinstance(value, bool):
            assert _close(float(new[name]), value, rel), (name, value, new[name])
        else:
            assert new[name] == value, (name, value, new[name])
            assert type(new[name]) is type(value), (name, value, new[name])
