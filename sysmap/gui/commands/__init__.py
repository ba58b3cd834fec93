"""Undo commands: every edit a user makes, as one readable step that calls only the map.

Each command changes the :class:`~sysmap.model.SystemMap` through its methods; the canvas,
tables and inspector follow the map's change events. Push commands with :func:`push`, which
refuses an invalid edit before it reaches the undo stack.
"""

from __future__ import annotations

from sysmap.gui.commands.base import MacroCommand, MapCommand, plural, push
from sysmap.gui.commands.map_edits import (
    SetMapProperties,
    SetPlaces,
    SetShouldTalk,
    SetVocabulary,
    add_term_command,
    term_for_text,
)
from sysmap.gui.commands.moves import ApplyLayout, MoveStakeholders, move_command, nudge_command
from sysmap.gui.commands.paste import copy_fragment, paste_command, text_fragment, text_rows
from sysmap.gui.commands.relationships import (
    AddRelationship,
    EditRelationships,
    RemoveRelationship,
    SetRelationshipAttribute,
    describe,
)
from sysmap.gui.commands.stakeholders import (
    AddStakeholder,
    EditStakeholders,
    RemoveStakeholder,
    SetAttribute,
    delete_command,
    new_stakeholder,
    retag_command,
)

__all__ = [
    "AddRelationship",
    "AddStakeholder",
    "ApplyLayout",
    "EditRelationships",
    "EditStakeholders",
    "MacroCommand",
    "MapCommand",
    "MoveStakeholders",
    "RemoveRelationship",
    "RemoveStakeholder",
    "SetAttribute",
    "SetMapProperties",
    "SetPlaces",
    "SetRelationshipAttribute",
    "SetShouldTalk",
    "SetVocabulary",
    "add_term_command",
    "copy_fragment",
    "delete_command",
    "describe",
    "move_command",
    "new_stakeholder",
    "nudge_command",
    "paste_command",
    "plural",
    "push",
    "retag_command",
    "term_for_text",
    "text_fragment",
    "text_rows",
]
