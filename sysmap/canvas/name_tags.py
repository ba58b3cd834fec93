"""Name tags: who is who on a map zoomed out too far for its labels.

Below the zoom where labels are drawn (their text would be under 8 px), a map of coloured
boxes says little. Like a road map that names the big towns first, the view then writes names
at a readable screen size beside the best-connected stakeholders, as many as fit without
covering each other, another stakeholder, the legend or the title. So that as many as
possible are named, every stakeholder first gets its most compact readable name — its short
name (HMPPS) if it has one, else its whole name on one line or two — below its box, beside,
above or at a corner; then each short name is swapped for the whole name where that fits.
A name is cut short only where nothing else fits. Hovering still shows any name.

A name must read as its own stakeholder's: it goes only where it is nearer its own box
than any other box by :data:`TIE_MARGIN` pixels. Where no spot a little apart from the box
is that clear (rows of boxes with a name between them), the name is tucked against its
box, overlapping its edge, which ties it to that box and takes it further from the next.
Where even that is not clear (a name wider than the gaps in a tight row), it goes where it
fits and a short, faint leader ties it to a small ring in its own box.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from sysmap.canvas.rect_grid import RectGrid, rect_gap
from sysmap.canvas.theme import CanvasTheme, canvas_font
from sysmap.model.style import wrap_label

TAG_PIXEL_SIZE = 11
MAX_CHARS = 26
"""Longer names are shortened with an ellipsis (the hover shows them whole)."""
LEADER_ALPHA = 150
"""A leader's ink (of 255): fainter than a relationship's line, still plain on a box."""
LEADER_RING = 2.5
"""Radius of the hollow ring a leader ends in, inside its stakeholder's box (pixels)."""
LINE_CHARS = 22
"""Characters on each line of a long name wrapped to two lines."""
MAX_MOVED = 2
"""Names moved aside, at most, to make room for one that found none."""
MIN_WRAPPED = 14
"""Shorter names are never wrapped."""
MAX_STAKEHOLDERS = 1500
"""Above this many stakeholders on the map, no tags are placed (the overview shows groups)."""
TIE_MARGIN = 4.0
"""Pixels by which a name is nearer its own box than any other box (so it reads as its own)."""
TUCK = 3.0
"""Pixels by which a name tucked against its box overlaps the box's edge."""


@dataclass(frozen=True)
class Candidate:
    """A stakeholder that could be named: its name, its box on screen, how connected it is."""

    label: str
    box: QRectF
    ties: int
    first: bool = False
    """Named before the rest (highlighted by the finding shown)."""
    short: str = ""
    """The stakeholder's short name (HMPPS), written where the whole name does not fit."""
    ident: str = ""
    """The stakeholder's id (so the view knows who is named)."""


@dataclass(frozen=True)
class NameTag:
    """A placed tag: the text (lines broken by newlines) and where it goes, in viewport pixels."""

    text: str
    rect: QRectF
    ident: str = ""
    tie: QPointF | None = None
    """Where a leader from the tag ends, in its own box (only where the tag alone could be
    read as a neighbour's)."""

    def extent(self) -> QRectF:
        """What painting the tag inks: its box and, inside its stakeholder's, the leader's ring."""
        if self.tie is None:
            return self.rect
        reach = LEADER_RING + 2.0  # the ring's pen and its antialiased edge
        return self.rect.united(QRectF(self.tie, self.tie).adjusted(-reach, -reach, reach, reach))


def tag_font_metrics() -> QFontMetricsF:
    """The metrics of the tags' font."""
    return QFontMetricsF(canvas_font(TAG_PIXEL_SIZE))


def place_tags(
    candidates: Sequence[Candidate],
    blocked: Sequence[QRectF],
    viewport: QRectF,
    kept: Sequence[NameTag] = (),
    only: Collection[str] | None = None,
) -> list[NameTag]:
    """Name the best-connected stakeholders first, each just below its box, where it fits.

    ``kept`` are names already placed (those a finding is about, before its tags): they stay
    where they are, in front of the rest. With ``only``, only the candidates with those ids
    are named (every box still counts).
    """
    metrics = tag_font_metrics()
    grid, boxes = RectGrid(), RectGrid()
    for box in [*blocked, *(tag.rect for tag in kept)]:
        grid.add(box)
    for candidate in candidates:
        grid.add(candidate.box)
        boxes.add(candidate.box)
    room = _Room(grid, boxes, viewport, metrics)
    named = {tag.ident for tag in kept}
    ordered = sorted(
        (c for c in candidates if c.ident not in named and (only is None or c.ident in only)),
        key=lambda c: (not c.first, -c.ties, c.label, c.box.top(), c.box.left()),
    )
    tags: dict[int, NameTag] = {}
    for i, candidate in enumerate(ordered):  # a readable name for as many as possible
        compact = _compact(candidate)
        tag = _first_fit(candidate, compact, room)
        if tag is not None:
            tags[i] = tag
    for i in range(len(ordered)):  # room made by moving a neighbour's name or two
        if i not in tags:
            _make_room(i, ordered, tags, room)
    for i, candidate in enumerate(ordered):  # where nothing fitted: the name cut short
        if i not in tags:
            tag = _first_fit(candidate, [_short(candidate.label)], room)
            if tag is not None:
                tags[i] = tag
    tied = replace(room, strict=False)
    # Moving names aside for the last few is worth it where nearly all are named (a map
    # that fits); on a big map most go unnamed and that search would cost seconds.
    few = sum(i not in tags for i in range(len(ordered))) <= max(4, len(ordered) // 10)
    for i, candidate in enumerate(ordered):  # still nothing: a name tied to its box by a leader
        if i not in tags:
            tag = _first_fit(candidate, [*_compact(candidate), _short(candidate.label)], tied)
            if tag is not None:
                tags[i] = tag
            elif few:
                _make_room(i, ordered, tags, tied)
    for i, tag in list(tags.items()):  # then the whole name where there is room for it
        candidate = ordered[i]
        whole = _whole(candidate.label)
        if tag.text in whole:
            continue
        grid.remove(tag.rect)
        better = _first_fit(candidate, whole, room)
        if better is None:
            grid.add(tag.rect)
        tags[i] = better or tag
    return [*kept, *(tags[i] for i in sorted(tags))]


def _whole(label: str) -> list[str]:
    """The whole name on one line, then on two lines of about half its length each."""
    text = " ".join(label.split())
    forms = [text] if len(text) <= MAX_CHARS else []
    if len(text) >= MIN_WRAPPED:
        for width in (len(text) // 2 + 4, LINE_CHARS, MAX_CHARS):
            lines = wrap_label(text, width, 2)
            if len(lines) == 2 and not lines[-1].endswith("…"):
                forms.append("\n".join(lines))
                break
    return forms


def _compact(candidate: Candidate) -> list[str]:
    """The short name if there is one, else the whole name."""
    short = " ".join(candidate.short.split())
    return [short] if short else _whole(candidate.label)


@dataclass(frozen=True)
class _Room:
    """Where tags may go: what they must not cover, the boxes, the viewport, the font."""

    grid: RectGrid
    boxes: RectGrid
    viewport: QRectF
    metrics: QFontMetricsF
    strict: bool = True
    """Only spots that read as the box's own (else any, with a leader where needed)."""

    def own(self, spot: QRectF, box: QRectF) -> bool:
        """Whether ``spot`` may name ``box``: if strict, only where it is :meth:`clear`."""
        return not self.strict or self.clear(spot, box)

    def clear(self, spot: QRectF, box: QRectF) -> bool:
        """Whether ``spot`` is nearer ``box`` than any other box by :data:`TIE_MARGIN`."""
        return not self.boxes.near(spot, rect_gap(spot, box) + TIE_MARGIN, ignore=box)


def _make_room(i: int, ordered: Sequence[Candidate], tags: dict[int, NameTag], room: _Room) -> None:
    """Name ``ordered[i]`` where the names in the way (one or two) can go elsewhere."""
    owners = {id(tag.rect): j for j, tag in tags.items()}
    candidate = ordered[i]
    grid = room.grid
    for text in _compact(candidate):
        for spot in _spots(candidate.box, text, room.metrics):
            if not room.viewport.contains(spot):
                continue
            blockers = grid.blockers(spot, ignore=candidate.box, most=MAX_MOVED)
            if not 0 < len(blockers) <= MAX_MOVED or any(id(b) not in owners for b in blockers):
                continue
            if not room.own(spot, candidate.box):  # last: the dearest test
                continue
            moving = [owners[id(b)] for b in blockers]
            for j in moving:
                grid.remove(tags[j].rect)
            grid.add(spot)
            moved = {j: _first_fit(ordered[j], _compact(ordered[j]), room) for j in moving}
            if all(tag is not None for tag in moved.values()):
                tags.update({j: tag for j, tag in moved.items() if tag is not None})
                tags[i] = _tag(text, spot, candidate, room)
                return
            for tag in moved.values():  # put everything back as it was
                if tag is not None:
                    grid.remove(tag.rect)
            grid.remove(spot)
            for j in moving:
                grid.add(tags[j].rect)


def _spots(box: QRectF, text: str, metrics: QFontMetricsF) -> list[QRectF]:
    """Where a tag may go, best first: below, beside, above, then at the box's corners;
    then the same, tucked against the box."""
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines) + 6
    height = metrics.height() * len(lines) + 2
    return _around(box, width, height, 2.0) + _around(box, width, height, -TUCK)


def _around(box: QRectF, width: float, height: float, gap: float) -> list[QRectF]:
    """Spots for a ``width`` × ``height`` tag round ``box``, ``gap`` pixels from its edges."""
    middle_x, middle_y = box.center().x() - width / 2, box.center().y() - height / 2
    below, above = box.bottom() + gap, box.top() - gap - height
    flush_left, flush_right = box.left(), box.right() - width
    right, left = box.right() + gap + 1, box.left() - gap - 1 - width
    return [
        QRectF(x, y, width, height)
        for x, y in (
            (middle_x, below),
            (right, middle_y),
            (left, middle_y),
            (flush_left, below),
            (flush_right, below),
            (middle_x, above),  # above reads as the name of the row above: later
            (flush_left, above),
            (flush_right, above),
            (right - 1, below),
            (left + 1, below),
            (right - 1, above),
            (left + 1, above),
        )
    ]


def _first_fit(candidate: Candidate, texts: Sequence[str], room: _Room) -> NameTag | None:
    """The first of ``texts`` that fits below, above, right or left of the box; filed."""
    for text in texts:
        for rect in _spots(candidate.box, text, room.metrics):
            if (
                room.viewport.contains(rect)
                and not room.grid.hits(rect, ignore=candidate.box)
                and room.own(rect, candidate.box)
            ):
                room.grid.add(rect)
                return _tag(text, rect, candidate, room)
    return None


def _tag(text: str, rect: QRectF, candidate: Candidate, room: _Room) -> NameTag:
    """A tag at ``rect``, with a leader to its box unless it sits clear of every other box.

    A tucked tag is measurably nearer its own box, but on a pale backing the overlap hardly
    shows: between two rows it still reads as either's, so it gets the leader too.
    """
    apart = not rect.intersects(candidate.box) and room.clear(rect, candidate.box)
    tie = None if apart else candidate.box.center()
    return NameTag(text, rect, candidate.ident, tie)


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
    for tag in tags:
        if tag.tie is not None:
            _paint_leader(painter, tag, theme)


def _paint_leader(painter: QPainter, tag: NameTag, theme: CanvasTheme) -> None:
    """A faint leader from the tag's edge to a small ring in its box.

    A solid line ending in a dot read as a relationship ending there; a thinner, fainter line
    and an open ring, the box's colour showing through, read as part of the name, like a pin.
    """
    assert tag.tie is not None
    tie = tag.tie
    start = QPointF(
        min(max(tie.x(), tag.rect.left()), tag.rect.right()),
        min(max(tie.y(), tag.rect.top()), tag.rect.bottom()),
    )
    ink = QColor(theme.text)
    ink.setAlpha(LEADER_ALPHA)
    pen = QPen(ink, 1.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    length = math.hypot(tie.x() - start.x(), tie.y() - start.y())
    if length > LEADER_RING:  # the line stops at the ring, which stays hollow
        step = (tie - start) * (1.0 - LEADER_RING / max(length, 1e-9))
        painter.drawLine(start, start + step)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(tie, LEADER_RING, LEADER_RING)


def _short(label: str) -> str:
    text = " ".join(label.split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"
