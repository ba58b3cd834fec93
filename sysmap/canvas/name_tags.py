"""Name tags: who is who on a map zoomed out too far for its labels.

Below the zoom where labels are drawn (their text would be 5 px), a map of coloured boxes says
little. Like a road map that names the big towns first, the view then writes short names at a
readable screen size under the best-connected stakeholders, as many as fit without covering
each other, another stakeholder, the legend or the title. Hovering still shows any name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from sysmap.canvas.theme import CanvasTheme, canvas_font

TAG_PIXEL_SIZE = 11
MAX_CHARS = 26
"""Longer names are shortened with an ellipsis (the hover shows them whole)."""
MAX_STAKEHOLDERS = 1500
"""Above this many stakeholders on the map, no tags are placed (the overview shows groups)."""
_CELL = 64.0


@dataclass(frozen=True)
class Candidate:
    """A stakeholder that could be named: its name, its box on screen, how connected it is."""

    label: str
    box: QRectF
    ties: int
    first: bool = False
    """Named before the rest (highlighted by the finding shown)."""


@dataclass(frozen=True)
class NameTag:
    """A placed tag: the text and where it goes, in viewport pixels."""

    text: str
    rect: QRectF


def tag_font_metrics() -> QFontMetricsF:
    """The metrics of the tags' font."""
    return QFontMetricsF(canvas_font(TAG_PIXEL_SIZE))


def place_tags(
    candidates: Sequence[Candidate], blocked: Sequence[QRectF], viewport: QRectF
) -> list[NameTag]:
    """Name the best-connected stakeholders first, each just below its box, where it fits."""
    metrics = tag_font_metrics()
    grid = RectGrid()
    for box in blocked:
        grid.add(box)
    for candidate in candidates:
        grid.add(candidate.box)
    placed: list[NameTag] = []
    for candidate in sorted(
        candidates, key=lambda c: (not c.first, -c.ties, c.label, c.box.top(), c.box.left())
    ):
        text = _short(candidate.label)
        width = metrics.horizontalAdvance(text) + 6
        height = metrics.height() + 2
        box = candidate.box
        rect = QRectF(box.center().x() - width / 2, box.bottom() + 2, width, height)
        if not viewport.contains(rect) or grid.hits(rect, ignore=box):
            continue
        grid.add(rect)
        placed.append(NameTag(text, rect))
    return placed


def paint_tags(painter: QPainter, tags: Sequence[NameTag], theme: CanvasTheme) -> None:
    """Draw the tags: dark text on a pale, slightly see-through backing (or the reverse)."""
    painter.setFont(canvas_font(TAG_PIXEL_SIZE))
    backing = QColor(theme.background)
    backing.setAlpha(215)
    painter.setPen(Qt.PenStyle.NoPen)
    for tag in tags:
        painter.setBrush(backing)
        painter.drawRoundedRect(tag.rect, 3, 3)
    painter.setPen(QColor(theme.text))
    for tag in tags:
        painter.drawText(tag.rect, Qt.AlignmentFlag.AlignCenter, tag.text)


def _short(label: str) -> str:
    text = " ".join(label.split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"


class RectGrid:
    """Rectangles filed by the 64-pixel cells they touch, for quick overlap tests."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        x0, x1 = int(rect.left() // _CELL), int(rect.right() // _CELL)
        y0, y1 = int(rect.top() // _CELL), int(rect.bottom() // _CELL)
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def add(self, rect: QRectF) -> None:
        for key in self._keys(rect):
            self._cells.setdefault(key, []).append(rect)

    def hits(self, rect: QRectF, ignore: QRectF) -> bool:
        for key in self._keys(rect):
            for other in self._cells.get(key, ()):
                if other is not ignore and other.intersects(rect):
                    return True
        return False

    def overlap(self, rect: QRectF) -> float:
        """The area of ``rect`` the filed rectangles cover (counted once per rectangle)."""
        seen: set[int] = set()
        area = 0.0
        for key in self._keys(rect):
            for other in self._cells.get(key, ()):
                if id(other) not in seen and other.intersects(rect):
                    seen.add(id(other))
                    common = other.intersected(rect)
                    area += common.width() * common.height()
        return area
