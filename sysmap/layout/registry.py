"""Layouts by name, as the app's Layout menu and ``sysmap export --layout`` offer them.

Every layout has the same signature::

    layout(system_map, fixed=None, progress=None) -> LayoutResult

``fixed`` maps stakeholder ids to positions that must not change (pinned stakeholders);
``progress`` is the Progress-and-Cancel callback of :mod:`sysmap.model.progress`. A layout
reads the map once at its start and never changes it: apply ``result.positions`` yourself
(the app does so as one undoable step). To run a layout off the GUI thread while the user
keeps editing, give it a copy of the map (:meth:`SystemMap.copy`).

Every result places every stakeholder (pinned ones exactly where they were), with finite
positions, no two boxes overlapping (sizes from :func:`sysmap.layout.nodes.box_size`), and
the same picture for the same map every time. The force and sector layouts also keep every
line off the stakeholders it does not join (:mod:`sysmap.layout.line_clearance` says what
that means; :mod:`sysmap.layout.line_nudge` does it, on maps of up to 150 stakeholders and
300 lines).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sysmap.layout.circular import circular_layout
from sysmap.layout.citizen import citizen_layout
from sysmap.layout.common import force_layout
from sysmap.layout.nodes import Position
from sysmap.layout.place import place_layout
from sysmap.layout.power_interest import power_interest_layout
from sysmap.layout.result import Guide, LayoutResult
from sysmap.layout.sector import sector_layout
from sysmap.model.errors import ValidationError
from sysmap.model.progress import Progress
from sysmap.model.system_map import SystemMap

__all__ = ["LAYOUTS", "Guide", "Layout", "LayoutFunction", "LayoutResult", "compute_layout"]

LayoutFunction = Callable[[SystemMap, Mapping[str, Position] | None, Progress | None], LayoutResult]


@dataclass(frozen=True)
class Layout:
    """A named layout: what users call it, one line on what it shows, and the function."""

    name: str
    title: str
    summary: str
    compute: LayoutFunction


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout(
            "force",
            "Force-directed",
            "Related stakeholders sit together; unrelated ones spread out.",
            force_layout,
        ),
        Layout(
            "sector",
            "By sector",
            "Each sector in its own area, so ties inside and between sectors stand out.",
            sector_layout,
        ),
        Layout(
            "place",
            "By place",
            "National, regional and local bands, with a column for each place.",
            place_layout,
        ),
        Layout(
            "circular",
            "Circular",
            "Everyone on one ring, sector by sector, so every relationship is visible.",
            circular_layout,
        ),
        Layout(
            "citizen",
            "Citizen-centred",
            "Citizens in the middle; rings show how many steps away each stakeholder is.",
            citizen_layout,
        ),
        Layout(
            "power-interest",
            "Power and interest",
            "Mendelow's grid: who to manage closely, keep satisfied, keep informed or monitor.",
            power_interest_layout,
        ),
    )
}


def compute_layout(
    name: str,
    system_map: SystemMap,
    progress: Progress | None = None,
    fixed: Mapping[str, Position] | None = None,
) -> LayoutResult:
    """Lay out the map with the layout called ``name``; pinned stakeholders stay put.

    Parameters
    ----------
    name : str
        A key of :data:`LAYOUTS`.
    system_map : SystemMap
        The map (read, never changed).
    progress : callable, optional
        Progress and Cancel (see :mod:`sysmap.model.progress`).
    fixed : mapping, optional
        Positions that must not change; defaults to the map's pinned stakeholders.

    Raises
    ------
    ValidationError
        If there is no layout called ``name``.
    Cancelled
        If the user cancelled (``progress`` says so).
    """
    layout = LAYOUTS.get(name)
    if layout is None:
        known = ", ".join(LAYOUTS)
        raise ValidationError(f"There is no layout called '{name}'; choose one of {known}.")
    if fixed is None:
        fixed = pinned_positions(system_map)
    return layout.compute(system_map, fixed, progress)


def pinned_positions(system_map: SystemMap) -> dict[str, Position]:
    """Return the positions of the map's pinned stakeholders."""
    return {
        node: (float(data.get("x", 0.0)), float(data.get("y", 0.0)))
        for node, data in system_map.stakeholder_rows()
        if data.get("pinned")
    }
