"""Layouts by name, as the app's Layout menu and ``sysmap export --layout`` offer them.

A layout returns new positions and, optionally, **guides**: marks drawn behind the map that
explain it (the quadrants of a power/interest grid, the rings around the citizen, the bands of
place levels). Guides are not part of the map and are not saved with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sysmap.layout.force import Position, force_directed
from sysmap.model.system_map import SystemMap


@dataclass(frozen=True)
class Guide:
    """A labelled mark behind the map.

    Parameters
    ----------
    shape : str
        ``"rect"`` (a box at x, y of width × height, label at its top-left), ``"circle"``
        (centre x, y, diameter ``width``, label at its top) or ``"text"`` (a label at x, y).
    label : str
        What the mark means ("Manage closely", "2 steps from the citizen", "Regional").
    x, y, width, height : float
        Geometry in scene coordinates.
    """

    shape: str
    label: str
    x: float
    y: float
    width: float = 0.0
    height: float = 0.0


@dataclass(frozen=True)
class LayoutResult:
    """New positions for every stakeholder, and the guides that explain them."""

    positions: dict[str, Position]
    guides: tuple[Guide, ...] = field(default=())


LayoutFunction = Callable[[SystemMap, Mapping[str, Position]], LayoutResult]


@dataclass(frozen=True)
class Layout:
    """A named layout: what users call it, one line on what it shows, and the function."""

    name: str
    title: str
    summary: str
    compute: LayoutFunction


def _force(system_map: SystemMap, fixed: Mapping[str, Position]) -> LayoutResult:
    return LayoutResult(force_directed(system_map.graph, fixed=fixed))


LAYOUTS: dict[str, Layout] = {
    "force": Layout(
        "force",
        "Force-directed",
        "Related stakeholders sit together; unrelated ones spread out.",
        _force,
    ),
}


def compute_layout(name: str, system_map: SystemMap) -> LayoutResult:
    """Lay out the map; pinned stakeholders keep their positions."""
    fixed = {n: (d["x"], d["y"]) for n, d in system_map.graph.nodes(data=True) if d.get("pinned")}
    return LAYOUTS[name].compute(system_map, fixed)
