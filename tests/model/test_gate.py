"""The model's gate: every field is checked where it enters a map, whoever brings it.

A file, the clipboard and the app's own edits all reach the map through the same values
(Stakeholder, Relationship, Term) and the same methods, so one set of checks keeps a colour
that would crash the painter, a number no layout can compute with, or a text that would
freeze the canvas out of everything that draws, saves or reports. Each refusal is one
sentence that names the field and whose it is.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

import pytest

from sysmap.model import Relationship, Stakeholder, SystemMap, Term, ValidationError, Vocabulary
from sysmap.model.limits import MAX_COORDINATE, MAX_LABEL_CHARS, MAX_TEXT_CHARS

LONG_NAME = "n" * (MAX_LABEL_CHARS + 1)
LONG_TEXT = "t" * (MAX_TEXT_CHARS + 1)


@pytest.fixture
def two() -> SystemMap:
    m = SystemMap("Gate")
    m.add_stakeholder(Stakeholder("Council", id="council"))
    m.add_stakeholder(Stakeholder("Jobcentre", id="jobcentre"))
    return m


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        ({"label": LONG_NAME}, "A stakeholder's name is 10,001 characters long"),
        ({"sector": LONG_NAME}, "The sector of 'Council' is 10,001 characters long"),
        ({"place": LONG_NAME}, "The place of 'Council' is 10,001"),
        ({"kind": LONG_NAME}, "The kind of 'Council' is 10,001"),
        ({"place_level": LONG_NAME}, "The place level of 'Council' is 10,001"),
        ({"short_name": LONG_NAME}, "The short name of 'Council' is 10,001"),
        ({"description": LONG_TEXT}, "The description of 'Council' is 1,000,001 characters long"),
        ({"evidence": LONG_TEXT}, "The evidence of 'Council' is 1,000,001"),
        ({"tags": ("ok", LONG_NAME)}, "A tag of 'Council' is 10,001"),
        ({"x": 1e300}, "The x position of 'Council' is 1e+300, beyond the ±1,000,000,000"),
        ({"y": -2e9}, "The y position of 'Council' is -2e+09, beyond"),
        ({"x": math.nan}, "The x position of 'Council' must be a finite number"),
        ({"y": 10**400}, "The y position of 'Council' is a number too big"),
        ({"size": 2 * MAX_COORDINATE}, "The size of 'Council' must be at most 1,000,000,000"),
        ({"size": -1.0}, "The size of 'Council' must be at least 0"),
        ({"influence": 1.5}, "The influence of 'Council' must be between 0 and 1"),
        ({"interest": math.inf}, "The interest of 'Council' must be a finite number"),
        ({"colour": "red"}, "colour must look like #1A2B3C, not 'red'"),
        ({"colour": "#0072B2;background:url(x)"}, "colour must look like #1A2B3C"),
        ({"pinned": "yes"}, "Whether 'Council' is pinned must be true or false"),
        ({"attributes": {"notes": LONG_TEXT}}, "The attribute 'notes' of 'Council' is 1,000,001"),
        ({"attributes": {LONG_NAME: 1}}, "An attribute's name of 'Council' is 10,001"),
        ({"attributes": {"n": 2**70}}, "The attribute 'n' of 'Council' is a whole number too big"),
        ({"attributes": {"n": math.inf}}, "The attribute 'n' of 'Council' must be a finite"),
        ({"attributes": {"n": [1, 2]}}, "The attribute 'n' of 'Council' must be text, a whole"),
    ],
)
def test_a_stakeholder_field_beyond_its_bounds_is_refused_by_name(
    two: SystemMap, change: dict[str, Any], phrase: str
) -> None:
    before = two.stakeholder("council")
    with pytest.raises(ValidationError) as edit:  # the app's edit
        two.update_stakeholder("council", **change)
    assert phrase in str(edit.value)
    assert two.stakeholder("council") == before
    with pytest.raises(ValidationError) as read:  # a reader's, in bulk
        two.add_many([replace(Stakeholder("Council", id="other"), **change)])
    assert phrase in str(read.value)
    assert two.stakeholder_count == 2
    assert len(str(edit.value)) < 300  # a sentence, not the 10,000 characters it refused


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        ({"relation": LONG_NAME}, "The relation of the relationship council → jobcentre is 10,001"),
        ({"status": LONG_NAME}, "The status of the relationship council → jobcentre is 10,001"),
        ({"status": ""}, "The status of the relationship council → jobcentre cannot be empty"),
        ({"description": LONG_TEXT}, "The description of the relationship council → jobcentre"),
        ({"evidence": LONG_TEXT}, "The evidence of the relationship council → jobcentre"),
        ({"weight": math.inf}, "must be a finite number, not inf"),
        ({"weight": -1.0}, "must be at least 0; got -1"),
        ({"weight": math.nan}, "must be a finite number"),
        ({"directed": "no"}, "is directed must be true or false"),
        ({"attributes": {"note": LONG_TEXT}}, "The attribute 'note' of the relationship council"),
    ],
)
def test_a_relationship_field_beyond_its_bounds_is_refused_by_name(
    two: SystemMap, change: dict[str, Any], phrase: str
) -> None:
    rel = two.add_relationship(Relationship("council", "jobcentre", "refers"))
    with pytest.raises(ValidationError, match=re.escape(phrase)):
        two.update_relationship(rel.id, **change)
    with pytest.raises(ValidationError, match=re.escape(phrase)):
        two.add_relationship(replace(Relationship("council", "jobcentre"), **change))
    assert two.relationship_count == 1


def test_the_map_title_description_and_details_are_bounded(two: SystemMap) -> None:
    with pytest.raises(ValidationError, match="The map's title is 10,001 characters long"):
        two.set_properties(title=LONG_NAME)
    with pytest.raises(ValidationError, match="The map's description is 1,000,001 characters"):
        two.set_properties(description=LONG_TEXT)
    with pytest.raises(ValidationError, match="The attribute 'source' of the map is 1,000,001"):
        two.set_metadata("source", LONG_TEXT)
    with pytest.raises(ValidationError, match="The map's title is 10,001"):
        SystemMap(LONG_NAME)
    assert two.title == "Gate"


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"key": LONG_NAME, "label": "x"}, "A vocabulary key is 10,001 characters long"),
        ({"key": "a", "label": LONG_NAME}, "The term 'a''s label is 10,001"),
        ({"key": "a", "label": "A", "description": LONG_TEXT}, "The term 'a''s description"),
        ({"key": "a", "label": "A", "level": LONG_NAME}, "The term 'a''s level is 10,001"),
        ({"key": "a", "label": "A", "colour": "rgb(0,0,0)"}, "colour must look like #1A2B3C"),
        ({"key": "a", "label": "A", "directed": 1}, "'directed' flag must be true or false"),
        ({"key": "a", "label": "A\x07"}, "contains control characters"),
    ],
)
def test_a_vocabulary_entry_is_well_formed_or_refused(fields: dict[str, Any], phrase: str) -> None:
    with pytest.raises(ValidationError, match=phrase):
        Term(**fields)


def test_a_vocabulary_read_from_a_file_keeps_its_good_terms() -> None:
    notes: list[str] = []
    text = '[{"key": "a", "colour": "#0072b2"}, {"key": "b", "colour": "url(http://x)"}]'
    vocabulary = Vocabulary.from_json("sector", text, notes)
    assert [t.colour for t in vocabulary] == ["#0072B2", None]
    assert notes == [
        "The sector 'b' has the colour 'url(http://x)', which is not written as #RRGGBB; "
        "it is drawn in a default colour."
    ]
    with pytest.raises(ValidationError, match="10,001"):
        Vocabulary.from_json("sector", f'[{{"key": "{LONG_NAME}"}}]')


def test_moving_is_bounded_like_placing(two: SystemMap) -> None:
    with pytest.raises(ValidationError, match="x position of 'Council' is 1e\\+10, beyond"):
        two.move_stakeholders({"council": (1e10, 0.0), "jobcentre": (1.0, 1.0)})
    assert two.stakeholder("jobcentre").x == 0.0  # nothing moved
    two.move_stakeholders({"council": (MAX_COORDINATE, -MAX_COORDINATE)})
    assert two.stakeholder("council").x == MAX_COORDINATE
