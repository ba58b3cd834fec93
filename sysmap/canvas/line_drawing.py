"""Drawing relationship lines with a painter, a few batched calls for many lines.

:func:`draw_relationships` groups the lines it is given by pen (halos, straight lines,
curves, lines passing through, arrow heads) and strokes each group with one call; lines at
most a pixel wide are cut inside the view first (see :mod:`~sysmap.canvas.line_cuts`). The
:class:`~sysmap.canvas.edge_layer.EdgeLayer` decides which lines to draw and when; export
and tests call the same function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from sysmap.canvas.end_marks import end_mark
from sysmap.canvas.line_cuts import (
    DEVICE_EDGE_PX,
    LineBatch,
    keep_inside,
    merged_patches,
    segment_inside,
    stroke_ink,
    stroke_width,
)
from sysmap.canvas.line_pens import draw_dashed_path, pen_for
from sysmap.canvas.stakeholder_item import FADED_OPACITY
from sysmap.canvas.state import LABEL_LOD, SIMPLE_LOD, CanvasState
from sysmap.canvas.theme import qcolor

if TYPE_CHECKING:
    from sysmap.canvas.relationship_item import RelationshipItem

PASSING_OPACITY = 0.55
"""How strongly a line that only passes through the view is drawn."""
PASSING_LIMIT = 300
"""Above this many lines passing through, they are left out while the view moves."""
CROWDED_LINES = 300
"""Above this many lines ending on screen, they are drawn without antialiasing."""
_PenKey = tuple[str, str, float, int]  # colour, pattern, width, emphasis
_Gathered = tuple[
    list[QPainterPath],  # halos
    dict[_PenKey, list[QLineF]],  # straight lines
    dict[_PenKey, list[QPainterPath]],  # curves
    dict[tuple[str, int], list[QLineF]],  # lines passing through
    dict[tuple[str, int], QPainterPath],  # arrow heads and end marks
]


def on_device_rect(painter: QPainter, visible: QRectF) -> QRectF:
    """``visible`` grown by :data:`~sysmap.canvas.line_cuts.DEVICE_EDGE_PX` device pixels:
    what a line at most a pixel wide is cut to (see ``line_cuts.keep_inside``)."""
    scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.deviceTransform())
    edge = DEVICE_EDGE_PX / scale if scale > 0 else 0.0
    return visible.adjusted(-edge, -edge, edge, edge)


def draw_relationships(
    painter: QPainter,
    items: Iterable[RelationshipItem],
    state: CanvasState,
    visible: QRectF,
    exposed: QRectF | None = None,
    passing: dict[tuple[str, int], list[QLineF]] | None = None,
    parts: Sequence[QRectF] = (),
) -> None:
    """Draw relationships grouped by pen: halos, lines, arrow heads, then captions.

    Lines that only pass through the visible area (neither end in it) are drawn as thin
    hairlines: they are context, and on big maps there are thousands of them. While the
    view is being panned or zoomed, more than :data:`PASSING_LIMIT` of them are left out
    and come back when it stops. Straight lines are cut to the part being drawn
    (``exposed``, else ``visible``) first: a wide antialiased line costs what its length
    costs, even off screen. ``passing`` holds passing lines already found and cut.
    ``parts`` are the patches of ``exposed`` being repainted, if only a few are: straight
    lines are then cut to each patch they cross.
    """
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.deviceTransform())
    items = list(items)
    passing = dict(passing or {})
    on_device = on_device_rect(painter, visible)  # lines at most a pixel wide are cut to it
    if lod < SIMPLE_LOD:
        _draw_hairlines(painter, items, state, on_device)
        _draw_passing(painter, state, passing)
        return
    lines: dict[_PenKey, list[QLineF]] = {}
    curves: dict[_PenKey, list[QPainterPath]] = {}
    arrows: dict[tuple[str, int], QPainterPath] = {}
    halos: list[QPainterPath] = []
    captions: list[RelationshipItem] = []
    near = visible.adjusted(-60, -60, 60, 60)
    # A few patches being repainted: straight lines are cut to them all at once, after the
    # loop (one by one from Python, cutting cost more than stroking).
    patches = len(parts) > 1
    clips = merged_patches(parts) if patches else [exposed if exposed is not None else visible]
    clips = [rect.adjusted(-20, -20, 20, 20) for rect in clips]
    # Lines at most a pixel wide are cut inside the view (see line_cuts.keep_inside).
    thin_clips = [rect.intersected(on_device) for rect in clips]
    batch, thin_batch = LineBatch(), LineBatch()
    overlay = state.overlay is not None
    # A view crossed by hundreds of lines is a thicket either way: plain lines draw it five
    # times faster than antialiased ones, and need no cutting to length first.
    plain = len(items) > CROWDED_LINES
    for item in items:
        _theme, straight, start, end, line, arrow, style = item.draw_record()
        emphasis = (
            state.relationship_emphasis(item.relationship_id, item.source_id, item.target_id)
            if overlay
            else 0
        )
        if straight and emphasis <= 0 and not near.contains(start) and not near.contains(end):
            if patches:
                thin_batch.add(passing, (style.colour, emphasis), start, end, "solid", 0.0)
                continue
            segment = segment_inside(start, end, thin_clips[0], "solid", 0.0)
            if segment is not None:
                passing.setdefault((style.colour, emphasis), []).append(segment)
            continue
        width = style.width * (2.0 if emphasis > 0 else 1.0)
        key = (style.colour, style.pattern, width, emphasis)
        stroked = stroke_width(style.pattern, width, scale)  # dashes are laid in its units
        thin = stroked * scale <= 1.0
        if straight and patches:
            (thin_batch if thin else batch).add(lines, key, start, end, style.pattern, stroked)
        elif straight:
            if plain and style.pattern == "solid" and not thin:
                segment = QLineF(start, end)
            else:
                clip = thin_clips[0] if thin else clips[0]
                segment = segment_inside(start, end, clip, style.pattern, stroked)
            if segment is not None:
                lines.setdefault(key, []).append(segment)
        else:
            curves.setdefault(key, []).append(line)
        mark = end_mark(item.status, line, width)
        if arrow is not None or mark is not None:
            heads = arrows.get((style.colour, emphasis))
            if heads is None:
                heads = arrows[(style.colour, emphasis)] = QPainterPath()
            if arrow is not None:
                heads.addPolygon(arrow)
                heads.closeSubpath()
            if mark is not None:
                heads.addPath(mark)
        if item.isSelected():
            halos.append(line)
        if lod >= LABEL_LOD and item.shows_caption():
            captions.append(item)
    batch.cut(clips)
    thin_batch.cut(thin_clips)
    _stroke(painter, state, (halos, lines, curves, passing, arrows), (lod, scale), plain)
    for item in captions:
        _paint_caption(painter, item, state)


def faded(colour: str, background: str, opacity: float) -> QColor:
    """``colour`` mixed over ``background``: looks translucent, draws at opaque speed."""
    c, b = QColor(colour), QColor(background)
    pairs = ((c.red(), b.red()), (c.green(), b.green()), (c.blue(), b.blue()))
    mix = [round(x * opacity + y * (1 - opacity)) for x, y in pairs]
    return QColor(*mix)


def _stroke(
    painter: QPainter,
    state: CanvasState,
    gathered: _Gathered,
    scales: tuple[float, float] = (1.0, 1.0),
    plain: bool = False,
) -> None:
    """Stroke what :func:`draw_relationships` gathered; ``scales``: the level of detail and
    the device pixels a scene unit covers."""
    from sysmap.model.style import LineStyle

    halos, lines, curves, passing, arrows = gathered
    background = state.theme.background
    _draw_passing(painter, state, passing)
    # The view does not save the painter's state between items (DontSavePainterState): a
    # brush left by the item painted before (a guide's fill) would fill each curve's bow.
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if halos:
        halo = QPen(qcolor(state.theme.selection, 0.45), 7.0)
        halo.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(halo)
        for path in halos:
            painter.drawPath(path)
    smooth = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
    lod, scale = scales
    # A picture is painted whole, and keeps its curves as strokes (an SVG's stay editable);
    # on screen a dashed curve may be repainted in part: see draw_dashed_path.
    whole = state.exporting
    # Pens in a fixed order, not the order their lines were met in (which follows the edit
    # history): where lines or arrow heads of two pens overlap, the one drawn last shows.
    for key in sorted({*lines, *curves}):
        colour, pattern, width, emphasis = key
        stroked = stroke_width(pattern, width, scale)
        pen = _quick_dots(pen_for(LineStyle(colour, pattern, stroked)), lod)
        if emphasis < 0:
            pen.setColor(faded(colour, background, FADED_OPACITY))
        if stroked != width:
            ink = pen.color()
            ink.setAlphaF(ink.alphaF() * stroke_ink(pattern, width, scale))
            pen.setColor(ink)
        painter.setPen(pen)
        if key in lines:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth and not plain)
            painter.drawLines(lines[key])
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        for path in curves.get(key, ()):
            if whole:
                painter.drawPath(path)
            else:
                draw_dashed_path(painter, path, pen)
    painter.setPen(Qt.PenStyle.NoPen)
    for (colour, emphasis), heads in sorted(arrows.items(), key=_first):
        fill = faded(colour, background, FADED_OPACITY) if emphasis < 0 else QColor(colour)
        painter.setBrush(fill)
        painter.drawPath(heads)


def _draw_passing(
    painter: QPainter, state: CanvasState, passing: dict[tuple[str, int], list[QLineF]]
) -> None:
    """Draw lines that only pass through as faint hairlines (left out while moving, if many),
    already cut inside the view (see :func:`~sysmap.canvas.line_cuts.keep_inside`)."""
    crowded = sum(len(s) for s in passing.values()) > PASSING_LIMIT
    if not passing or (state.moving and crowded):
        return
    background = state.theme.background
    smooth = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
    transform = painter.worldTransform()
    # Hairlines mapped to pixels first and drawn untransformed, plain (not antialiased)
    # when there are many: Qt draws them three times faster than through a scaled painter.
    painter.save()
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth and not crowded)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for (colour, emphasis), segments in sorted(passing.items(), key=_first):
        opacity = FADED_OPACITY if emphasis < 0 else PASSING_OPACITY
        painter.setPen(QPen(faded(colour, background, opacity), 0))
        painter.drawLines([transform.map(line) for line in segments])
    painter.restore()


def _first(pair: tuple[tuple[str, int], object]) -> tuple[str, int]:
    """The key of a (key, value) pair: pens are drawn in the order of their keys."""
    return pair[0]


def _quick_dots(pen: QPen, lod: float) -> QPen:
    """Dots too small to look round (under 3 px) drawn as square dots, 50 times faster.

    Qt strokes every round-capped dot as a curve; a map's weak ties can have thousands.
    """
    if pen.capStyle() != Qt.PenCapStyle.RoundCap or pen.widthF() * lod >= 3.0:
        return pen
    pattern = pen.dashPattern()
    if len(pattern) != 2:
        return pen
    dot, gap = pattern
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setDashPattern([1.0, dot + gap - 1.0])  # the same period: a dot of one width, a gap
    return pen


def _draw_hairlines(
    painter: QPainter, items: list[RelationshipItem], state: CanvasState, on_device: QRectF
) -> None:
    """Every line centre to centre, a hairline, cut to ``on_device`` (see ``keep_inside``)."""
    lines: dict[tuple[str, int], list[QLineF]] = {}
    bent: dict[tuple[str, int], list[QPainterPath]] = {}
    for item in items:
        emphasis = state.relationship_emphasis(item.relationship_id, item.source_id, item.target_id)
        key = (item.style.colour, emphasis)
        if item.bend is not None:  # bent round a stakeholder: its curve, not its chord
            bent.setdefault(key, []).append(item.geometry()[0])
            continue
        lines.setdefault(key, []).append(QLineF(item.source_item.pos(), item.target_item.pos()))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    background = state.theme.background
    for colour, emphasis in sorted({*lines, *bent}):
        opacity = FADED_OPACITY if emphasis < 0 else 0.8
        painter.setPen(QPen(faded(colour, background, opacity), 0))
        if (colour, emphasis) in lines:
            painter.drawLines(keep_inside(lines[(colour, emphasis)], on_device))
        for path in bent.get((colour, emphasis), ()):
            painter.drawPath(path)


def _paint_caption(painter: QPainter, item: RelationshipItem, state: CanvasState) -> None:
    from sysmap.canvas.relationship_item import caption_width, relation_font

    theme = state.theme
    _line, _arrow, middle = item.geometry()
    width = caption_width(item.caption) + 8
    rect = QRectF(middle.x() - width / 2, middle.y() - 8, width, 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(qcolor(theme.panel, 0.88))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(QColor(theme.text))
    painter.setFont(relation_font())
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, item.caption)
