"""Where an overlay's tags go: clear of each other, of every stakeholder and of hull labels.

An overlay writes short tags on the map: a ring's caption ("single point of failure"), a
badge ("3 steps", "no route"), a suggested link's number, a route's boundary crossing. Each
mark offers the spots it would like, best first (under its ring, then above, beside, a row
further out...); the planner gives every tag, in the marks' order, the first spot that covers
no stakeholder and no tag already placed, or the spot that covers least when none is clear.
Two neighbouring brokers' captions ran into each other ("single point of failure oker ·
single point of failure") before the tags were placed together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen

from sysmap.canvas.rect_grid import RectGrid
from sysmap.canvas.theme import qcolor
from sysmap.model.colour_vision import under_white_text

TAG_HEIGHT = 18.0
TAG_GAP = 3.0


@dataclass(frozen=True)
class TagAnchor:
    """What a tag says and where it belongs, for a view that writes it at screen size.

    Parameters
    ----------
    text, colour : str
        The tag's words and its pill's colour.
    around : QRectF or None
        The rectangle (scene coordinates) the tag goes round: a ring, a stakeholder's box.
    ends : tuple of QPointF or None
        Or the segment (scene coordinates) the tag goes along: a suggested link, a step.
    corner : bool
        Above the box's top-left corner first (a badge).
    """

    text: str
    colour: str
    around: QRectF | None = None
    ends: tuple[QPointF, QPointF] | None = None
    corner: bool = False


class Tagged(Protocol):
    """A mark with tags: it offers spots for each, and is told where they go."""

    def tag_wishes(self) -> list[list[QRectF]]:
        """For each of its tags, the spots it would take, best first (scene coordinates)."""
        ...

    def place_tags(self, rects: Sequence[QRectF]) -> None:
        """Draw its tags at ``rects`` (one per wish, in order)."""
        ...


def plan_tags(marks: Iterable[object], blocked: Iterable[QRectF]) -> list[QRectF]:
    """Place every tag of ``marks`` (those with ``tag_wishes``) clear of ``blocked`` and of
    each other; return the rectangles given, in order."""
    grid = RectGrid()
    for rect in blocked:
        grid.add(rect)
    placed: list[QRectF] = []
    for mark in marks:
        wishes = getattr(mark, "tag_wishes", None)
        if wishes is None:
            continue
        chosen = [_best(spots, grid) for spots in wishes()]
        for rect in chosen:
            grid.add(rect)
        mark.place_tags(chosen)  # type: ignore[attr-defined]
        placed += chosen
    return placed


def _best(spots: Sequence[QRectF], grid: RectGrid) -> QRectF:
    best, least = spots[0], float("inf")
    for spot in spots:
        covered = grid.overlap(spot)
        if covered == 0.0:
            return spot
        if covered < least:
            best, least = spot, covered
    return best


def spots_round(box: QRectF, width: float, rows: int = 3, h: float = TAG_HEIGHT) -> list[QRectF]:
    """Spots for a tag ``width`` wide and ``h`` high round ``box``: under it, above, right,
    left, then the same a row further out each time (a ring's caption, a badge)."""
    spots: list[QRectF] = []
    cx, cy = box.center().x(), box.center().y()
    for row in range(rows):
        out = row * (h + TAG_GAP)
        spots.append(QRectF(cx - width / 2, box.bottom() + 1 + out, width, h))
        spots.append(QRectF(cx - width / 2, box.top() - 1 - h - out, width, h))
        spots.append(QRectF(box.right() + 2 + out, cy - h / 2, width, h))
        spots.append(QRectF(box.left() - 2 - width - out, cy - h / 2, width, h))
        for side in (-1, 1):  # under and above, slid sideways
            shift = side * (width / 2 + 4)
            spots.append(QRectF(cx - width / 2 + shift, box.bottom() + 1 + out, width, h))
            spots.append(QRectF(cx - width / 2 + shift, box.top() - 1 - h - out, width, h))
    return spots


def spots_along(
    a: QPointF, b: QPointF, width: float, h: float = TAG_HEIGHT, aside: bool = False
) -> list[QRectF]:
    """Spots for a tag ``h`` high centred on the segment from ``a`` to ``b``: the middle
    first, then further towards either end (a suggested link's number, a boundary
    crossing); with ``aside``, then the same just above and below the segment."""
    spots = []
    for shift in (0.0, -(h / 2 + 2), h / 2 + 2) if aside else (0.0,):
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82):
            at = a + (b - a) * t
            spots.append(QRectF(at.x() - width / 2, at.y() - h / 2 + shift, width, h))
    return spots


def paint_tag(painter: QPainter, rect: QRectF, text: str, colour: str, font: QFont) -> None:
    """A tag: white text on a rounded ``colour`` pill with a thin white rim (it reads over
    lines and other marks)."""
    painter.setPen(QPen(qcolor("#FFFFFF"), 1.0))
    painter.setBrush(qcolor(under_white_text(colour)))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setPen(qcolor("#FFFFFF"))
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
