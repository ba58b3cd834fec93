"""An overlay's tags on screen: written at a readable size, clear of names, boxes and each other.

The marks of a finding shown on the map (a ring's "broker", a badge's "recorded gap", a
suggested link's number, a hull's label) used to write their tags in scene units: at the
opening fit of an example (about 37 %) they were 4 px high and slid under the stakeholders'
name tags. On screen the view now writes them itself, in its own pixels like the name tags: at
:data:`SCREEN_PIXEL_SIZE` at least, or larger where the zoom makes the scene's size larger.
Each goes at the first spot its mark offers (under the ring, above, beside, a row further
out...) that stays in the view and covers no stakeholder's box, no other tag, the legend,
the title or the name of a stakeholder the finding highlights (those are placed first, each
at its own first choice); the other name tags are then placed clear of them. Where those are all
taken (rows of boxes closer than a tag is high), it goes further off, tied to its mark by a
thin line; a tag with no room even there is left out, and hovering its mark shows it.
Exports keep the marks' own tags.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen, QTransform

from sysmap.canvas.overlay_tags import (
    TAG_GAP,
    TAG_HEIGHT,
    TagAnchor,
    paint_tag,
    spots_along,
    spots_round,
)
from sysmap.canvas.theme import SMALL_PIXEL_SIZE, canvas_font, qcolor

SCREEN_PIXEL_SIZE = 11
"""The tags' type size on screen, at least (pixels; as the name tags')."""
ROWS = 2
"""Rows of spots round a ring or box, each further out (beyond them, a leader ties the tag)."""
FURTHER = (12.0, 24.0, 40.0, 60.0, 90.0, 130.0)
"""How far (pixels) beyond those rows a tag may go where they are all taken, with a leader."""
DIRECTIONS = 16
"""Directions tried at each of those distances."""
REACH = 400.0
"""Pixels from its mark beyond which no spot of a tag lies (rows, leader distances, width)."""


@dataclass(frozen=True)
class ScreenTag:
    """A tag written by the view: its words, colour, rectangle and type size in viewport
    pixels, and the place (viewport pixels) whose hover shows it when it is left out."""

    text: str
    colour: str
    rect: QRectF
    pixel_size: int
    anchor: QRectF
    leader: bool = False
    """Set further off than its mark's own spots: a thin line ties it to the mark."""

    def extent(self) -> QRectF:
        """What painting the tag inks: its box and its leader, out to its mark."""
        if not self.leader:
            return self.rect
        end = _leader(self).p2()
        return self.rect.united(QRectF(end, end).adjusted(-2.0, -2.0, 2.0, 2.0))


@dataclass(frozen=True)
class ScreenTags:
    """The tags written (``placed``) and those with no room (``dropped``, shown on hover)."""

    placed: tuple[ScreenTag, ...] = ()
    dropped: tuple[ScreenTag, ...] = ()

    def hover_text(self, at: QPointF) -> str:
        """The words of the dropped tags whose mark is under ``at`` (one per line)."""
        return "\n".join(t.text for t in self.dropped if t.anchor.contains(at))


def screen_scale(zoom: float) -> float:
    """How much larger than in the scene a tag is drawn at ``zoom``: never below readable."""
    return max(zoom, SCREEN_PIXEL_SIZE / SMALL_PIXEL_SIZE)


def plan_screen_tags(
    anchors: Iterable[TagAnchor],
    to_view: Callable[[QRectF], QRectF],
    zoom: float,
    boxes: np.ndarray,
    viewport: QRectF,
    covers: Sequence[QRectF] = (),
    names: Sequence[QRectF] = (),
) -> ScreenTags:
    """Place each anchor's tag at the first free spot in ``viewport``, in order.

    Parameters
    ----------
    anchors : iterable of TagAnchor
        The tags, most important first (their geometry in scene coordinates).
    to_view : callable
        Maps a scene rectangle to viewport pixels.
    zoom : float
        The view's scale (scene units to pixels).
    boxes : numpy.ndarray
        The stakeholders' boxes in viewport pixels, rows of (left, top, right, bottom):
        no tag may cover one.
    viewport : QRectF
        Where tags may go.
    covers : sequence of QRectF
        What is drawn over the map (legend, title): no tag goes under it, and a mark wholly
        under it gets no tag, which would only point at the legend.
    names : sequence of QRectF
        Names already written (the highlighted stakeholders'): no tag covers one.
    """
    scale = screen_scale(zoom)
    size = round(SMALL_PIXEL_SIZE * scale)
    metrics = QFontMetricsF(tag_font(size))
    taken = [*covers, *names]
    placed: list[ScreenTag] = []
    dropped: list[ScreenTag] = []
    for anchor in anchors:
        width = metrics.horizontalAdvance(anchor.text) + 12 * scale
        height = max(metrics.height() + 3, TAG_HEIGHT * zoom)
        where, spots = _spots(anchor, to_view, width, height)
        seen = where.intersected(viewport)
        if seen.isEmpty() or any(c.contains(seen) for c in covers):
            continue  # its mark is out of sight: nothing to say
        near = len(spots)
        spots += _further(where, width, height)
        local = _within(boxes, where.adjusted(-REACH, -REACH, REACH, REACH))
        free = (
            i
            for i, spot in enumerate(spots)
            if viewport.contains(spot)
            and not any(spot.intersects(t) for t in taken)
            and not _within(local, spot).size
        )
        at = next(free, None)
        if at is None:
            dropped.append(ScreenTag(anchor.text, anchor.colour, QRectF(), size, where))
            continue
        taken.append(spots[at])
        placed.append(ScreenTag(anchor.text, anchor.colour, spots[at], size, where, at >= near))
    return ScreenTags(tuple(placed), tuple(dropped))


def _within(boxes: np.ndarray, rect: QRectF) -> np.ndarray:
    """The rows of ``boxes`` that overlap ``rect`` (touching edges do not count)."""
    return boxes[
        (boxes[:, 0] < rect.right())
        & (boxes[:, 2] > rect.left())
        & (boxes[:, 1] < rect.bottom())
        & (boxes[:, 3] > rect.top())
    ]


def _spots(
    anchor: TagAnchor, to_view: Callable[[QRectF], QRectF], width: float, height: float
) -> tuple[QRectF, list[QRectF]]:
    """Where the anchor is on screen (a hover there shows a dropped tag), and its spots."""
    if anchor.ends is not None:
        a, b = (to_view(QRectF(p, p)).topLeft() for p in anchor.ends)
        middle = (a + b) / 2
        where = QRectF(middle.x() - height / 2, middle.y() - height / 2, height, height)
        # A short step between close boxes may have no room on it: then round its middle.
        spots = spots_along(a, b, width, height, aside=True)
        return where, spots + spots_round(where, width, ROWS, height)
    assert anchor.around is not None
    box = to_view(anchor.around)
    spots = spots_round(box, width, ROWS, height)
    if anchor.corner:
        gap = TAG_GAP * height / TAG_HEIGHT
        spots.insert(0, QRectF(box.left() - 4, box.top() - height - gap, width, height))
    return box, spots


def _further(box: QRectF, width: float, height: float) -> list[QRectF]:
    """Spots further from ``box`` in every direction, nearest first (with a leader)."""
    spots = []
    centre = box.center()
    for reach in FURTHER:
        for step in range(DIRECTIONS):
            angle = 2 * math.pi * step / DIRECTIONS
            x = centre.x() + math.cos(angle) * (box.width() / 2 + width / 2 + reach)
            y = centre.y() + math.sin(angle) * (box.height() / 2 + height / 2 + reach / 2)
            spots.append(QRectF(x - width / 2, y - height / 2, width, height))
    return spots


def box_array(boxes: Iterable[QRectF]) -> np.ndarray:
    """Rectangles as rows of (left, top, right, bottom)."""
    rows = [(b.left(), b.top(), b.right(), b.bottom()) for b in boxes]
    return np.array(rows, dtype=float).reshape(-1, 4)


def in_view(boxes: np.ndarray, transform: QTransform) -> np.ndarray:
    """Scene rows of (left, top, right, bottom) mapped by a scale-and-shift ``transform``."""
    sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()
    return boxes * (sx, sy, sx, sy) + (dx, dy, dx, dy)


def tag_font(pixel_size: int) -> QFont:
    """The tags' font at ``pixel_size``."""
    return canvas_font(pixel_size, bold=True)


def paint_screen_tags(painter: QPainter, tags: Sequence[ScreenTag]) -> None:
    """Draw the placed tags (the painter in viewport pixels)."""
    for tag in tags:
        if tag.leader:
            _paint_leader(painter, tag)
    for tag in tags:
        paint_tag(painter, tag.rect, tag.text, tag.colour, tag_font(tag.pixel_size))


def _paint_leader(painter: QPainter, tag: ScreenTag) -> None:
    """A thin line in the tag's colour from the tag to the edge of its mark."""
    pen = QPen(qcolor(tag.colour), 1.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(_leader(tag))


def _leader(tag: ScreenTag) -> QLineF:
    """The leader's line: from the tag's edge to the edge of its mark."""
    mark, rect = tag.anchor, tag.rect
    to = QPointF(
        _clamp(rect.center().x(), mark.left(), mark.right()),
        _clamp(rect.center().y(), mark.top(), mark.bottom()),
    )
    start = QPointF(
        _clamp(to.x(), rect.left(), rect.right()), _clamp(to.y(), rect.top(), rect.bottom())
    )
    return QLineF(start, to)


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)
