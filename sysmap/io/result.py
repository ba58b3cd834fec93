"""What every reader returns: the map, what it had to tell the user, and what it lacked."""

from __future__ import annotations

from dataclasses import dataclass, field

from sysmap.model.system_map import SystemMap


@dataclass
class LoadResult:
    """A map read from a file.

    Parameters
    ----------
    map : SystemMap
        The map.
    format : str
        What the file turned out to be, for people ("GraphML from yEd").
    warnings : list of str
        One sentence per thing the user should know ("12 nodes had no label; their ids are
        used").
    unpositioned : frozenset of str
        Stakeholders the file gave no position; the caller lays them out.
    notes : list of str
        What was done to the map after reading it that is not a problem (columns put onto
        sectors, for instance), one sentence each.
    """

    map: SystemMap
    format: str
    warnings: list[str] = field(default_factory=list)
    unpositioned: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)
