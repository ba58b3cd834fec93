"""Each undo command: do, undo, redo, merge, and refusal of invalid edits."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from sysmap.gui import commands as c
from sysmap.model import Relationship, Stakeholder, SystemMap, ValidationError


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


def round_trip(stack: QUndoStack, m: SystemMap, before: SystemMap) -> SystemMap:
    """Undo everything, check the map is back, redo everything, return the map after."""
    after = m.copy()
    while stack.canUndo():
        stack.undo()
    assert m == before
    while stack.canRedo():
        stack.redo()
    assert m == after
    return after


def test_add_stakeholder_keeps_its_id_on_redo(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    cmd = c.AddStakeholder(small_map, c.new_stakeholder("Jobcentre Plus", 50, 60))
    c.push(stack, cmd)
    assert cmd.stakeholder_id == "jobcentre-plus"
    assert stack.text(0) == "Add Jobcentre Plus"
    round_trip(stack, small_map, before)
    assert small_map.stakeholder("jobcentre-plus").x == 50


def test_delete_is_one_step_restoring_relationships_with_their_ids(
    small_map: SystemMap, stack: QUndoStack
) -> None:
    before = small_map.copy()
    c.push(stack, c.delete_command(small_map, ["probation-service"]))
    assert stack.count() == 1
    assert stack.text(0) == "Delete Probation Service"
    assert small_map.relationship_count == 0
    stack.undo()
    assert small_map == before
    assert small_map.relationship_ids() == before.relationship_ids()
    stack.redo()
    assert not small_map.has_stakeholder("probation-service")


def test_delete_several_and_a_relationship(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    rel = next(r.id for r in small_map.relationships() if r.relation == "supports")
    c.push(stack, c.delete_command(small_map, ["probation-service", "shelter"], [rel]))
    assert stack.text(0) == "Delete 2 stakeholders"
    assert small_map.stakeholder_ids() == ["council-housing-options"]
    round_trip(stack, small_map, before)


def test_delete_only_relationships(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    c.push(stack, c.delete_command(small_map, [], small_map.relationship_ids()))
    assert stack.text(0) == "Delete 2 relationships"
    round_trip(stack, small_map, before)


def test_connect_names_both_ends_and_allows_a_second_type(
    small_map: SystemMap, stack: QUndoStack
) -> None:
    before = small_map.copy()
    first = c.AddRelationship(
        small_map, Relationship("probation-service", "council-housing-options", "shares_data")
    )
    c.push(stack, first)
    assert stack.text(0) == "Connect Probation Service – Council housing options"
    second = c.AddRelationship(
        small_map, Relationship("probation-service", "council-housing-options", "funds")
    )
    c.push(stack, second)
    assert stack.text(1) == "Connect Probation Service → Council housing options"
    pair = small_map.relationships_between("probation-service", "council-housing-options")
    assert sorted(r.relation for r in pair) == ["funds", "refers", "shares_data"]
    round_trip(stack, small_map, before)


def test_refused_edit_never_reaches_the_stack(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    with pytest.raises(ValidationError):
        c.push(stack, c.AddRelationship(small_map, Relationship("shelter", "shelter", "funds")))
    with pytest.raises(ValidationError):
        c.push(stack, c.retag_command(small_map, ["shelter", "probation-service"], "influence", 7))
    assert stack.count() == 0
    assert small_map == before


def test_drag_move_is_one_step_and_nudges_merge(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    new = {"probation-service": (10.0, 20.0), "shelter": (300.0, 300.0)}
    c.push(stack, c.move_command(small_map, new))
    assert stack.text(0) == "Move 2 stakeholders"
    for _ in range(5):
        c.push(stack, c.nudge_command(small_map, ["probation-service", "shelter"], 10, 0))
    assert stack.count() == 2
    assert small_map.stakeholder("probation-service").x == 60.0
    round_trip(stack, small_map, before)
    stack.undo()
    assert small_map.stakeholder("probation-service").x == 10.0


def test_nudges_of_other_stakeholders_do_not_merge(small_map: SystemMap, stack: QUndoStack) -> None:
    c.push(stack, c.nudge_command(small_map, ["shelter"], 0, 10))
    c.push(stack, c.nudge_command(small_map, ["probation-service"], 0, 10))
    assert stack.count() == 2


def test_nudges_back_to_the_start_leave_no_step(small_map: SystemMap, stack: QUndoStack) -> None:
    c.push(stack, c.nudge_command(small_map, ["shelter"], 0, 10))
    c.push(stack, c.nudge_command(small_map, ["shelter"], 0, -10))
    assert stack.count() == 0


def test_nudges_do_not_merge_across_a_save(small_map: SystemMap, stack: QUndoStack) -> None:
    c.push(stack, c.nudge_command(small_map, ["shelter"], 0, 10))
    stack.setClean()
    c.push(stack, c.nudge_command(small_map, ["shelter"], 0, 10))
    assert stack.count() == 2
    stack.undo()
    assert stack.isClean()


def test_rename_typing_merges_within_a_session(small_map: SystemMap, stack: QUndoStack) -> None:
    session = object()
    for text in ("S", "Sh", "She", "Shelter GM"):
        c.push(stack, c.EditStakeholders(small_map, ["shelter"], {"label": text}, typing=session))
    assert stack.count() == 1
    assert stack.text(0) == "Rename Shelter to Shelter GM"
    stack.undo()
    assert small_map.label("shelter") == "Shelter"
    stack.redo()
    assert small_map.label("shelter") == "Shelter GM"
    c.push(stack, c.EditStakeholders(small_map, ["shelter"], {"label": "X"}, typing=object()))
    assert stack.count() == 2


def test_retag_many_is_one_step(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    ids = ["probation-service", "shelter"]
    c.push(stack, c.retag_command(small_map, ids, "sector", "private", "Private sector"))
    assert stack.text(0) == "Set sector of 2 stakeholders to Private sector"
    assert {small_map.stakeholder(i).sector for i in ids} == {"private"}
    round_trip(stack, small_map, before)


def test_edit_any_field_and_pin(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    c.push(
        stack,
        c.EditStakeholders(
            small_map, ["shelter"], {"description": "Housing charity", "tags": ("housing",)}
        ),
    )
    assert stack.text(0) == "Change description, tags of Shelter"
    c.push(stack, c.EditStakeholders(small_map, ["shelter"], {"pinned": False}))
    assert stack.text(1) == "Unpin Shelter"
    round_trip(stack, small_map, before)


def test_custom_attribute_set_and_removed_keeps_the_others(
    small_map: SystemMap, stack: QUndoStack
) -> None:
    small_map.set_attribute("shelter", "department", "DLUHC")
    before = small_map.copy()
    c.push(stack, c.SetAttribute(small_map, ["shelter", "probation-service"], "budget", 12))
    assert small_map.stakeholder("shelter").attributes == {"department": "DLUHC", "budget": 12}
    c.push(stack, c.SetAttribute(small_map, ["shelter"], "department", None))
    assert stack.text(1) == "Remove department from Shelter"
    assert small_map.stakeholder("shelter").attributes == {"budget": 12}
    round_trip(stack, small_map, before)


def test_edit_relationships(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    ids = small_map.relationship_ids()
    c.push(stack, c.EditRelationships(small_map, ids, {"status": "missing"}))
    assert stack.text(0) == "Change status of 2 relationships"
    assert {r.status for r in small_map.relationships()} == {"missing"}
    round_trip(stack, small_map, before)


def test_layout_moves_all_but_pinned_in_one_step(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    positions = dict.fromkeys(small_map.stakeholder_ids(), (1.0, 2.0))
    c.push(stack, c.ApplyLayout(small_map, "Circular", positions))
    assert stack.text(0) == "Apply layout: Circular"
    assert small_map.stakeholder("shelter").x == 100  # pinned
    assert small_map.stakeholder("probation-service").x == 1.0
    round_trip(stack, small_map, before)


def test_map_title_and_description(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    c.push(stack, c.SetMapProperties(small_map, title="Reoffending in Salford"))
    assert stack.text(0) == "Rename the map to Reoffending in Salford"
    c.push(stack, c.SetMapProperties(small_map, title="T", description="D"))
    assert stack.text(1) == "Change the map's title and description"
    round_trip(stack, small_map, before)


def test_new_sector_gets_an_unused_colour(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    key, term = c.term_for_text(small_map, "sectors", "Faith groups")
    assert key == "faith_groups"
    assert term is not None
    assert term.colour == "#D55E00"
    assert c.term_for_text(small_map, "sectors", "third SECTOR") == ("third_sector", None)
    c.push(stack, c.add_term_command(small_map, "sectors", term))
    assert stack.text(0) == "Add sector Faith groups"
    assert small_map.sectors.label("faith_groups") == "Faith groups"
    round_trip(stack, small_map, before)


def test_copy_paste_gives_new_ids_offsets_and_inner_relationships(
    small_map: SystemMap, stack: QUndoStack
) -> None:
    before = small_map.copy()
    fragment = c.copy_fragment(small_map, ["probation-service", "council-housing-options"])
    assert len(fragment["relationships"]) == 1  # the tie to Shelter stays behind
    cmd, new_ids = c.paste_command(small_map, fragment, (40.0, 40.0))
    c.push(stack, cmd)
    assert new_ids == ["probation-service-2", "council-housing-options-2"]
    assert stack.text(0) == "Paste 2 stakeholders"
    assert small_map.stakeholder("council-housing-options-2").x == 240.0
    pasted = small_map.relationships_between(*new_ids)
    assert [r.relation for r in pasted] == ["refers"]
    round_trip(stack, small_map, before)


def test_paste_into_another_map_brings_the_terms(small_map: SystemMap, stack: QUndoStack) -> None:
    small_map.set_vocabulary(
        "sectors",
        small_map.sectors.with_term(c.term_for_text(small_map, "sectors", "Faith groups")[1]),
    )
    small_map.update_stakeholder("shelter", sector="faith_groups")
    fragment = c.copy_fragment(small_map, ["shelter"])
    other = SystemMap("Other")
    cmd, new_ids = c.paste_command(other, fragment, (0.0, 0.0))
    c.push(stack, cmd)
    assert new_ids == ["shelter"]
    assert other.sectors.label("faith_groups") == "Faith groups"
    assert other.stakeholder("shelter").pinned
    stack.undo()
    assert other == SystemMap("Other")


def test_plain_text_paste(small_map: SystemMap, stack: QUndoStack) -> None:
    rows = c.text_rows("Name\tSector\tPlace\nMind\tThird sector\tSalford\nCrisis\tCharities\t\n")
    fragment = c.text_fragment(small_map, rows)
    cmd, new_ids = c.paste_command(small_map, fragment, (0.0, 0.0))
    c.push(stack, cmd)
    assert [small_map.label(i) for i in new_ids] == ["Mind", "Crisis"]
    assert small_map.stakeholder("mind").sector == "third_sector"
    assert small_map.stakeholder("mind").place == "Salford"
    assert small_map.stakeholder("crisis").sector == "charities"
    assert small_map.sectors.label("charities") == "Charities"
    assert "Salford" in small_map.places


def test_paste_refuses_foreign_data(small_map: SystemMap) -> None:
    with pytest.raises(ValidationError):
        c.paste_command(small_map, {"nodes": []}, (0.0, 0.0))


def test_failed_macro_rolls_back(small_map: SystemMap, stack: QUndoStack) -> None:
    before = small_map.copy()
    good = c.AddStakeholder(small_map, Stakeholder("New one"))
    bad = c.AddRelationship(small_map, Relationship("shelter", "nobody", "funds"))
    with pytest.raises(ValidationError):
        c.push(stack, c.MacroCommand(small_map, "Both", [good, bad]))
    assert small_map == before
    assert stack.count() == 0


def test_relationship_custom_attribute(small_map: SystemMap, stack: QUndoStack) -> None:
    ids = small_map.relationship_ids()
    small_map.update_relationship(ids[0], attributes={"contract": "CRC-12"})
    before = small_map.copy()
    c.push(stack, c.SetRelationshipAttribute(small_map, ids, "budget", 40000))
    assert stack.text(0) == "Set budget of 2 relationships to 40000"
    assert small_map.relationship(ids[0]).attributes == {"contract": "CRC-12", "budget": 40000}
    c.push(stack, c.SetRelationshipAttribute(small_map, ids[:1], "contract", None))
    assert small_map.relationship(ids[0]).attributes == {"budget": 40000}
    round_trip(stack, small_map, before)
