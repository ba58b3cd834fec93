"""Stakeholder labels laid out with real font metrics, and the shape size that holds them.

Lines break by the toolkit-free rule in :func:`sysmap.model.style.wrap_label` (so layouts that
estimate label boxes without Qt agree with what is drawn); widths and heights come from the
font. Layouts are cached by (label, shape): maps repeat names, and a rename needs one new
layout, not a pass over the map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QStaticText, QTextOption

from sysmap.canvas.geometry import outer_size
from sysmap.canvas.theme import canvas_font
from sysmap.model.style import NODE_MIN_WIDTH, NODE_PADDING, wrap_label


@dataclass(frozen=True)
class LabelLayout:
    """Where each line of a label goes inside its shape (coordinates relative to the centre).

    Parameters
    ----------
    lines : tuple of str
        The wrapped lines.
    origins : tuple of (float, float)
        Top-left corner of each line, relative to the shape's centre.
    text_width, text_height : float
        The text block's size.
    width, height : float
        The outer shape's size.
    """

    lines: tuple[str, ...]
    origins: tuple[tuple[float, float], ...]
    text_width: float
    text_height: float
    width: float
    height: float
    _static: list[QStaticText] = field(default_factory=list, repr=False, compare=False)

    def static_texts(self) -> list[QStaticText]:
        """Return one prepared ``QStaticText`` per line (made once, drawn many times)."""
        if not self._static:
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.NoWrap)
            for line in self.lines:
                text = QStaticText(line)
                text.setTextFormat(Qt.TextFormat.PlainText)
                text.setTextOption(option)
                text.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
                self._static.append(text)
        return self._static

    def line_points(self) -> list[QPointF]:
        """Return the top-left point of each line."""
        return [QPointF(x, y) for x, y in self.origins]


@lru_cache(maxsize=1)
def _metrics() -> QFontMetricsF:
    return QFontMetricsF(canvas_font())


def line_height() -> float:
    """The distance between label lines, in pixels at 100 % zoom."""
    return _metrics().lineSpacing()


@lru_cache(maxsize=20000)
def label_layout(label: str, shape: str) -> LabelLayout:
    """Lay out ``label`` inside a shape of kind ``shape`` (see ``KIND_SHAPES``)."""
    metrics = _metrics()
    lines = tuple(wrap_label(label))
    widths = [metrics.horizontalAdvance(line) for line in lines]
    spacing = metrics.lineSpacing()
    # Short names still get a box wide enough to click and to read as a stakeholder.
    floor = NODE_MIN_WIDTH - 2 * NODE_PADDING
    padded = [max(w, floor) if len(widths) == 1 else w for w in widths]
    if max(padded) < floor:
        padded[0] = floor
    text_width, text_height = max(padded), spacing * len(lines)
    width, height = outer_size(shape, padded, spacing, NODE_PADDING)
    top = -text_height / 2
    origins = tuple((-w / 2, top + i * spacing) for i, w in enumerate(widths))
    return LabelLayout(lines, origins, text_width, text_height, width, height)
