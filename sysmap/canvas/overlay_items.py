"""The visuals of an :class:`~sysmap.canvas.overlay.Overlay`: hulls, dashed links, rings, badges.

Highlight and fade are drawn by the stakeholder and relationship items themselves (they read
the overlay from the shared state); this module adds the extra marks. Each mark follows its
stakeholders when they move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from sysmap.canvas.curves import Piece, Point, pieces, point_along
from sysmap.canvas.geometry import rounded_hull_path
from sysmap.canvas.overlay import MarkStyle, Overlay, OverlayGroup, OverlayLink, ring_styles
from sysmap.canvas.overlay_mark import OverlayMark as OverlayMark  # the scene imports it from here
from sysmap.canvas.overlay_routes import route_marks
from sysmap.canvas.overlay_tags import (
    TAG_HEIGHT,
    TagAnchor,
    paint_tag,
    plan_tags,
    spots_along,
    spots_round,
)
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import SMALL_PIXEL_SIZE, canvas_font, qcolor

Z_HULL = -5.0
Z_LINK = 7.0
Z_MARK = 12.0
HULL_MARGIN = 22.0
BADGE_COLOUR = "#0072B2"
RING_GAP = 8.0
"""Scene units between a stakeholder's box and its first ring."""
RING_PEN, RING_STEP = 3.0, 5.0
"""A single ring's pen, and how far out the next ring goes."""
DOUBLE_PEN, DOUBLE_STEP = 3.0, 7.5
"""Each line of a double ring, and how far apart its two lines are: apart by more than two
pixels at an example's opening fit (about 37 %), so it reads as two lines, not one thick."""


class HullItem(OverlayMark):
    """A shaded, rounded hull round a group of stakeholders, with its label."""

    def __init__(
        self, group: OverlayGroup, members: tuple[StakeholderItem, ...], state: CanvasState
    ) -> None:
        super().__init__(members, state)
        self.spec = group
        self._path = QPainterPath()
        self._font = canvas_font(SMALL_PIXEL_SIZE + 2, bold=True)
        self.setZValue(Z_HULL)
        self.refresh()

    def _measure(self) -> QRectF:
        corners: list[tuple[float, float]] = []
        for item in self.members:
            r = item.sceneBoundingRect()
            corners += [(r.left(), r.top()), (r.right(), r.top())]
            corners += [(r.left(), r.bottom()), (r.right(), r.bottom())]
        self._path = rounded_hull_path(corners, HULL_MARGIN)
        rect = self._path.boundingRect()
        label = QFontMetricsF(self._font).boundingRect(self.spec.label)
        return rect.adjusted(-4, -label.height() - 8, max(0.0, label.width() - rect.width()) + 4, 4)

    def label_rect(self) -> QRectF:
        """Where the hull's label is written (scene coordinates)."""
        rect = self._path.boundingRect()
        label = QFontMetricsF(self._font).boundingRect(self.spec.label)
        return QRectF(
            rect.left() + 6, rect.top() - 6 - label.height(), label.width(), label.height() + 4
        )

    def screen_tags(self) -> list[TagAnchor]:
        """Its label, for a view to write at screen size (above its top-left first)."""
        if not self.spec.label:
            return []
        return [
            TagAnchor(self.spec.label, self.spec.colour, self._path.boundingRect(), corner=True)
        ]

    def path(self) -> QPainterPath:
        """The hull's outline in scene coordinates."""
        return QPainterPath(self._path)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = self.spec.colour
        pen = QPen(qcolor(colour, 0.8), 2.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(qcolor(colour, 0.12))
        painter.drawPath(self._path)
        if self.spec.label and self.tags_here():
            rect = self._path.boundingRect()
            painter.setFont(self._font)
            painter.setPen(qcolor(colour))
            painter.drawText(QPointF(rect.left() + 6, rect.top() - 6), self.spec.label)


class SuggestedLinkItem(OverlayMark):
    """A dashed line between two stakeholders that is not (yet) a relationship, with its
    label (a suggestion's number) on a tag placed clear of other tags and stakeholders.
    Bent round the stakeholders it would pass through, as relationships are."""

    bends = True

    def __init__(
        self, link: OverlayLink, members: tuple[StakeholderItem, ...], state: CanvasState
    ) -> None:
        super().__init__(members, state)
        self.link = link
        self._font = canvas_font(SMALL_PIXEL_SIZE, bold=True)
        self.tag = QRectF()
        self._curve: list[Piece] | None = None
        """The quadratics of the link bent round stakeholders (None: straight)."""
        self.setZValue(Z_LINK)
        self.refresh()

    def _ends(self) -> tuple[Point, Point]:
        a, b = self.members[0].pos(), self.members[1].pos()
        return (a.x(), a.y()), (b.x(), b.y())

    def tag_wishes(self) -> list[list[QRectF]]:
        if not self.link.label:
            return []
        width = max(
            TAG_HEIGHT + 4, QFontMetricsF(self._font).horizontalAdvance(self.link.label) + 12
        )
        return [spots_along(*self._tag_line(), width)]

    def _tag_line(self) -> tuple[QPointF, QPointF]:
        """The stretch its tag goes along: the line, or a bent line's middle part."""
        a, b = self._ends()
        if self._curve is not None:  # along the curve's middle part, not its chord
            a, b = point_along(self._curve, 0.3), point_along(self._curve, 0.7)
        return QPointF(*a), QPointF(*b)

    def place_tags(self, rects: Sequence[QRectF]) -> None:
        self.tag = QRectF(rects[0]) if rects else QRectF()
        self.refresh()

    def screen_tags(self) -> list[TagAnchor]:
        """Its number's tag, for a view to write at screen size."""
        if not self.link.label:
            return []
        return [TagAnchor(self.link.label, self.link.colour, ends=self._tag_line())]

    def _measure(self) -> QRectF:
        a, b = self._ends()
        bend = self.bend_between(self.members[0], self.members[1])
        self._curve = pieces(a, b, bend) if bend is not None else None
        points = [a, b] + [part[1] for part in self._curve or ()]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        rect = rect.adjusted(-6, -6, 6, 6)
        if self.link.label and self.tag.isEmpty():
            self.tag = self.tag_wishes()[0][0]
        return rect.united(self.tag.adjusted(-2, -2, 2, 2)) if self.link.label else rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        a, b = self._ends()
        dash = Qt.PenStyle.DashLine if self.link.dashed else Qt.PenStyle.SolidLine
        pen = QPen(qcolor(self.link.colour), 2.5, dash)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        if self._curve is None:
            painter.drawLine(QPointF(*a), QPointF(*b))
        else:
            path = QPainterPath(QPointF(*a))
            for _start, ctrl, end in self._curve:
                path.quadTo(QPointF(*ctrl), QPointF(*end))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        if self.link.label and self.tags_here():
            paint_tag(painter, self.tag, self.link.label, self.link.colour, self._font)


class RingItem(OverlayMark):
    """Rings round one stakeholder (a broker, a single point of failure), with a caption.

    Each role with a look of its own wears its ring (:func:`~sysmap.canvas.overlay.ring_styles`),
    the next one just outside the last: a broker that is also a single point of failure wears
    the broker's solid ring inside the double one, and one tag says both.
    """

    def __init__(
        self,
        caption: str,
        member: StakeholderItem,
        state: CanvasState,
        styles: Sequence[MarkStyle] = (),
    ) -> None:
        super().__init__((member,), state)
        self.caption = caption
        self.styles = tuple(styles) or (MarkStyle(),)
        self._font = canvas_font(SMALL_PIXEL_SIZE, bold=True)
        self.tag = QRectF()
        self.setZValue(Z_MARK)
        self.refresh()

    @property
    def style(self) -> MarkStyle:
        """The first ring's look, which its tag wears too."""
        return self.styles[0]

    def strokes(self) -> list[tuple[QRectF, MarkStyle, float]]:
        """Each ring line drawn, innermost first: its rectangle, look and pen width."""
        box = self.members[0].sceneBoundingRect()
        out = RING_GAP
        lines = []
        for style in self.styles:
            for _ in range(2 if style.double else 1):
                width = DOUBLE_PEN if style.double else RING_PEN
                lines.append((box.adjusted(-out, -out, out, out), style, width))
                out += DOUBLE_STEP if style.double else RING_STEP
        return lines

    def _ring(self) -> QRectF:
        return self.strokes()[-1][0]

    def tag_wishes(self) -> list[list[QRectF]]:
        if not self.caption:
            return []
        width = QFontMetricsF(self._font).horizontalAdvance(self.caption) + 12
        return [spots_round(self._ring(), width)]

    def place_tags(self, rects: Sequence[QRectF]) -> None:
        self.tag = QRectF(rects[0]) if rects else QRectF()
        self.refresh()

    def screen_tags(self) -> list[TagAnchor]:
        """Its caption's tag, for a view to write at screen size."""
        return [TagAnchor(self.caption, self.style.colour, self._ring())] if self.caption else []

    def _measure(self) -> QRectF:
        ring = self._ring()
        if self.caption and (self.tag.isEmpty() or not self._near(ring)):
            self.tag = self.tag_wishes()[0][0]
        return ring.united(self.tag).adjusted(-3, -3, 3, 3)

    def _near(self, ring: QRectF) -> bool:
        # A stakeholder moved and the tags were not planned again yet: the tag follows.
        reach = ring.adjusted(-200, -80, 200, 80)
        return reach.contains(self.tag)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect, style, width in self.strokes():
            dash = Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine
            painter.setPen(QPen(qcolor(style.colour), width, dash))
            painter.drawEllipse(rect)
        if self.caption and self.tags_here():
            paint_tag(painter, self.tag, self.caption, self.style.colour, self._font)


class BadgeItem(OverlayMark):
    """A short text badge by a stakeholder ("2 steps"): above its top-left corner, or the
    clearest spot round it."""

    def __init__(self, text: str, member: StakeholderItem, state: CanvasState) -> None:
        super().__init__((member,), state)
        self.text = text
        self._font = canvas_font(SMALL_PIXEL_SIZE, bold=True)
        self.tag = QRectF()
        self.setZValue(Z_MARK)
        self.refresh()

    def tag_wishes(self) -> list[list[QRectF]]:
        width = QFontMetricsF(self._font).horizontalAdvance(self.text) + 10
        box = self.members[0].sceneBoundingRect()
        corner = QRectF(box.left() - 4, box.top() - TAG_HEIGHT + 2, width, TAG_HEIGHT)
        return [[corner, *spots_round(box, width)]]

    def place_tags(self, rects: Sequence[QRectF]) -> None:
        self.tag = QRectF(rects[0]) if rects else QRectF()
        self.refresh()

    def screen_tags(self) -> list[TagAnchor]:
        """Its tag, for a view to write at screen size."""
        box = self.members[0].sceneBoundingRect()
        return [TagAnchor(self.text, BADGE_COLOUR, box, corner=True)]

    def _measure(self) -> QRectF:
        box = self.members[0].sceneBoundingRect()
        if self.tag.isEmpty() or not box.adjusted(-200, -80, 200, 80).contains(self.tag):
            self.tag = self.tag_wishes()[0][0]
        return self.tag.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.tags_here():
            paint_tag(painter, self.tag, self.text, BADGE_COLOUR, self._font)


def overlay_marks(
    overlay: Overlay, items: Mapping[str, StakeholderItem], state: CanvasState
) -> list[OverlayMark]:
    """Make the marks an overlay asks for, skipping stakeholders not on the map, and place
    their tags together (:func:`replan_tags`).

    A stakeholder both ringed and badged gets one tag saying both ("citizen · 3 steps").
    """
    marks: list[OverlayMark] = []
    for group in overlay.groups:
        members = tuple(items[i] for i in group.stakeholder_ids if i in items)
        if members:
            marks.append(HullItem(group, members, state))
    both = {i for i in overlay.rings if i in overlay.badges and overlay.rings[i]}
    for node_id, caption in overlay.rings.items():
        if node_id in items:
            own = overlay.ring_styles.get(node_id)  # a comparison's added or removed
            styles = (own,) if own is not None else ring_styles(caption)
            text = f"{caption} · {overlay.badges[node_id]}" if node_id in both else caption
            marks.append(RingItem(text, items[node_id], state, styles))
    for node_id, text in overlay.badges.items():
        if node_id in items and node_id not in both:
            marks.append(BadgeItem(text, items[node_id], state))
    for link in overlay.links:
        if link.source in items and link.target in items and link.source != link.target:
            marks.append(SuggestedLinkItem(link, (items[link.source], items[link.target]), state))
    marks += route_marks(overlay, items, state)
    replan_tags(marks, items.values())
    return marks


def replan_tags(marks: Sequence[OverlayMark], stakeholders: Iterable[StakeholderItem]) -> None:
    """Place every tag of ``marks`` clear of each other, of every stakeholder's box and of
    the hulls' labels (rings' captions first, then badges, links' numbers, crossings)."""
    if not any(hasattr(m, "tag_wishes") for m in marks):
        return
    blocked = [s.mapRectToScene(s.box_rect()) for s in stakeholders]
    blocked += [m.label_rect() for m in marks if isinstance(m, HullItem) and m.spec.label]
    plan_tags(marks, blocked)
