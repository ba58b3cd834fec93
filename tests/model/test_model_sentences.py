"""What the model says and keeps, at the edges the mutation run found unseen.

Each case was a surviving mutant of ``model`` under its own tests (README, "Tests that catch
what breaks"; ``tests/mutation/survivors.md``): a sentence that could lose its value, an
index one off, a field quietly dropped.
"""

from __future__ import annotations

import pytest

from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model import events as ev
from sysmap.model.checks import vocabulary_problems
from sysmap.model.entities import check_number, check_tags
from sysmap.model.errors import MapFileError, ValidationError
from sysmap.model.ids import slugify
from sysmap.model.places import NestingError
from sysmap.model.vocab import Term, Vocabulary, term_from_dict


def test_a_new_map_is_untitled_with_the_default_vocabularies() -> None:
    system_map = SystemMap()
    assert system_map.title == "Untitled map"
    assert system_map.description == ""
    assert system_map.vocabulary("places") is system_map.places
    assert system_map.places.name == "place"
    with pytest.raises(ValidationError, match=r"^The map's description"):
        SystemMap(description="bad\x00")


def test_adding_says_where_each_one_went() -> None:
    system_map = SystemMap()
    seen: list[ev.MapEvent] = []
    system_map.events.subscribe(seen.append)
    system_map.add_stakeholder(Stakeholder(id="a", label="A"))
    system_map.add_stakeholder(Stakeholder(id="b", label="B"))
    system_map.add_many(
        [Stakeholder(id="c", label="C")],
        [
            Relationship(id="ab", source="a", target="b"),
            Relationship(id="bc", source="b", target="c"),
        ],
    )
    system_map.add_many([], [Relationship(id="ac", source="a", target="c")])
    assert seen == [
        ev.StakeholderAdded("a", 0),
        ev.StakeholderAdded("b", 1),
        ev.StakeholderAdded("c", 2),
        ev.RelationshipAdded("ab", 0),
        ev.RelationshipAdded("bc", 1),
        ev.RelationshipAdded("ac", 2),
    ]
    assert [s.id for s in system_map.stakeholders()] == ["a", "b", "c"]


def test_maps_differing_only_in_a_stakeholders_field_are_not_equal() -> None:
    one, two = SystemMap(), SystemMap()
    one.add_stakeholder(Stakeholder(id="a", label="A", sector="health"))
    two.add_stakeholder(Stakeholder(id="a", label="A", sector="housing"))
    assert one != two
    two.update_stakeholder("a", sector="health")
    assert one == two


def test_ids_cannot_change_but_everything_else_can() -> None:
    system_map = SystemMap()
    for sid in "ab":
        system_map.add_stakeholder(Stakeholder(id=sid, label=sid.upper()))
    system_map.add_relationship(Relationship(id="ab", source="a", target="b"))
    with pytest.raises(ValidationError, match=r"^A stakeholder's id cannot change; its name can"):
        system_map.update_stakeholder("a", id="z")
    with pytest.raises(ValidationError, match="id"):
        system_map.update_relationship("ab", id="zz")
    system_map.update_relationship("ab", id="ab", weight=2.0)  # the same id is no change
    assert system_map.relationship("ab").weight == 2.0
    system_map.update_stakeholder("a", interest=0.25)
    assert system_map.stakeholder("a").interest == 0.25
    system_map.remove_relationship("ab")
    assert not system_map.has_relationship("ab")
    assert system_map.relationships_of("a") == []


def test_unknown_vocabulary_values_are_counted_and_listed() -> None:
    system_map = SystemMap()
    for i in range(8):
        system_map.add_stakeholder(
            Stakeholder(id=f"s{i}", label=f"S{i}", sector=f"made-up-{i}", kind="organisation")
        )
    system_map.add_relationship(
        Relationship(id="r1", source="s0", target="s1", relation="bribes", status="active")
    )
    system_map.add_relationship(Relationship(id="r2", source="s1", target="s2"))
    problems = vocabulary_problems(system_map)
    assert problems == [
        "8 stakeholders use a sector this map does not define ('made-up-0', 'made-up-1', "
        "'made-up-2', 'made-up-3', 'made-up-4' and 3 more); they are kept as they are.",
        "1 relationship uses a type this map does not define ('bribes'); they are kept as "
        "they are.",
    ]


def test_an_unknown_status_and_place_level_are_counted_and_listed_too() -> None:
    # Read from a file, a status or place level outside the vocabulary is kept and reported.
    system_map = SystemMap()
    system_map.add_stakeholder(Stakeholder(id="a", label="A", place_level="parish"))
    system_map.add_stakeholder(Stakeholder(id="b", label="B"))
    system_map.add_relationship(Relationship(id="r", source="a", target="b", status="dormant"))
    assert vocabulary_problems(system_map) == [
        "1 stakeholder uses a place level this map does not define ('parish'); they are kept "
        "as they are.",
        "1 relationship uses a status this map does not define ('dormant'); they are kept as "
        "they are.",
    ]


def test_values_refused_with_what_they_were() -> None:
    with pytest.raises(ValidationError, match=r"^The weight must be a number, not 'heavy'\.$"):
        check_number("heavy", "The weight")
    assert check_tags(["a", "b c"], "x") == ("a", "b c")
    with pytest.raises(ValidationError, match="empty or contains"):
        check_tags(["a|b"], "x")


def test_file_errors_are_one_sentence_naming_the_file() -> None:
    error = MapFileError("map.csv", "the header is missing", line=3, hint="Add one.")
    assert str(error) == "Cannot open map.csv (line 3): the header is missing. Add one."
    assert (error.path, error.problem, error.line, error.hint) == (
        "map.csv",
        "the header is missing",
        3,
        "Add one.",
    )
    assert str(MapFileError("m.csv", "is it a map?", action="save")) == (
        "Cannot save m.csv: is it a map?"
    )
    assert str(MapFileError("m.csv", "stop!")) == "Cannot open m.csv: stop!"
    refused = MapFileError.refused("a.csv", ValidationError("The weight of x is -1."))
    assert str(refused) == "Cannot open a.csv: the weight of x is -1."


def test_long_labels_are_cut_at_a_word() -> None:
    label = "The Very Long Name Of A Partnership Board For Greater Manchester Health"
    slug = slugify(label)
    assert slug == "the-very-long-name-of-a-partnership-board-for"
    assert len(slugify("x" * 60)) == 48  # one long word is cut where it must be


def test_terms_read_from_a_file_keep_only_good_fields() -> None:
    term = term_from_dict(
        "place",
        {"key": "hood", "within": "Salford", "level": "local", "colour": None, "other": 1},
    )
    assert (term.key, term.label, term.within, term.level, term.colour) == (
        "hood",
        "hood",
        "Salford",
        "local",
        None,
    )
    for field_name in ("description", "level", "within"):
        with pytest.raises(ValidationError, match=f"^The place 'p' has a bad '{field_name}'"):
            term_from_dict("place", {"key": "p", field_name: 5})
    with pytest.raises(ValidationError, match="sits within"):
        Term("p", "P", within="bad\x00")


def parallel_pair() -> SystemMap:
    system_map = SystemMap()
    for sid in "abc":
        system_map.add_stakeholder(Stakeholder(id=sid, label=sid.upper()))
    for rid, weight in (("first", 1.0), ("second", 2.0)):
        system_map.add_relationship(Relationship(id=rid, source="a", target="b", weight=weight))
    system_map.add_relationship(Relationship(id="bc", source="b", target="c"))
    return system_map


def test_removing_one_of_two_parallel_relationships_removes_that_one() -> None:
    system_map = parallel_pair()
    system_map.remove_relationship("first")
    assert [(r.id, r.weight) for r in system_map.relationships_between("a", "b")] == [
        ("second", 2.0)
    ]


def test_undoing_a_delete_keeps_both_parallel_relationships_in_order() -> None:
    system_map = parallel_pair()
    removed = system_map.remove_items(["a"], [])
    system_map.restore(removed)
    assert system_map.relationship_ids() == ["first", "second", "bc"]
    assert [r.weight for r in system_map.relationships_between("a", "b")] == [1.0, 2.0]
    assert system_map.network().number_of_edges() == 3


def test_a_validated_stakeholder_holds_floats() -> None:
    checked = Stakeholder(id="a", label="A", influence=1, interest=0).validated()
    assert type(checked.influence) is float
    assert type(checked.interest) is float


def test_places_nested_too_deep_are_refused_by_name() -> None:
    terms = [Term(f"p{i}", f"P{i}", within=f"p{i + 1}") for i in range(70)]
    terms.append(Term("p70", "P70"))
    with pytest.raises(NestingError, match="sits within too many others") as caught:
        Vocabulary("place", tuple(terms))
    assert caught.value.place == "p0"
