"""Edits to a map say what they changed and what it was before, and refuse bad values whole.

Written for the mutants the model's own tests let through (README, "Tests that catch what
breaks"): map properties and metadata, vocabularies, moving many at once, relationships
between two stakeholders, vocabulary terms, and how messages quote values.
"""

from __future__ import annotations

import json

import pytest

from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model import events as ev
from sysmap.model.entities import check_number, shown
from sysmap.model.errors import UnknownStakeholderError, ValidationError
from sysmap.model.vocab import Term, Vocabulary


def listened(system_map: SystemMap) -> list[ev.MapEvent]:
    seen: list[ev.MapEvent] = []
    system_map.events.subscribe(seen.append)
    return seen


def test_properties_return_what_changed_and_say_so_once() -> None:
    system_map = SystemMap("Old title", "Old words")
    seen = listened(system_map)
    assert system_map.set_properties(title="Old title") == {}
    assert system_map.set_properties(title="New", description="Old words") == {"title": "Old title"}
    assert system_map.set_properties(description="New words") == {"description": "Old words"}
    assert (system_map.title, system_map.description) == ("New", "New words")
    assert seen == [ev.MapChanged(frozenset({"title"})), ev.MapChanged(frozenset({"description"}))]
    with pytest.raises(ValidationError, match="The map's title"):
        system_map.set_properties(title="bad\x00title")
    assert system_map.title == "New"


def test_metadata_set_replaced_and_removed() -> None:
    system_map = SystemMap()
    seen = listened(system_map)
    assert system_map.set_metadata("source", "workshop") is None
    assert system_map.set_metadata("source", "workshop") == "workshop"  # unchanged: no event
    assert system_map.set_metadata("source", "survey") == "workshop"
    assert system_map.metadata == {"source": "survey"}
    assert system_map.set_metadata("source", None) == "survey"
    assert system_map.set_metadata("absent", None) is None
    assert system_map.metadata == {}
    assert seen == [ev.MapChanged(frozenset({"source"}))] * 3
    with pytest.raises(ValidationError):
        system_map.set_metadata("title", "a reserved name")
    assert system_map.metadata == {}


def test_vocabularies_by_name() -> None:
    system_map = SystemMap()
    seen = listened(system_map)
    with pytest.raises(ValidationError, match=r"^There is no vocabulary called 'colours'\.$"):
        system_map.vocabulary("colours")
    old = system_map.sectors
    assert system_map.vocabulary("sectors") is old
    assert system_map.set_vocabulary("sectors", old) is old
    assert seen == []
    mine = old.with_term(Term("guilds", "Guilds"))
    assert system_map.set_vocabulary("sectors", mine) is old
    assert system_map.sectors is mine
    assert seen == [ev.MapChanged(frozenset({"sectors"}))]


def test_an_attribute_set_and_removed_returns_its_old_value() -> None:
    system_map = SystemMap()
    system_map.add_stakeholder(Stakeholder(id="a", label="A", attributes={"budget": 3}))
    assert system_map.set_attribute("a", "budget", 4) == 3
    assert system_map.set_attribute("a", "budget", None) == 4
    assert system_map.stakeholder("a").attributes == {}


def three() -> SystemMap:
    system_map = SystemMap()
    for sid, x in (("a", 1.0), ("b", 2.0), ("c", 3.0)):
        system_map.add_stakeholder(Stakeholder(id=sid, label=f"Org {sid}", x=x, y=x))
    return system_map


def test_moving_many_returns_old_places_and_is_all_or_nothing() -> None:
    system_map = three()
    seen = listened(system_map)
    assert system_map.move_stakeholders({"a": (10.0, 11.0), "c": (30.0, -31.0)}) == {
        "a": (1.0, 1.0),
        "c": (3.0, 3.0),
    }
    assert system_map.positions() == {"a": (10.0, 11.0), "b": (2.0, 2.0), "c": (30.0, -31.0)}
    assert seen == [ev.StakeholdersMoved(("a", "c"))]
    assert system_map.move_stakeholders({}) == {}
    assert len(seen) == 1
    with pytest.raises(ValidationError, match=r"^The y position of 'Org b' is 1e\+10, beyond"):
        system_map.move_stakeholders({"a": (0.0, 0.0), "b": (0.0, 1e10)})
    with pytest.raises(ValidationError, match=r"^The x position of 'Org b' must be a finite"):
        system_map.move_stakeholders({"a": (0.0, 0.0), "b": (float("nan"), 0.0)})
    with pytest.raises(UnknownStakeholderError, match="'z'"):
        system_map.move_stakeholders({"a": (0.0, 0.0), "z": (0.0, 0.0)})
    assert system_map.positions()["a"] == (10.0, 11.0)  # nothing moved
    system_map.move_stakeholders({"b": (-1e9, 1e9)})  # the limits themselves are fine
    assert system_map.positions()["b"] == (-1e9, 1e9)


def test_relationships_between_two_in_either_direction() -> None:
    system_map = three()
    for rid, s, t in (("ab", "a", "b"), ("ba", "b", "a"), ("ab2", "a", "b")):
        system_map.add_relationship(Relationship(id=rid, source=s, target=t))
    assert [r.id for r in system_map.relationships_between("a", "b")] == ["ab", "ab2", "ba"]
    assert [r.id for r in system_map.relationships_between("b", "a")] == ["ba", "ab", "ab2"]
    assert [(r.source, r.target) for r in system_map.relationships_between("b", "a")] == [
        ("b", "a"),
        ("a", "b"),
        ("a", "b"),
    ]
    assert system_map.relationships_between("a", "a") == []  # a map has no self-loops
    assert system_map.relationships_between("a", "c") == []


def test_vocabulary_terms_added_replaced_and_written() -> None:
    vocabulary = Vocabulary("sector", (Term("a", "A"), Term("b", "B")))
    replaced = vocabulary.with_term(Term("a", "Alpha", "#112233"))
    assert [(t.key, t.label) for t in replaced] == [("a", "Alpha"), ("b", "B")]
    added = vocabulary.with_term(Term("c", "C"))
    assert [t.key for t in added] == ["a", "b", "c"]
    assert added.name == "sector"
    assert [t.key for t in vocabulary] == ["a", "b"]  # the original is unchanged
    assert Term("a", "A", None, "").to_json() == {"key": "a", "label": "A"}
    text = replaced.to_json()
    assert text == (
        '[{"colour": "#112233", "key": "a", "label": "Alpha"}, {"key": "b", "label": "B"}]'
    )
    assert json.loads(Vocabulary("place", (Term("é", "Café"),)).to_json()) == [
        {"key": "é", "label": "Café"}
    ]
    assert "Café" in Vocabulary("place", (Term("é", "Café"),)).to_json()  # not \\u escaped


def test_messages_quote_values_short_and_bounds_readably() -> None:
    assert shown("x" * 40) == repr("x" * 40)
    assert shown("x" * 41) == repr("x" * 40 + "…")
    assert shown(list(range(30)), 10) == repr(list(range(30)))[:10] + "…"
    assert shown([1, 2]) == "[1, 2]"
    assert shown(12345678, 6) == "12345678"  # a repr two longer than the limit is whole
    assert shown(123456789, 6) == "123456…"
    with pytest.raises(ValidationError, match=r"at most 1,000,000; got 2e\+06\.$"):
        check_number(2e6, "The size", 0, 1e6)
    with pytest.raises(ValidationError, match=r"at least 2\.5; got 1\.$"):
        check_number(1, "The size", 2.5, 1e6)
    with pytest.raises(ValidationError, match=r"beyond the ±1e\+20 sysmap accepts"):
        check_number(1e21, "The size", -1e20, 1e20)
    assert str(UnknownStakeholderError("There is no stakeholder with id 'z'.")) == (
        "There is no stakeholder with id 'z'."
    )
    assert str(UnknownStakeholderError()) == ""


def test_moving_a_relationship_end_keeps_the_relationships_order() -> None:
    # Ids that sort differently from the order they were added in.
    system_map = SystemMap()
    for sid in "abcd":
        system_map.add_stakeholder(Stakeholder(id=sid, label=sid.upper()))
    for rid, s, t in (("z1", "a", "b"), ("m2", "a", "c"), ("a3", "a", "d"), ("k4", "b", "d")):
        system_map.add_relationship(Relationship(id=rid, source=s, target=t))
    system_map.update_relationship("z1", target="d")
    # As if the map had been built afresh: z1 (first added) leads wherever it now is.
    assert [r.id for r in system_map.relationships_of("a")] == ["z1", "a3", "m2"]
    assert [r.id for r in system_map.relationships_of("d")] == ["z1", "a3", "k4"]
    assert list(system_map.network().adj["a"]) == ["d", "c"]
    assert list(system_map.network().pred["d"]) == ["a", "b"]
