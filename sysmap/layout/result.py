"""What a layout returns: new positions, and the guides that explain them.

Guides are labelled marks drawn behind the map (the quadrants of a power/interest grid, the
rings around the citizen, the bands of place levels). They are not part of the map and are
not saved with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sysmap.layout.nodes import Position

# How the canvas draws a guide's caption (sysmap.canvas.guides): text guides at 15 px bold;
# a rectangle's or ring's caption grows with the guide (2.5% of its longer side, 15–44 px)
# so it stays readable when a big map is seen zoomed out. Layouts leave room to match.
CAPTION_PX = 15.0
CAPTION_MAX_PX = 44.0
CAPTION_GROWTH = 0.025
_CHAR_WIDTH = 0.62  # of the font's pixel size, bold, a little generous
_LINE_HEIGHT = 1.3
_CAPTION_TOP = 6.0  # a rectangle's caption is drawn this far below its top edge

GUIDE_LINE_HEIGHT = 24.0
"""Room a text guide (15 px) takes vertically, with a little space below."""


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


def caption_px(extent: float = 0.0) -> float:
    """The pixel size of a caption on a guide whose longer side is ``extent`` (0 for text).

    Examples
    --------
    >>> caption_px(), caption_px(1000), caption_px(10_000)
    (15.0, 25.0, 44.0)
    """
    return min(CAPTION_MAX_PX, max(CAPTION_PX, extent * CAPTION_GROWTH))


def caption_width(label: str, extent: float = 0.0) -> float:
    """Estimate how wide a caption is drawn, in scene pixels, with a little room either side."""
    return len(label) * _CHAR_WIDTH * caption_px(extent) + 16.0


def caption_strip(extent: float = 0.0) -> float:
    """Room to leave at the top of a rectangle of longer side ``extent`` for its caption."""
    return _CAPTION_TOP + _LINE_HEIGHT * caption_px(extent) + 4.0


def captioned_size(
    label: str, width: float, height: float, padding: float
) -> tuple[float, float, float]:
    """Outer size of a captioned rectangle round ``width × height`` of content.

    The rectangle has ``padding`` all round and its caption's strip at the top; it is at
    least as wide as its caption. A bigger rectangle draws a bigger caption, which needs a
    bigger rectangle: a few rounds settle it (the caption stops growing at 44 px).

    Returns
    -------
    (float, float, float)
        Outer width, outer height and the height of the caption strip.

    Examples
    --------
    >>> w, h, strip = captioned_size("Regional", 2000.0, 300.0, 10.0)
    >>> w, strip
    (2020.0, 67.2)
    """
    outer_w, strip = width + 2 * padding, caption_strip()
    for _ in range(4):
        extent = max(outer_w, height + 2 * padding + strip)
        strip = caption_strip(extent)
        outer_w = max(width, caption_width(label, extent)) + 2 * padding
    return outer_w, height + 2 * padding + strip, strip
