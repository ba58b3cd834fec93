"""Layouts by name, as the app's Layout menu and ``sysmap export --layout`` offer them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sysmap.layout.force import Position, force_directed
from sysmap.model.system_map import SystemMap

LayoutFunction = Callable[[SystemMap, Mapping[str, Position]], dict[str, Position]]


@dataclass(frozen=True)
class Layout:
    """A named layout: what users call it, one line on what it shows, and the function."""

    name: str
    title: str
    summary: str
    compute: LayoutFunction


def _force(system_map: SystemMap, fixed: Mapping[str, Position]) -> dict[str, Position]:
    return force_directed(system_map.graph, fixed=fixed)


LAYOUTS: dict[str, Layout] = {
    "force": Layout(
        "force",
        "Force-directed",
        "Related stakeholders sit together; unrelated ones spread out.",
        _force,
    ),
}


def compute_layout(name: str, system_map: SystemMap) -> dict[str, Position]:
    """Return new positions for every stakeholder; pinned ones keep theirs."""
    fixed = {n: (d["x"], d["y"]) for n, d in system_map.graph.nodes(data=True) if d.get("pinned")}
    return LAYOUTS[name].compute(system_map, fixed)
