"""Lines that only pass through the view, drawn once into an image, in slices.

On a big map thousands of long lines cross the view without either end in it. Drawing them
costs what their pixels cost (40 ms for 1,600 lines across a 1,600 × 1,000 view), every
frame. They are context, so they are left out while the view moves; once it stops,
:class:`PassingCache` draws them into an image of the view a slice at a time between
events, shows the image when it is complete, and blits it in every later frame (a hover, an
edit) until the view moves again. After an edit the previous image stays up until its
replacement is ready.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from PySide6.QtCore import QLineF, QPointF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPen, QTransform

Group = tuple[QPen, np.ndarray[Any, np.dtype[np.float64]]]
"""A pen and the segments it draws (``n × 4`` scene coordinates)."""
Lines = tuple[list[Group], set[int]]
"""What to draw, by pen, and which lines (rows of the edge table) that is."""
ViewKey = tuple[Any, ...]


def view_key(painter: QPainter, width: int, height: int, extra: tuple[Any, ...]) -> ViewKey:
    """What the cached image depends on besides the lines: transform, size and looks."""
    t = painter.worldTransform()
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    transform = (t.m11(), t.m12(), t.m21(), t.m22(), round(t.dx(), 3), round(t.dy(), 3))
    return (transform, width, height, ratio, *extra)


class PassingCache:
    """An image of the passing lines for one view position, drawn in slices.

    Parameters
    ----------
    repaint : callable
        Asks for the view to be painted again (an image is ready).
    """

    SLICE_S = 0.008
    CHUNK = 400
    """Lines drawn between two looks at the clock."""

    def __init__(self, repaint: Callable[[], None]) -> None:
        self._repaint = repaint
        self._image: QImage | None = None
        self._shown: tuple[ViewKey, int] | None = None
        self._rows: set[int] = set()
        self._job: _Job | None = None
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def clear(self) -> None:
        """Forget the image and stop drawing (the view moves, or the map changed whole)."""
        self._timer.stop()
        if self._job is not None:
            self._job.abandon()
        self._job = None
        self._image = None
        self._shown = None
        self._rows = set()

    def paint(
        self,
        painter: QPainter,
        key: ViewKey,
        version: int,
        groups: Callable[[], Lines],
        few: bool = False,
    ) -> None:
        """Blit the image for this view (an older one, after edits), drawing a new one if needed.

        ``groups`` gives the lines to draw; it is called only when a new image is started,
        in this frame when there are ``few`` lines, else between the next events.
        """
        wanted = (key, version)
        job = self._job
        if self._shown != wanted and (job is None or job.wanted != wanted):
            self.clear_job()
            width, height, ratio = key[1], key[2], key[3]
            job = self._job = _Job(wanted, groups, painter.worldTransform(), width, height, ratio)
            if few and job.run(self.SLICE_S):  # done at once: shown in this very frame
                self._take(job)
            else:
                self._timer.start()
        if self._image is not None and self._shown is not None and self._shown[0] == key:
            painter.save()
            painter.resetTransform()
            painter.drawImage(QPointF(0, 0), self._image)
            painter.restore()

    def drawn_rows(self) -> set[int]:
        """The lines in the image shown and in the one being drawn."""
        job = self._job
        return self._rows | job.rows if job is not None else self._rows

    def still_valid(self, version: int) -> None:
        """The lines changed (``version``) but none of those drawn: keep the image as it is."""
        if self._shown is not None:
            self._shown = (self._shown[0], version)
        if self._job is not None:
            self._job.wanted = (self._job.wanted[0], version)

    def clear_job(self) -> None:
        """Stop any image being drawn (a newer one is wanted)."""
        self._timer.stop()
        if self._job is not None:
            self._job.abandon()
        self._job = None

    def _step(self) -> None:
        job = self._job
        if job is None:
            self._timer.stop()
            return
        if job.run(self.SLICE_S):
            self._timer.stop()
            self._take(job)
            self._repaint()

    def _take(self, job: _Job) -> None:
        self._job = None
        self._image, self._shown, self._rows = job.image, job.wanted, job.rows


class _Job:
    """One image of passing lines being drawn."""

    def __init__(
        self,
        wanted: tuple[ViewKey, int],
        groups: Callable[[], Lines],
        transform: QTransform,
        width: int,
        height: int,
        ratio: float,
    ) -> None:
        self.wanted = wanted
        self.image = QImage(
            max(1, round(width * ratio)),
            max(1, round(height * ratio)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        self.image.setDevicePixelRatio(ratio)
        self.image.fill(Qt.GlobalColor.transparent)
        self._groups = groups
        self.rows: set[int] = set()
        self._transform = QTransform(transform)
        self._chunks: Iterator[tuple[QPen, list[QLineF]]] | None = None
        self._done = False

    def run(self, seconds: float) -> bool:
        """Draw for about ``seconds``; return True when the image is complete.

        A painter is opened for each slice, never left open between events.
        """
        if self._done:
            return True
        until = time.perf_counter() + seconds
        if self._chunks is None:
            groups, self.rows = self._groups()
            self._chunks = _chunks(groups, self._transform, PassingCache.CHUNK)
        painter = QPainter(self.image)
        try:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for pen, lines in self._chunks:
                painter.setPen(pen)
                painter.drawLines(lines)
                if time.perf_counter() >= until:
                    return False
            self._done = True
            return True
        finally:
            painter.end()

    def abandon(self) -> None:
        """Stop drawing."""
        self._done = True


def _chunks(
    groups: list[Group], transform: QTransform, size: int
) -> Iterator[tuple[QPen, list[QLineF]]]:
    """Each group's segments mapped to view pixels, a chunk at a time."""
    m = transform
    for pen, segments in groups:
        if segments.size == 0:
            continue
        x = segments[:, 0::2]
        y = segments[:, 1::2]
        pixels = np.empty_like(segments)
        pixels[:, 0::2] = m.m11() * x + m.m21() * y + m.dx()
        pixels[:, 1::2] = m.m12() * x + m.m22() * y + m.dy()
        for start in range(0, len(pixels), size):
            rows = pixels[start : start + size].tolist()
            yield pen, [QLineF(x1, y1, x2, y2) for x1, y1, x2, y2 in rows]
