"""Cutting straight lines to the patches of a view being repainted, many lines at once.

After an edit a view repaints a few small patches (the stakeholder, the legend's corner).
Each line crossing one is cut to the patch (grown by a line's reach) before it is stroked:
a wide antialiased line costs what its length costs, even where nothing is repainted.
Cutting a hundred lines one by one from Python costs more than stroking them, so
:func:`cut_lines` cuts them all with a few numpy operations per patch. A dashed or dotted
line starts on a whole dash, so its pattern stays where it was.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF

from sysmap.canvas.line_pens import DOT_WEIGHT

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


def merged_patches(parts: Sequence[QRectF]) -> list[QRectF]:
    """``parts`` grown by a line's reach, those that then overlap merged into their box.

    A line is cut to each rectangle it crosses; rectangles that overlap would draw the
    overlap twice (a darker seam where an antialiased edge is drawn over itself).
    """
    merged: list[QRectF] = []
    for part in parts:
        rect = QRectF(part)
        grown = True
        while grown:
            grown = False
            for other in merged:
                if other.adjusted(-40, -40, 40, 40).intersects(rect):
                    merged.remove(other)
                    rect = rect.united(other)
                    grown = True
                    break
        merged.append(rect)
    return merged


class LineBatch:
    """Straight lines to cut to the patches being repainted, and where each part goes."""

    def __init__(self) -> None:
        self.ends: list[tuple[float, float, float, float]] = []
        self.periods: list[float] = []
        self.into: list[tuple[dict[Any, list[QLineF]], Any]] = []

    def add(
        self,
        into: dict[Any, list[QLineF]],
        key: Any,
        start: QPointF,
        end: QPointF,
        pattern: str,
        width: float,
    ) -> None:
        """Cut the line ``start`` → ``end`` later, adding its parts to ``into[key]``."""
        self.ends.append((start.x(), start.y(), end.x(), end.y()))
        self.periods.append(dash_period(pattern, width))
        self.into.append((into, key))

    def cut(self, clips: list[QRectF]) -> None:
        """Cut every line noted to ``clips``, in the order they were noted."""
        for (into, key), parts in zip(
            self.into, cut_lines(self.ends, self.periods, clips), strict=True
        ):
            if parts:
                into.setdefault(key, []).extend(parts)


def segment_inside(
    start: QPointF, end: QPointF, clip: QRectF, pattern: str, width: float
) -> QLineF | None:
    """The part of a straight line inside ``clip`` (dashes keep their phase), or None."""
    if clip.contains(start) and clip.contains(end):
        return QLineF(start, end)
    clipped = _clip(start, end, clip)
    if clipped is None:
        return None
    t0, t1 = clipped
    if pattern == "solid":
        return QLineF(start + (end - start) * t0, start + (end - start) * t1)
    length = math.hypot(end.x() - start.x(), end.y() - start.y())
    period = dash_period(pattern, width)  # dash + gap, in px
    if length > 0 and period > 0:
        t0 = math.floor(t0 * length / period) * period / length  # start on a whole dash
    return QLineF(start + (end - start) * t0, start + (end - start) * t1)


def _clip(a: QPointF, b: QPointF, rect: QRectF) -> tuple[float, float] | None:
    """Liang–Barsky: the part of a→b inside ``rect`` as (t0, t1), or None."""
    dx, dy = b.x() - a.x(), b.y() - a.y()
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, a.x() - rect.left()),
        (dx, rect.right() - a.x()),
        (-dy, a.y() - rect.top()),
        (dy, rect.bottom() - a.y()),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return None
    return t0, t1


DEVICE_EDGE_PX = 0.75
"""How far past the view's edge a line at most a pixel wide may run (see :func:`keep_inside`)."""


def keep_inside(lines: Iterable[QLineF], rect: QRectF) -> list[QLineF]:
    """The parts of ``lines`` inside ``rect`` (the view, grown by :data:`DEVICE_EDGE_PX`).

    Qt draws a line at most a pixel wide with its cosmetic stroker, which first cuts the
    line to the device painted on (the window on screen, the view in a picture) and steps
    from pixel to pixel from there: where the line is cut decides which pixels it lands on.
    Cut to the view beforehand, such a line is drawn alike on every device.
    """
    kept: list[QLineF] = []
    for line in lines:
        start, end = line.p1(), line.p2()
        span = _clip(start, end, rect)
        if span is not None:
            kept.append(QLineF(start + (end - start) * span[0], start + (end - start) * span[1]))
    return kept


THINNEST_DASH_PX = 1.05
"""Dashed and dotted lines are stroked at least this many device pixels wide."""


def stroke_width(pattern: str, width: float, scale: float) -> float:
    """The width a line of ``pattern`` and ``width`` is stroked with at ``scale`` pixels a unit.

    Qt strokes a line at most a device pixel wide with its cosmetic stroker, which lays
    dashes in device pixels from where the line enters the device: a line starting off
    screen gets its dashes from the edge of whatever is painted on (the window on screen,
    the view in a picture), and a line cut to a repainted patch no longer meets the rest
    dash for dash. Wider lines are dashed from their start in units of their width, so a
    thin dashed line is widened to just over a pixel (and drawn fainter: :func:`stroke_ink`).
    """
    if pattern == "solid" or scale <= 0:
        return width
    weight = DOT_WEIGHT if pattern == "dotted" else 1.0
    return max(width, THINNEST_DASH_PX / (scale * weight))


def stroke_ink(pattern: str, width: float, scale: float) -> float:
    """How opaque to draw a line widened by :func:`stroke_width`: the ink it had (0–1]."""
    return width / stroke_width(pattern, width, scale)


def dash_period(pattern: str, width: float) -> float:
    """Length of one dash and its gap (0 for a solid line), in scene units."""
    if pattern == "solid":
        return 0.0
    if pattern == "dotted":
        return width * 2.01 * DOT_WEIGHT
    return width * (9.0 if pattern == "dashdot" else 6.0)  # Qt's dash-dot: 4, 2, 1, 2


def cut_lines(
    ends: Sequence[tuple[float, float, float, float]],
    periods: Sequence[float],
    clips: Sequence[QRectF],
) -> list[list[QLineF]]:
    """The parts of each line ``(x1, y1, x2, y2)`` inside each of ``clips``, line by line.

    ``periods`` gives each line's :func:`dash_period`; ``clips`` should not overlap (a part
    drawn twice shows as a darker seam).
    """
    cuts: list[list[QLineF]] = [[] for _ in ends]
    if not ends:
        return cuts
    table = np.asarray(ends, dtype=np.float64).reshape(-1, 4)
    period = np.asarray(periods, dtype=np.float64)
    ax, ay = table[:, 0], table[:, 1]
    dx, dy = table[:, 2] - ax, table[:, 3] - ay
    length = np.hypot(dx, dy)
    dashed = (length > 0) & (period > 0)
    for clip in clips:
        crossing, t0, t1 = spans_inside(ax, ay, dx, dy, _edges(clip))
        with np.errstate(divide="ignore", invalid="ignore"):
            whole = np.floor(t0 * length / period) * period / length
        t0 = np.where(dashed, whole, t0)
        x1, y1, x2, y2 = ax + dx * t0, ay + dy * t0, ax + dx * t1, ay + dy * t1
        rows = np.flatnonzero(crossing)
        parts = np.column_stack([x1[rows], y1[rows], x2[rows], y2[rows]]).tolist()
        for row, (p, q, r, s) in zip(rows.tolist(), parts, strict=True):
            cuts[row].append(QLineF(p, q, r, s))
    return cuts


def _edges(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def spans_inside(
    ax: FloatArray,
    ay: FloatArray,
    dx: FloatArray,
    dy: FloatArray,
    box: tuple[float, float, float, float],
) -> tuple[np.ndarray[Any, np.dtype[np.bool_]], FloatArray, FloatArray]:
    """Liang–Barsky for many lines from ``(ax, ay)`` by ``(dx, dy)``: which cross ``box``
    (left, top, right, bottom), and the span of each inside it, ``t0`` to ``t1``."""
    left, top, right, bottom = box
    t0 = np.zeros(ax.size)
    t1 = np.ones(ax.size)
    outside = np.zeros(ax.size, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, ax - left), (dx, right - ax), (-dy, ay - top), (dy, bottom - ay)):
            parallel = p == 0
            outside |= parallel & (q < 0)
            ratio = q / np.where(parallel, 1.0, p)
            t0 = np.where(~parallel & (p < 0), np.maximum(t0, ratio), t0)
            t1 = np.where(~parallel & (p > 0), np.minimum(t1, ratio), t1)
    return ~outside & (t0 <= t1), t0, t1
