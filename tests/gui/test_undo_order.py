"""Every undo command gives back the map it found: the same content in the same order.

Each case is run on the reoffending example (41 stakeholders, many relationships each). After
undo the map must equal the one before, and list its stakeholders, its relationships, each
stakeholder's relationships and the graph's neighbours in the same order; after redo it must
equal the map the command first made, in that map's order. A command class without a case
here fails :func:`test_every_command_class_has_a_case`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

import sysmap.gui.commands as commands_package
from sysmap.analysis import Finding, Highlight, ShouldTalk
from sysmap.combine.patch import MapPatch
from sysmap.gui import commands as c
from sysmap.gui.commands.base import EachCommand, MapCommand
from sysmap.gui.commands.merge import MergeMaps
from sysmap.gui.commands.stakeholders import NameNewStakeholder
from sysmap.gui.commands.suggestions import AcceptSuggestedLink, DismissSuggestedLink
from sysmap.io import load_map
from sysmap.model import Relationship, Stakeholder, SystemMap, Term
from sysmap.model.order import Removed
from tests.order_snapshot import assert_same_map, map_order

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "reoffending.graphml"

Case = Callable[[SystemMap], MapCommand]


def _middle(m: SystemMap) -> str:
    """A stakeholder in the middle of the order with several relationships."""
    ids = m.stakeholder_ids()
    return max(ids[2:-2], key=lambda s: (len(m.relationships_of(s)), -ids.index(s)))


def _suggestion(m: SystemMap) -> Finding:
    a, b = m.stakeholder_ids()[1], m.stakeholder_ids()[-2]
    return Finding(
        "medium",
        "suggested_link",
        "They could be introduced",
        "Both work with the same people.",
        Highlight(nodes=(a, b), suggested=((a, b),)),
    )


def _merge(m: SystemMap) -> MapPatch:
    other = m.copy()
    other.update_stakeholder(m.stakeholder_ids()[4], description="Seen in the other map")
    other.add_stakeholder(Stakeholder("Recovery café", sector="third_sector"))
    other.add_relationship(Relationship("recovery-cafe", m.stakeholder_ids()[0], "refers"))
    return MapPatch.between(m, other)


def _paste(m: SystemMap) -> MapCommand:
    fragment = c.copy_fragment(m, m.stakeholder_ids()[3:6])
    return c.paste_command(m, fragment, (30.0, 30.0))[0]


def _rename_new(m: SystemMap) -> MapCommand:
    # Named in place just after being added (nothing refers to it yet), here in the middle.
    m.restore(Removed(((5, Stakeholder("New stakeholder", id="new-stakeholder")),)))
    return NameNewStakeholder(m, "new-stakeholder", "Jobcentre Plus")


CASES: dict[str, Case] = {
    "add stakeholder": lambda m: c.AddStakeholder(m, c.new_stakeholder("Food bank", 5, 5)),
    "remove stakeholder": lambda m: c.RemoveStakeholder(m, _middle(m)),
    "delete several": lambda m: c.delete_command(
        m, [_middle(m), m.stakeholder_ids()[0]], m.relationship_ids()[7:9]
    ),
    "delete relationships": lambda m: c.delete_command(m, [], m.relationship_ids()[2:5]),
    "rename in place": _rename_new,
    "edit stakeholders": lambda m: c.EditStakeholders(
        m, m.stakeholder_ids()[:3], {"sector": "private", "influence": 0.9}
    ),
    "set attribute": lambda m: c.SetAttribute(m, m.stakeholder_ids()[2:4], "budget", 12.5),
    "add relationship": lambda m: c.AddRelationship(
        m, Relationship(m.stakeholder_ids()[0], m.stakeholder_ids()[-1], "funds")
    ),
    "remove relationship": lambda m: c.RemoveRelationship(m, m.relationship_ids()[3]),
    "edit relationships": lambda m: c.EditRelationships(
        m, m.relationship_ids()[:4], {"status": "weak"}
    ),
    "reconnect a relationship": lambda m: c.EditRelationships(
        m,
        [m.relationship_ids()[1]],
        {"source": m.stakeholder_ids()[-1], "target": m.stakeholder_ids()[0]},
    ),
    "relationship attribute": lambda m: c.SetRelationshipAttribute(
        m, m.relationship_ids()[:2], "contract", "2025"
    ),
    "move": lambda m: c.move_command(m, {m.stakeholder_ids()[1]: (-40.0, 12.0)}),
    "layout": lambda m: c.ApplyLayout(
        m, "Circular", {s: (float(i), 0.0) for i, s in enumerate(m.stakeholder_ids())}
    ),
    "map properties": lambda m: c.SetMapProperties(m, title="Renamed", description="Why"),
    "vocabulary": lambda m: c.add_term_command(m, "sectors", Term("faith", "Faith groups")),
    "places": lambda m: c.SetPlaces(m, m.places, m.stakeholder(m.stakeholder_ids()[7]).place),
    "should talk": lambda m: c.SetShouldTalk(m, ShouldTalk(same_place=False)),
    "merge": lambda m: MergeMaps(m, _merge(m), 2),
    "paste": _paste,
    "accept suggestion": lambda m: AcceptSuggestedLink(m, _suggestion(m)),
    "dismiss suggestion": lambda m: DismissSuggestedLink(m, _suggestion(m)),
    "macro": lambda m: c.MacroCommand(
        m,
        "Two edits",
        [
            c.RemoveRelationship(m, m.relationship_ids()[0]),
            c.RemoveStakeholder(m, m.stakeholder_ids()[2]),
        ],
    ),
}


@pytest.fixture(scope="module")
def example() -> SystemMap:
    return load_map(EXAMPLE).map


@pytest.mark.parametrize("name", sorted(CASES))
def test_undo_gives_back_the_same_map_in_the_same_order(name: str, example: SystemMap) -> None:
    m = example.copy()
    stack = QUndoStack()
    command = CASES[name](m)
    before = m.copy()
    c.push(stack, command)
    after = m.copy()
    assert m != before, "the command changed nothing"
    stack.undo()
    assert_same_map(m, before)
    stack.redo()
    assert_same_map(m, after)
    stack.undo()
    assert_same_map(m, before)


def test_deleting_a_stakeholder_and_undoing_keeps_its_index(example: SystemMap) -> None:
    m = example.copy()
    victim = m.stakeholder_ids()[3]
    stack = QUndoStack()
    c.push(stack, c.delete_command(m, [victim]))
    stack.undo()
    assert m.stakeholder_index(victim) == 3  # it came back last (index 40) before


def _command_classes() -> set[type]:
    for info in pkgutil.iter_modules(commands_package.__path__):
        importlib.import_module(f"{commands_package.__name__}.{info.name}")
    found: set[type] = set()
    todo: list[type] = [MapCommand]
    while todo:
        cls = todo.pop()
        subclasses: list[type] = cls.__subclasses__()
        for sub in subclasses:
            if sub.__module__.startswith("sysmap.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found - {EachCommand}


def test_every_command_class_has_a_case(example: SystemMap) -> None:
    covered = {type(CASES[name](example.copy())) for name in CASES}
    missing = {cls.__name__ for cls in _command_classes()} - {cls.__name__ for cls in covered}
    assert not missing, f"add an undo-order case for {sorted(missing)}"


def test_the_order_snapshot_notices_a_reordering(example: SystemMap) -> None:
    # The check itself must be able to fail: the same content, one stakeholder moved last.
    m = example.copy()
    first = m.stakeholder_ids()[0]
    removed = m.remove_items([first])
    person = removed.stakeholders[0][1]
    m.add_stakeholder(person)
    m.add_many((), [r for _, r in removed.relationships], allow_self_loops=True)
    assert m == example
    assert map_order(m) != map_order(example)
