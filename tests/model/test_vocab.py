"""Vocabularies: defaults, lookup and their JSON form."""

from __future__ import annotations

import pytest

from sysmap.model import DEFAULT_SECTORS, OKABE_ITO, Term, ValidationError, Vocabulary


def test_default_sectors_follow_the_guidance_with_colour_blind_safe_colours() -> None:
    assert [t.label for t in DEFAULT_SECTORS] == [
        "Central government",
        "Local public services",
        "Private sector",
        "Third sector",
        "Citizens & communities",
        "Independent bodies",
    ]
    assert all(t.colour in OKABE_ITO for t in DEFAULT_SECTORS)
    assert len({t.colour for t in DEFAULT_SECTORS}) == 6


def test_key_for_matches_keys_and_labels_loosely() -> None:
    assert DEFAULT_SECTORS.key_for("Third Sector") == "third_sector"
    assert DEFAULT_SECTORS.key_for("citizens & communities") == "citizens"
    assert DEFAULT_SECTORS.key_for("Martians") is None


def test_json_round_trip() -> None:
    vocab = DEFAULT_SECTORS.with_term(Term("faith", "Faith groups", "#000000", level=None))
    assert Vocabulary.from_json("sector", vocab.to_json()) == vocab


@pytest.mark.parametrize("text", ["{", "{}", '[{"label": "x"}]', '[{"key": "a", "level": 3}]'])
def test_bad_json_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        Vocabulary.from_json("sector", text)


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValidationError, match="listed twice"):
        Vocabulary("sector", (Term("a", "A"), Term("a", "B")))


def test_the_shipped_places_nest_as_a_places_vocabulary() -> None:
    # The shipped places are plain terms (the gate that checks a vocabulary's nesting reads
    # them); as a vocabulary they pass that gate: each parent is known, no chain loops.
    from sysmap.model.places import PlaceTree
    from sysmap.model.uk_places import UK_PLACES

    places = Vocabulary("place", UK_PLACES)
    assert len(places) == len(UK_PLACES) > 50
    assert PlaceTree(places).contains("England", "Salford")
