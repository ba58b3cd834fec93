"""Acting on the analysis: accept a suggested link as a proposed relationship, or dismiss it.

Both are edits of the map, so both are undoable and mark the map as changed: an accepted
link is a ``proposed`` relationship carrying the analysis's explanation as its evidence; a
dismissed one is remembered in the map's ``dismissed_links`` metadata, so it stays hidden
the next time the file is opened.
"""

from __future__ import annotations

from sysmap.analysis import Finding
from sysmap.canvas.finding_list import (
    DISMISSED_KEY,
    dismissed_links,
    dismissed_text,
    pair_key,
    suggested_pair,
)
from sysmap.gui.commands.base import MapCommand, short
from sysmap.gui.commands.relationships import AddRelationship
from sysmap.model.entities import Relationship
from sysmap.model.errors import ValidationError
from sysmap.model.system_map import SystemMap

PROPOSED_TYPE = "partners"
"""The relationship type an accepted introduction gets ("partners with"), where the map has it."""


def _pair(finding: Finding) -> tuple[str, str]:
    pair = suggested_pair(finding)
    if pair is None:
        raise ValidationError("Only a suggested link can be accepted or dismissed.")
    return pair


def proposed_relationship(system_map: SystemMap, finding: Finding) -> Relationship:
    """The proposed relationship that accepting a suggested link adds."""
    source, target = _pair(finding)
    relation = PROPOSED_TYPE if PROPOSED_TYPE in system_map.relation_types else None
    introducer = finding.introducer
    description = (
        f"Suggested by the analysis: {system_map.label(introducer)} could introduce them."
        if introducer and system_map.has_stakeholder(introducer)
        else "Suggested by the analysis."
    )
    return Relationship(
        source,
        target,
        relation,
        status="proposed",
        description=description,
        evidence=finding.explanation,
    )


class AcceptSuggestedLink(AddRelationship):
    """Turn a suggested link into a proposed relationship."""

    def __init__(self, system_map: SystemMap, finding: Finding) -> None:
        super().__init__(system_map, proposed_relationship(system_map, finding))
        source, target = _pair(finding)
        self.setText(
            f"Propose a link: {short(system_map.label(source), 32)} – "
            f"{short(system_map.label(target), 32)}"
        )


class DismissSuggestedLink(MapCommand):
    """Hide a suggested link for this map (remembered in the file)."""

    def __init__(self, system_map: SystemMap, finding: Finding) -> None:
        source, target = _pair(finding)
        super().__init__(
            system_map,
            f"Dismiss the suggestion {short(system_map.label(source), 32)} – "
            f"{short(system_map.label(target), 32)}",
        )
        self.pair = pair_key(source, target)
        self.old = system_map.metadata.get(DISMISSED_KEY)

    def do(self) -> None:
        pairs = dismissed_links(self.map) | {self.pair}
        self.map.set_metadata(DISMISSED_KEY, dismissed_text(pairs))

    def undo(self) -> None:
        self.map.set_metadata(DISMISSED_KEY, self.old)
