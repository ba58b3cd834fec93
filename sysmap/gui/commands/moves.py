"""Moving stakeholders: a drag, arrow-key nudges, and applying a layout."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sysmap.gui.commands.base import NUDGE_ID, MapCommand, named
from sysmap.layout import Guide
from sysmap.model.system_map import SystemMap

Position = tuple[float, float]


class MoveStakeholders(MapCommand):
    """Move several stakeholders at once, as one step.

    A drag pushes one of these on release; each arrow-key press pushes a ``nudge``, and
    consecutive nudges of the same stakeholders merge into one step.
    """

    def __init__(
        self,
        system_map: SystemMap,
        old: Mapping[str, Position],
        new: Mapping[str, Position],
        text: str = "",
        nudge: bool = False,
    ) -> None:
        self.old = dict(old)
        self.new = {k: v for k, v in new.items() if k in self.old}
        self.nudge = nudge
        super().__init__(system_map, text or f"Move {named(system_map, list(self.new))}")

    def do(self) -> None:
        self.map.move_stakeholders(self.new)

    def undo(self) -> None:
        self.map.move_stakeholders(self.old)

    def id(self) -> int:
        return NUDGE_ID if self.nudge else -1

    def mergeWith(self, other: object) -> bool:
        if not (isinstance(other, MoveStakeholders) and other.nudge and self.nudge):
            return False
        if other.new.keys() != self.new.keys():
            return False
        self.new = dict(other.new)
        self.setObsolete(self.new == self.old)
        return True


def move_command(
    system_map: SystemMap, new: Mapping[str, Position], text: str = "", nudge: bool = False
) -> MoveStakeholders:
    """Move stakeholders to ``new`` from wherever they are now."""
    return MoveStakeholders(system_map, system_map.positions(new), new, text, nudge)


def nudge_command(
    system_map: SystemMap, stakeholder_ids: Sequence[str], dx: float, dy: float
) -> MoveStakeholders:
    """Move stakeholders by ``(dx, dy)``; consecutive nudges merge into one step."""
    now = system_map.positions(stakeholder_ids)
    new = {sid: (x + dx, y + dy) for sid, (x, y) in now.items()}
    return move_command(system_map, new, nudge=True)


class ApplyLayout(MoveStakeholders):
    """Apply a layout's positions as one step; its guides go with it (see the window)."""

    def __init__(
        self,
        system_map: SystemMap,
        title: str,
        positions: Mapping[str, Position],
        guides: Sequence[Guide] = (),
    ) -> None:
        pinned = {n for n, d in system_map.stakeholder_rows() if d.get("pinned")}
        wanted = {
            sid: (float(x), float(y))
            for sid, (x, y) in positions.items()
            if system_map.has_stakeholder(sid) and sid not in pinned
        }
        old = system_map.positions(wanted)
        super().__init__(system_map, old, wanted, f"Apply layout: {title}")
        self.guides = tuple(guides)
