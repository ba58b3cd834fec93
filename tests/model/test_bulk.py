"""SystemMap.add_many: the same map, ids and refusals as adding one by one."""

from __future__ import annotations

import pytest

from sysmap.model import Relationship, Stakeholder, SystemMap, ValidationError
from sysmap.model.errors import UnknownStakeholderError
from sysmap.model.synthetic import synthetic_map


def _people() -> list[Stakeholder]:
    return [
        Stakeholder("Probation Service", sector="local_public_services", x=1, y=2),
        Stakeholder("Probation Service", attributes={"beds": 12, "share": 0.5, "open": True}),
        Stakeholder("GMCA", id="gmca", tags=("combined", "authority"), influence=1),
    ]


def _ties() -> list[Relationship]:
    return [
        Relationship("probation-service", "gmca", "funds", weight=2),
        Relationship("probation-service", "gmca", "funds"),  # parallel: gets "-2"
        Relationship("gmca", "probation-service", "partners", id="p1", attributes={"n": 3}),
        Relationship("gmca", "gmca", "refers"),
    ]


def _add_one_by_one(m: SystemMap, people: list[Stakeholder], ties: list[Relationship]) -> None:
    for s in people:
        m.add_stakeholder(s)
    for r in ties:
        m.add_relationship(r)


def _one_by_one() -> tuple[SystemMap, list[Stakeholder], list[Relationship]]:
    m = SystemMap("T")
    people = [m.add_stakeholder(s) for s in _people()]
    ties = [m.add_relationship(r, allow_self_loop=True) for r in _ties()]
    return m, people, ties


def test_add_many_equals_one_by_one_with_ids_parallel_edges_and_types() -> None:
    expected, people, ties = _one_by_one()
    bulk = SystemMap("T")
    got_people, got_ties = bulk.add_many(_people(), _ties(), allow_self_loops=True)
    assert bulk == expected
    assert got_people == people
    assert got_ties == ties
    assert bulk.stakeholder_ids() == expected.stakeholder_ids()
    assert bulk.relationship_ids() == expected.relationship_ids()
    assert [t.id for t in got_ties][:2] == [
        "probation-service-funds-gmca",
        "probation-service-funds-gmca-2",
    ]
    attributes = bulk.stakeholder("probation-service-2").attributes
    assert [type(attributes[k]) for k in ("beds", "share", "open")] == [int, float, bool]
    assert type(bulk.relationship("p1").attributes["n"]) is int
    assert bulk.graph.number_of_edges("probation-service", "gmca") == 2


def test_add_many_on_a_big_map_equals_the_original() -> None:
    original = synthetic_map(300, seed=3)
    copy = SystemMap(original.title, original.description)
    copy.add_many(original.stakeholders(), original.relationships(), allow_self_loops=True)
    assert copy == original
    assert copy.relationship_ids() == original.relationship_ids()


def test_add_many_adds_to_a_map_that_already_has_content() -> None:
    expected, _, _ = _one_by_one()
    extra_people = [Stakeholder("GMCA"), Stakeholder("Shelter", id="shelter")]
    extra_ties = [
        Relationship("probation-service", "gmca", "funds"),
        Relationship("gmca", "shelter"),
    ]
    bulk = expected.copy()
    for s in extra_people:
        expected.add_stakeholder(s)
    for r in extra_ties:
        expected.add_relationship(r)
    people, ties = bulk.add_many(extra_people, extra_ties)
    assert bulk == expected
    assert [p.id for p in people] == ["gmca-2", "shelter"]
    assert ties[0].id == "probation-service-funds-gmca-3"


@pytest.mark.parametrize(
    ("people", "ties", "error", "message"),
    [
        (
            [Stakeholder("A", id="a"), Stakeholder("B", id="a")],
            [],
            ValidationError,
            "The id 'a' is already used by 'A'.",
        ),
        ([Stakeholder("  ")], [], ValidationError, "A stakeholder needs a name."),
        (
            [Stakeholder("A", id="a")],
            [Relationship("a", "zz")],
            UnknownStakeholderError,
            "A relationship needs two stakeholders in the map; 'zz' is not one.",
        ),
        (
            [Stakeholder("A", id="a")],
            [Relationship("a", "a")],
            ValidationError,
            "'A' cannot have a relationship with itself.",
        ),
        (
            [Stakeholder("A", id="a"), Stakeholder("B", id="b")],
            [Relationship("a", "b", id="r"), Relationship("b", "a", id="r")],
            ValidationError,
            "The relationship id 'r' is already used.",
        ),
        (
            [Stakeholder("A", id="a"), Stakeholder("B", id="b")],
            [Relationship("a", "b", status="")],
            ValidationError,
            "The status of the relationship a → b cannot be empty.",
        ),
    ],
)
def test_add_many_refuses_like_one_by_one_and_changes_nothing(
    people: list[Stakeholder], ties: list[Relationship], error: type[Exception], message: str
) -> None:
    one = SystemMap()
    with pytest.raises(error) as by_one:
        _add_one_by_one(one, people, ties)
    bulk = SystemMap()
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")) as by_bulk:
        bulk.add_many(people, ties)
    assert str(by_bulk.value) == str(by_one.value)
    assert bulk == SystemMap()
    assert bulk.relationship_count == 0


def test_add_many_tells_listeners_only_when_there_are_some() -> None:
    m = SystemMap()
    assert not m.events.listening
    seen: list[object] = []
    m.events.subscribe(seen.append)
    assert m.events.listening
    m.add_many([Stakeholder("A", id="a"), Stakeholder("B", id="b")], [Relationship("a", "b")])
    assert [type(e).__name__ for e in seen] == [
        "StakeholderAdded",
        "StakeholderAdded",
        "RelationshipAdded",
    ]


def test_what_a_reader_lets_go_is_kept_only_while_holding() -> None:
    import weakref

    from sysmap.model.bulk import held_until_exit, holding

    class Records:
        pass

    records = Records()
    gone = weakref.ref(records)
    held_until_exit(records)
    del records
    assert gone() is None  # outside a reading child: freed at once, as before
    with holding():
        records = Records()
        kept = weakref.ref(records)
        held_until_exit(records)
        del records
        assert kept() is not None
    assert kept() is None
