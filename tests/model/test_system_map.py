"""The map model: adding, changing and removing stakeholders and relationships."""

from __future__ import annotations

import math

import pytest

from sysmap.model import (
    Relationship,
    Stakeholder,
    SystemMap,
    Term,
    UnknownStakeholderError,
    ValidationError,
    events,
)


@pytest.fixture
def small_map() -> SystemMap:
    m = SystemMap("Reducing reoffending")
    m.add_stakeholder(Stakeholder("HM Prison & Probation Service", sector="central_government"))
    m.add_stakeholder(
        Stakeholder("Probation Service – Greater Manchester", sector="local_public_services")
    )
    m.add_stakeholder(Stakeholder("Prison leaver", sector="citizens", kind="individual"))
    return m


def test_ids_are_readable_unique_slugs(small_map: SystemMap) -> None:
    assert small_map.stakeholder_ids() == [
        "hm-prison-probation-service",
        "probation-service-greater-manchester",
        "prison-leaver",
    ]
    again = small_map.add_stakeholder(Stakeholder("Prison leaver"))
    assert again.id == "prison-leaver-2"
    assert small_map.add_stakeholder(Stakeholder("北京 office")).id == "北京-office"
    assert small_map.add_stakeholder(Stakeholder("???")).id == "stakeholder"


def test_labels_may_repeat_but_given_ids_may_not(small_map: SystemMap) -> None:
    with pytest.raises(ValidationError, match="already used"):
        small_map.add_stakeholder(Stakeholder("Someone", id="prison-leaver"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"label": "   "}, "needs a name"),
        ({"influence": 1.5}, "between 0 and 1"),
        ({"x": math.nan}, "finite"),
        ({"y": math.inf}, "finite"),
        ({"label": "bad\x00name"}, "control characters"),
        ({"tags": ("a|b",)}, "contains '|'"),
        ({"colour": "red"}, "#1A2B3C"),
        ({"attributes": {"sector": "x"}}, "built-in field"),
        ({"attributes": {"budget": [1, 2]}}, "must be text"),
    ],
)
def test_invalid_changes_are_refused_with_a_clear_message(
    small_map: SystemMap, changes: dict, message: str
) -> None:
    before = small_map.stakeholder("prison-leaver")
    with pytest.raises(ValidationError, match=message):
        small_map.update_stakeholder("prison-leaver", **changes)
    assert small_map.stakeholder("prison-leaver") == before


def test_every_change_emits_one_event(small_map: SystemMap) -> None:
    seen: list[events.MapEvent] = []
    stop = small_map.events.subscribe(seen.append)
    small_map.update_stakeholder("prison-leaver", place="Manchester", place_level="local")
    at = small_map.relationship_count
    rel = small_map.add_relationship(
        Relationship("probation-service-greater-manchester", "prison-leaver", "supervises")
    )
    small_map.move_stakeholders({"prison-leaver": (10.0, 20.0)})
    small_map.set_properties(title="New title")
    small_map.remove_stakeholder("prison-leaver")
    stop()
    small_map.set_properties(title="Unheard")
    assert seen == [
        events.StakeholderChanged("prison-leaver", frozenset({"place", "place_level"})),
        events.RelationshipAdded(rel.id, at),
        events.StakeholdersMoved(("prison-leaver",)),
        events.MapChanged(frozenset({"title"})),
        events.RelationshipRemoved(rel.id, "probation-service-greater-manchester", "prison-leaver"),
        events.StakeholderRemoved("prison-leaver"),
    ]


def test_parallel_relationships_are_kept_apart(small_map: SystemMap) -> None:
    a, b = "hm-prison-probation-service", "probation-service-greater-manchester"
    funds = small_map.add_relationship(Relationship(a, b, "funds"))
    manages = small_map.add_relationship(Relationship(a, b, "manages"))
    accountable = small_map.add_relationship(Relationship(b, a, "accountable_to"))
    assert {r.id for r in small_map.relationships_between(a, b)} == {
        funds.id,
        manages.id,
        accountable.id,
    }
    assert funds.id == "hm-prison-probation-service-funds-probation-service-greater-manchester"
    assert small_map.relationship_count == 3


def test_relationship_defaults_follow_its_type(small_map: SystemMap) -> None:
    a, b = "hm-prison-probation-service", "probation-service-greater-manchester"
    assert small_map.add_relationship(Relationship(a, b, "partners")).directed is False
    assert small_map.add_relationship(Relationship(a, b, "funds")).directed is True
    assert small_map.add_relationship(Relationship(a, b, "funds", directed=False)).directed is False


def test_relationships_need_existing_distinct_ends(small_map: SystemMap) -> None:
    with pytest.raises(UnknownStakeholderError, match="'nobody' is not one"):
        small_map.add_relationship(Relationship("prison-leaver", "nobody", "refers"))
    with pytest.raises(ValidationError, match="with itself"):
        small_map.add_relationship(Relationship("prison-leaver", "prison-leaver", "supports"))
    loop = small_map.add_relationship(
        Relationship("prison-leaver", "prison-leaver"), allow_self_loop=True
    )
    assert small_map.relationships_of("prison-leaver") == [loop]


def test_removing_a_stakeholder_returns_what_undo_needs(small_map: SystemMap) -> None:
    a, b = "hm-prison-probation-service", "probation-service-greater-manchester"
    small_map.add_relationship(Relationship(a, b, "manages"))
    small_map.add_relationship(Relationship(b, "prison-leaver", "supervises", status="weak"))
    before = small_map.copy()
    stakeholder, removed = small_map.remove_stakeholder(b)
    assert small_map.relationship_count == 0
    small_map.add_stakeholder(stakeholder)
    for rel in removed:
        small_map.add_relationship(rel)
    assert small_map == before


def test_update_relationship_can_reconnect(small_map: SystemMap) -> None:
    rel = small_map.add_relationship(
        Relationship("hm-prison-probation-service", "prison-leaver", "funds")
    )
    old = small_map.update_relationship(
        rel.id, source="probation-service-greater-manchester", status="weak"
    )
    assert old == rel
    moved = small_map.relationship(rel.id)
    assert moved.source == "probation-service-greater-manchester"
    assert moved.status == "weak"
    assert small_map.relationships_of("hm-prison-probation-service") == []


def test_move_is_all_or_nothing(small_map: SystemMap) -> None:
    with pytest.raises(ValidationError):
        small_map.move_stakeholders(
            {"prison-leaver": (1.0, 2.0), "hm-prison-probation-service": (math.nan, 0.0)}
        )
    assert small_map.stakeholder("prison-leaver").x == 0.0


def test_copies_are_independent_and_equal(small_map: SystemMap) -> None:
    copy = small_map.copy()
    assert copy == small_map
    copy.update_stakeholder("prison-leaver", description="Adult man, short sentence")
    assert copy != small_map


def test_values_outside_the_vocabulary_are_kept_and_flagged(small_map: SystemMap) -> None:
    small_map.update_stakeholder("prison-leaver", sector="thrid_sector")
    assert small_map.stakeholder("prison-leaver").sector == "thrid_sector"
    assert small_map.problems() == [
        "1 stakeholder uses a sector this map does not define ('thrid_sector'); "
        "they are kept as they are."
    ]
    small_map.set_vocabulary(
        "sectors", small_map.sectors.with_term(Term("thrid_sector", "Typo sector"))
    )
    assert small_map.problems() == []


def test_custom_attributes_keep_their_types(small_map: SystemMap) -> None:
    small_map.set_attribute("prison-leaver", "age", 34)
    small_map.set_attribute("prison-leaver", "on licence", True)
    small_map.set_attribute("prison-leaver", "risk", 0.25)
    assert dict(small_map.stakeholder("prison-leaver").attributes) == {
        "age": 34,
        "on licence": True,
        "risk": 0.25,
    }
    assert small_map.set_attribute("prison-leaver", "age", None) == 34
    assert "age" not in small_map.stakeholder("prison-leaver").attributes


def test_numbers_out_of_range_are_refused_with_their_bounds(small_map: SystemMap) -> None:
    a, b = small_map.stakeholder_ids()[:2]
    with pytest.raises(ValidationError, match="must be at least 0; got -1"):
        small_map.add_relationship(Relationship(a, b, "funds", weight=-1))
    with pytest.raises(ValidationError, match=r"between 0 and 1; got 1\.5"):
        small_map.update_stakeholder(a, influence=1.5)
