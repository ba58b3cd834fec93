"""Layouts: pure functions from a map to positions and guides. No Qt here.

Six layouts, by name in :data:`LAYOUTS` (the Layout menu and ``sysmap export --layout``):
``force``, ``sector``, ``place``, ``circular``, ``citizen`` and ``power-interest``. Each is
``layout(system_map, fixed=None, progress=None) -> LayoutResult``: positions (box centres in
scene coordinates, pixels at 100% zoom) for every stakeholder, with no two boxes overlapping,
and guides that explain the picture. Stakeholders in ``fixed`` (pinned ones) never move.
``progress`` gives a progress bar and a working Cancel (see :mod:`sysmap.model.progress`).

:func:`force_directed` lays out any networkx graph (the workspace uses it to place the
stakeholders a file left without positions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysmap._lazy import lazy_exports

if TYPE_CHECKING:  # loaded on first use (see sysmap._lazy): commands start at once
    from sysmap.layout.force import force_directed
    from sysmap.layout.registry import (
        LAYOUTS,
        Guide,
        Layout,
        LayoutResult,
        compute_layout,
        pinned_positions,
    )
    from sysmap.model.progress import Cancelled, Progress

__all__ = [
    "LAYOUTS",
    "Cancelled",
    "Guide",
    "Layout",
    "LayoutResult",
    "Progress",
    "compute_layout",
    "force_directed",
    "pinned_positions",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "force_directed": "sysmap.layout.force",
        "Cancelled": "sysmap.model.progress",
        "Progress": "sysmap.model.progress",
        "LAYOUTS": "sysmap.layout.registry",
        "Guide": "sysmap.layout.registry",
        "Layout": "sysmap.layout.registry",
        "LayoutResult": "sysmap.layout.registry",
        "compute_layout": "sysmap.layout.registry",
        "pinned_positions": "sysmap.layout.registry",
    },
)
