"""The overview's cached picture: drawn once, patched per edit, refreshed in slices.

Drawing every line of a big map costs far more than a frame (the 5,000-stakeholder reference
map has five million pixels of lines at full view), so the overview draws its
:class:`~sysmap.canvas.sketch.Sketch` once into an image and blits that. What keeps it
fast afterwards:

- **An edit patches the picture.** The few records an edit changed are cleared from the
  image where they were drawn, and their new versions are drawn on top of it in every frame
  until the picture is next redrawn, so an edit costs what its own lines cost, not the map.
- **Redrawing happens in slices.** A moment after the edits (or the zooming) stop, a new
  picture is drawn a few buckets of the sketch at a time, between events, while the old one
  stays on screen; when it is complete it takes the old one's place. The window never waits
  for a whole picture, except for the very first one.

Clearing a record can nick what crossed it (a pixel of another line, a corner of a box
under a moved one) until the next redraw, half a second later; and a changed line is drawn
over the boxes meanwhile. Both are the price of not redrawing the map for every edit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Protocol

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

SliceClock = Callable[[], float]
Record = tuple[float, float, float, float, str, int]
"""A sketch's box (x, y, width, height, …) or line (x1, y1, x2, y2, …), as it keeps them."""


class Sketch(Protocol):
    """What the picture needs of the sketch it draws (:class:`~sysmap.canvas.sketch.Sketch`).

    A protocol, so the overview, which imports this module, is not imported back.
    """

    @property
    def changed(self) -> Mapping[tuple[int, str], Record | None]:
        """Records changed since the picture was drawn, as the picture shows them."""

    @property
    def bulk(self) -> bool:
        """Whether everything changed (the picture must be redrawn whole)."""

    @property
    def version(self) -> int:
        """A count that grows with every change."""

    def paint_steps(self) -> Iterator[Callable[[QPainter], None]]:
        """The drawing of the whole sketch in small steps."""

    def paint_changed(self, painter: QPainter) -> None:
        """Draw the current version of every changed record."""

    def picture_drawn(self) -> None:
        """A picture of every current record was drawn."""


class CachedPicture:
    """The sketch drawn into an image, blitted (scaled) while the user pans and zooms.

    Parameters
    ----------
    sketch : Sketch
        What to draw; its ``changed`` records are those the picture does not show yet.
    repaint : callable
        Asks the owner to be painted again (a new picture is ready).
    """

    MAX_SIDE = 4096
    SETTLE_MS = 180
    """Redraw at a new zoom this long after zooming stops."""
    IDLE_MS = 150
    """Redraw after edits this long after the last one."""
    SLICE_S = 0.008
    """Longest stretch of redrawing between two events."""
    PATCH_LIMIT = 400
    """Beyond this many changed records, the next frame draws a whole new picture."""

    def __init__(self, sketch: Sketch, repaint: Callable[[], None]) -> None:
        self._sketch = sketch
        self._repaint = repaint
        self._image: QImage | None = None
        self._source = QRectF()
        self._scale = 0.0
        self._wanted: tuple[QRectF, float] | None = None
        self._erased: set[tuple[int, str]] = set()
        self._job: _Redraw | None = None
        self._idle = QTimer()
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._start_redraw)
        self._slices = QTimer()
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._step)

    # ------------------------------------------------------------------ changes
    def invalidate(self) -> None:
        """Forget the picture (the whole map changed): the next frame draws a new one."""
        self._image = None
        self._stop_redraw()

    def changed(self, shown: bool = True) -> None:
        """Some records of the sketch changed: patch now, redraw when the edits pause.

        ``shown`` says whether the picture is on screen; one that is not waits for its next
        frame to catch up.
        """
        if self._image is None:
            return
        if self._sketch.bulk:  # restyled: the next frame shows the new look at once
            self.invalidate()
            return
        self._stop_redraw()
        if shown:
            # Thousands moved (a layout): the old picture stays up while the new one is drawn.
            self._idle.start(0 if self._too_changed() else self.IDLE_MS)

    def _too_changed(self) -> bool:
        return len(self._sketch.changed) > self.PATCH_LIMIT

    @property
    def scale(self) -> float:
        """Pixels per scene unit of the picture (of the view, before the first one is drawn)."""
        if self._scale > 0:
            return self._scale
        return self._wanted[1] if self._wanted is not None else 1.0

    @property
    def redrawing(self) -> bool:
        """Whether a new picture is being drawn in slices."""
        return self._job is not None or self._idle.isActive()

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, bounds: QRectF) -> None:
        """Draw the picture of ``bounds`` and, over it, what changed since it was drawn."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        scale = min(
            _scale(painter) * ratio, self.MAX_SIDE / max(bounds.width(), bounds.height(), 1)
        )
        self._wanted = (QRectF(bounds), scale)
        if self._image is not None and self._sketch.bulk:
            self.invalidate()
        if self._image is None:
            self._render_now(bounds, scale)
        elif not self.redrawing:
            # The map grew, the zoom changed or edits are shown patched: redraw when it settles.
            if self._too_changed():
                self._idle.start(0)
            elif self._source != bounds or self._sketch.changed:
                self._idle.start(self.IDLE_MS)
            elif abs(self._scale / scale - 1) > 0.05:
                self._idle.start(self.SETTLE_MS)
        assert self._image is not None
        patch = not self._too_changed()
        if patch:
            self._erase_changed()
        smooth = abs(self._scale / scale - 1) > 0.05
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        painter.drawImage(self._source, self._image)
        if patch:
            self._sketch.paint_changed(painter)

    def _render_now(self, bounds: QRectF, scale: float) -> None:
        job = _Redraw(self._sketch, bounds, scale)
        job.run(math.inf)
        self._take(job)

    def _erase_changed(self) -> None:
        """Clear the image where changed records were drawn (once per record)."""
        sketch = self._sketch
        fresh = [key for key in sketch.changed if key not in self._erased]
        if not fresh or self._image is None:
            return
        painter = QPainter(self._image)
        _place(painter, self._source, self._scale)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        pixel = 1.5 / self._scale
        lines = QPainterPath()
        for key in fresh:
            record = sketch.changed[key]
            if record is None:
                continue
            if key[0] == 0:
                x, y, w, h = record[:4]
                painter.fillRect(
                    QRectF(x - pixel, y - pixel, w + 2 * pixel, h + 2 * pixel),
                    Qt.GlobalColor.transparent,
                )
            else:
                lines.moveTo(record[0], record[1])
                lines.lineTo(record[2], record[3])
        # The same aliased hairline that drew them clears exactly their pixels.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(Qt.GlobalColor.black, 0))
        painter.drawPath(lines)
        painter.end()
        self._erased.update(fresh)

    # ------------------------------------------------------------------ redrawing in slices
    def _start_redraw(self) -> None:
        if self._wanted is None:
            return
        bounds, scale = self._wanted
        self._job = _Redraw(self._sketch, bounds, scale)
        self._slices.start()

    def _step(self) -> None:
        job = self._job
        if job is None:
            self._slices.stop()
            return
        if job.version != self._sketch.version:  # edited meanwhile: start again later
            self._stop_redraw()
            self._idle.start(self.IDLE_MS)
            return
        if job.run(self.SLICE_S):
            self._stop_redraw()
            self._take(job)
            self._repaint()

    def _stop_redraw(self) -> None:
        self._slices.stop()
        self._idle.stop()
        if self._job is not None:
            self._job.abandon()
            self._job = None

    def _take(self, job: _Redraw) -> None:
        self._image, self._source, self._scale = job.image, job.bounds, job.scale
        self._sketch.picture_drawn()
        self._erased.clear()

    def finish_now(self) -> None:
        """Complete any redraw at once (for tests and pictures that must be exact)."""
        if self._job is None and self._idle.isActive() and self._wanted is not None:
            self._start_redraw()
        job = self._job
        if job is not None:
            self._stop_redraw()
            job = _Redraw(self._sketch, job.bounds, job.scale)
            job.run(math.inf)
            self._take(job)


class _Redraw:
    """One new picture being drawn: lines bucket by bucket, then boxes.

    A painter is opened for each slice (never left open between events), so a picture
    abandoned half-drawn holds nothing.
    """

    def __init__(self, sketch: Sketch, bounds: QRectF, scale: float) -> None:
        self.bounds, self.scale = QRectF(bounds), scale
        self.version = sketch.version
        width = max(1, math.ceil(bounds.width() * scale))
        height = max(1, math.ceil(bounds.height() * scale))
        self.image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        self.image.fill(Qt.GlobalColor.transparent)
        self._steps = sketch.paint_steps()
        self._done = False

    def run(self, seconds: float, clock: SliceClock = time.perf_counter) -> bool:
        """Draw for about ``seconds``; return True when the picture is complete."""
        if self._done:
            return True
        until = clock() + seconds
        painter = QPainter(self.image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            _place(painter, self.bounds, self.scale)
            for step in self._steps:
                step(painter)
                if clock() >= until:
                    return False
            self._done = True
            return True
        finally:
            painter.end()

    def abandon(self) -> None:
        """Stop drawing (the picture will not be used)."""
        self._done = True


def _place(painter: QPainter, source: QRectF, scale: float) -> None:
    painter.scale(scale, scale)
    painter.translate(-source.left(), -source.top())


def _scale(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
