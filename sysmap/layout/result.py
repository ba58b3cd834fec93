"""What a layout returns: new positions, and the guides that explain them.

Guides are labelled marks drawn behind the map (the quadrants of a power/interest grid, the
rings around the citizen, the bands of place levels). They are not part of the map and are
not saved with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sysmap.layout.nodes import Position

GUIDE_CHAR_WIDTH = 9.0
"""Estimated width of one character of a guide's caption (the canvas draws them at 15 px bold)."""

GUIDE_LINE_HEIGHT = 24.0
"""Room a guide's caption takes vertically, with its padding."""


@dataclass(frozen=True)
class Guide:
    """A labelled mark behind the map.

    Parameters
    ----------
    shape : str
        ``"rect"`` (a box at x, y of width × height, label at its top-left), ``"circle"``
        (centre x, y, diameter ``width``, label at its top) or ``"text"`` (a label at x, y).
    label : str
        What the mark means ("Manage closely", "2 steps from a citizen", "Regional").
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


def caption_width(label: str) -> float:
    """Estimate how wide a guide's caption is drawn, in scene pixels."""
    return len(label) * GUIDE_CHAR_WIDTH + 16.0
