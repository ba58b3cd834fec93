"""What every item on a map needs to know to draw itself, shared by reference.

Items read this at paint time instead of each keeping copies, so switching the theme, an
overlay or relationship labels is one assignment and a repaint, not a pass over every item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from sysmap.canvas.overlay import Overlay
from sysmap.canvas.theme import LIGHT, CanvasTheme

LABEL_LOD = 0.7
"""Below this zoom labels are too small to read (under 8.4 px): name tags say who is who."""
OVERVIEW_LOD = 0.45
"""Below this zoom a big map may be drawn in batches (its text would be about 5 px)."""
SIMPLE_LOD = 0.18
"""Below this zoom shapes are drawn as plain boxes and arrows are left out."""


@dataclass
class CanvasState:
    """Drawing state shared by a scene and all its items.

    Parameters
    ----------
    theme : CanvasTheme
        The paper (light or dark).
    overlay : Overlay or None
        The analysis overlay shown, if any.
    relation_labels : bool
        Whether every relationship shows its type, or only the hovered one.
    hovered : str
        Id of the stakeholder under the mouse ("" for none).
    overview : bool
        Whether the map is drawn in batches (individual items are not painted).
    exporting : bool
        Whether a picture is being rendered (batched lines are then antialiased too).
    tags_in_view : bool
        Whether a view writes the overlay's tags at a readable screen size (the marks then
        leave them out, except in an export).
    moving : bool
        Whether the view is being panned or zoomed right now (see ``EdgeLayer``).
    repainting : tuple
        While a view paints: its viewport and the rectangles being repainted, in the
        viewport's pixels (see ``MapView.paintEvent``); ``(None, ())`` otherwise.
    """

    theme: CanvasTheme = LIGHT
    overlay: Overlay | None = None
    relation_labels: bool = False
    hovered: str = ""
    overview: bool = False
    exporting: bool = False
    tags_in_view: bool = False
    moving: bool = False
    repainting: tuple[QWidget | None, tuple[QRect, ...]] = (None, ())
    _highlight: frozenset[str] = field(default=frozenset(), repr=False)
    _highlight_relationships: frozenset[str] = field(default=frozenset(), repr=False)

    def set_overlay(self, overlay: Overlay | None) -> None:
        """Show ``overlay`` (or none) and precompute what it emphasises."""
        self.overlay = overlay
        if overlay is None:
            self._highlight = frozenset()
            self._highlight_relationships = frozenset()
        else:
            self._highlight = overlay.emphasised_stakeholders()
            self._highlight_relationships = frozenset(overlay.relationships)

    def stakeholder_emphasis(self, stakeholder_id: str) -> int:
        """Return 1 if highlighted, -1 if faded by the overlay, 0 if drawn as usual."""
        overlay = self.overlay
        if overlay is None:
            return 0
        if stakeholder_id in self._highlight:
            return 1
        return -1 if overlay.fade_others else 0

    def relationship_emphasis(self, relationship_id: str, source: str, target: str) -> int:
        """Return 1 if highlighted, -1 if faded by the overlay, 0 if drawn as usual."""
        overlay = self.overlay
        if overlay is None:
            return 0
        if relationship_id in self._highlight_relationships:
            return 1
        if relationship_id in overlay.context:
            return 0
        if not overlay.fade_others:
            return 0
        # Ties among highlighted stakeholders stay readable unless the overlay lists its own.
        if (
            not self._highlight_relationships
            and source in self._highlight
            and target in self._highlight
        ):
            return 0
        return -1
