"""Merging other maps into the open one, as one undoable step."""

from __future__ import annotations

from sysmap.combine.patch import MapPatch
from sysmap.gui.commands.base import MapCommand, plural
from sysmap.model.system_map import SystemMap


class MergeMaps(MapCommand):
    """Add what the merge adds and change what it changes; undo takes it all back."""

    def __init__(self, system_map: SystemMap, patch: MapPatch, maps: int) -> None:
        added = len(patch.added)
        super().__init__(
            system_map,
            f"Merge {plural(maps, 'map')} in ({plural(added, 'stakeholder')} added, "
            f"{len(patch.changed)} updated)",
        )
        self.patch = patch

    def do(self) -> None:
        self.patch.apply(self.map)

    def undo(self) -> None:
        self.patch.revert(self.map)
