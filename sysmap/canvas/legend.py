"""The legend: which colour, shape and line style means what, for what is on the map now.

:class:`Legend` is plain data (tests and the GUI read it); :func:`paint_legend` draws it at
a fixed pixel size, on screen over the view's corner and beside the map in exports.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from sysmap.canvas.colouring import OTHER_COLOUR, Colouring
from sysmap.canvas.end_marks import sample_mark
from sysmap.canvas.geometry import outline_path
from sysmap.canvas.line_pens import pen_for
from sysmap.canvas.overlay import KeyEntry
from sysmap.canvas.stakeholder_item import FADED_OPACITY
from sysmap.canvas.theme import SMALL_PIXEL_SIZE, CanvasTheme, canvas_font, paint_not_set, qcolor
from sysmap.model.colour_vision import faded_label, under_white_text
from sysmap.model.style import KIND_SHAPES, LineStyle, line_style
from sysmap.model.vocab import KINDS, STATUSES, UNKNOWN_COLOUR

ROW = 20.0
PAD = 10.0
SWATCH = 14.0
MAX_COLOUR_ROWS = 12
PIN = "pin"
SAMPLE_MARKS = ("ring", "double ring", "badge", "tag", "halo", "band", "hull", "fade")
"""Overlay marks the legend draws a sample of (other key rows get a line sample)."""


@dataclass(frozen=True)
class LegendEntry:
    """One row: a colour swatch, a shape or a line sample, its label and how many use it."""

    label: str
    colour: str = ""
    shape: str = ""
    line: LineStyle | None = None
    count: int = 0
    mark: str = ""
    """An overlay's mark drawn as the sample (one of :data:`SAMPLE_MARKS`, in ``colour``)."""
    status: str = ""
    """A relationship status whose line sample also wears the status's end mark."""


@dataclass(frozen=True)
class Legend:
    """What the legend shows.

    Parameters
    ----------
    title : str
        What the colours mean ("Sector").
    colours, shapes, lines : tuple of LegendEntry
        Fill colours in use; stakeholder shapes in use (when more than one); relationship
        statuses in use (when any is not "active").
    overlay : str
        The title of the overlay shown, if any.
    key : tuple of LegendEntry
        What the overlay's marks mean (a comparison's added and removed), under its title.
    """

    title: str
    colours: tuple[LegendEntry, ...] = ()
    shapes: tuple[LegendEntry, ...] = ()
    lines: tuple[LegendEntry, ...] = ()
    overlay: str = ""
    key: tuple[LegendEntry, ...] = ()

    def labels(self) -> list[str]:
        """Every label the legend shows, top to bottom."""
        rows = [self.title, *(e.label for e in self.colours)]
        rows += [e.label for e in self.shapes] + [e.label for e in self.lines]
        return rows + ([self.overlay] if self.overlay else []) + [e.label for e in self.key]

    @property
    def empty(self) -> bool:
        """Whether there is nothing to explain (an empty map)."""
        return not (self.colours or self.shapes or self.lines or self.overlay)


def build_legend(
    colouring: Colouring,
    kinds: Counter[str],
    statuses: Counter[str],
    overlay_title: str = "",
    pinned: int = 0,
    key: Sequence[KeyEntry] = (),
) -> Legend:
    """Assemble the legend from the counts a scene keeps up to date (and an overlay's key)."""
    colours: list[LegendEntry] = []
    other = 0
    other_values = 0
    for _value, label, colour, count in colouring.entries():
        if colour == OTHER_COLOUR or len(colours) >= MAX_COLOUR_ROWS - 1:
            other += count
            other_values += 1
        else:
            colours.append(LegendEntry(label, colour=colour, count=count))
    if other:
        colours.append(
            LegendEntry(f"{other_values} other values", colour=OTHER_COLOUR, count=other)
        )
    shapes: list[LegendEntry] = []
    by_shape: Counter[str] = Counter()
    for kind, count in kinds.items():
        by_shape[KIND_SHAPES.get(kind, "rectangle")] += count
    if len(by_shape) > 1:
        for kind, shape in KIND_SHAPES.items():
            if by_shape[shape]:
                shapes.append(LegendEntry(KINDS.label(kind), shape=shape, count=by_shape[shape]))
        if by_shape["rectangle"]:
            shapes.append(LegendEntry("Other kind", shape="rectangle", count=by_shape["rectangle"]))
    if pinned:
        shapes.append(LegendEntry("Pinned (layouts leave it)", shape=PIN, count=pinned))
    lines: list[LegendEntry] = []
    if any(s != "active" for s in statuses):
        known = [t.key for t in STATUSES if statuses[t.key]]
        known += sorted(s for s in statuses if s not in STATUSES)
        for status in known:
            label = STATUSES.label(status)
            lines.append(
                LegendEntry(label, line=line_style(status), count=statuses[status], status=status)
            )
    marks = tuple(_key_entry(entry) for entry in key)
    return Legend(
        colouring.title, tuple(colours), tuple(shapes), tuple(lines), overlay_title, marks
    )


def _key_entry(entry: KeyEntry) -> LegendEntry:
    line = LineStyle(entry.colour, "dashed" if entry.dashed else "solid", 2.5)
    mark = entry.mark if entry.mark in SAMPLE_MARKS else ""
    return LegendEntry(entry.label, colour=entry.colour, line=line, count=entry.count, mark=mark)


def _fonts() -> tuple[QFontMetricsF, QFontMetricsF]:
    return QFontMetricsF(canvas_font(SMALL_PIXEL_SIZE + 1)), QFontMetricsF(
        canvas_font(SMALL_PIXEL_SIZE + 1, bold=True)
    )


def _row_text(entry: LegendEntry) -> str:
    return f"{entry.label}  ({entry.count:,})" if entry.count else entry.label


Section = tuple[str, tuple[LegendEntry, ...]]
COLUMN_GAP = 28.0
OVERLAY_WRAP = 44
"""Characters per line of the overlay's title in the legend."""


def _sections(legend: Legend) -> list[Section]:
    sections: list[Section] = [(legend.title, legend.colours)]
    if legend.shapes:
        sections.append(("Kind", legend.shapes))
    if legend.lines:
        sections.append(("Relationships", legend.lines))
    if legend.overlay:
        # A finding's title can be long: wrap it to the legend's own width, so showing a
        # finding never widens the legend over the map.
        widest = max(_section_size(section)[0] for section in [*sections, ("", legend.key)])
        width = max(140.0, widest - SWATCH - 8)
        lines = _wrap(legend.overlay, width)
        rows = tuple(LegendEntry(line) for line in lines) + legend.key
        sections.append(("Highlighted", rows))
    return sections


def _wrap(text: str, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels (a long word keeps its line)."""
    plain, _ = _fonts()
    for chars in range(OVERLAY_WRAP, 8, -2):
        lines = textwrap.wrap(text, chars) or [text]
        if max(plain.horizontalAdvance(line) for line in lines) <= width:
            return lines
    return textwrap.wrap(text, 8) or [text]


def _section_size(section: Section) -> tuple[float, float]:
    plain, bold = _fonts()
    heading, entries = section
    widths = [bold.horizontalAdvance(heading)]
    widths += [SWATCH + 8 + plain.horizontalAdvance(_row_text(e)) for e in entries]
    return max(widths), ROW * (1 + len(entries))


def legend_size(legend: Legend, columns: bool = False, reserve: float = 0.0) -> QSizeF:
    """The size :func:`paint_legend` needs, in pixels (sections stacked, or side by side).

    ``reserve`` widens the box by that many pixels at its right (for a mark drawn there).
    """
    sizes = [_section_size(s) for s in _sections(legend)]
    if columns:
        width = sum(w for w, _ in sizes) + COLUMN_GAP * (len(sizes) - 1)
        height = max(h for _, h in sizes)
    else:
        width = max(w for w, _ in sizes)
        height = sum(h for _, h in sizes) + ROW * 0.4 * (len(sizes) - 1)
    return QSizeF(width + 2 * PAD + 4 + reserve, height + 2 * PAD)


def paint_legend(
    painter: QPainter,
    legend: Legend,
    top_left: QPointF,
    theme: CanvasTheme,
    columns: bool = False,
    reserve: float = 0.0,
) -> QRectF:
    """Draw ``legend`` with its top-left corner at ``top_left`` (device pixels); return its box.

    Sections (colours, kinds, relationship styles, overlay) are stacked, or side by side
    with ``columns`` (a legend under a wide map).
    """
    box = QRectF(top_left, legend_size(legend, columns, reserve))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(qcolor(theme.muted, 0.35), 1.0))
    painter.setBrush(qcolor(theme.panel))  # opaque: a line or box under it must not show through
    painter.drawRoundedRect(box, 6, 6)
    x, y = box.left() + PAD, box.top() + PAD
    for section in _sections(legend):
        heading, entries = section
        row_y = _heading(painter, heading, x, y, theme)
        for entry in entries:
            _sample(painter, entry, x, row_y, theme)
            row_y = _row(painter, entry, x, row_y, theme)
        if columns:
            x += _section_size(section)[0] + COLUMN_GAP
        else:
            y = row_y + ROW * 0.4
    painter.restore()
    return box


def _sample(painter: QPainter, entry: LegendEntry, x: float, y: float, theme: CanvasTheme) -> None:
    """Draw the swatch, shape or line sample at the start of a row."""
    if entry.mark:
        _mark_sample(painter, entry, x, y, theme)
    elif entry.colour and entry.line is not None:  # an overlay's line, in its own colour
        painter.setPen(pen_for(entry.line))
        painter.drawLine(QPointF(x - 2, y + ROW / 2), QPointF(x + SWATCH + 4, y + ROW / 2))
    elif entry.colour:
        painter.setPen(QPen(qcolor(theme.outline, 0.7), 1.0))
        painter.setBrush(QColor(entry.colour))
        painter.drawRoundedRect(QRectF(x, y + 3, SWATCH, SWATCH), 3, 3)
        if entry.colour.upper() == UNKNOWN_COLOUR:  # hatched, as on the map
            swatch = QPainterPath()
            swatch.addRoundedRect(QRectF(x, y + 3, SWATCH, SWATCH), 3, 3)
            paint_not_set(painter, swatch)
    elif entry.shape == PIN:  # the dot a pinned stakeholder wears at its corner
        painter.setPen(QPen(QColor("#FFFFFF"), 1.5))
        painter.setBrush(QColor("#1A1A1A"))
        painter.drawEllipse(QPointF(x + SWATCH / 2, y + ROW / 2), 4.5, 4.5)
    elif entry.shape:
        painter.setPen(QPen(qcolor(theme.text, 0.8), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(x - 2, y + 4, SWATCH + 6, SWATCH - 2)
        painter.drawPath(outline_path(entry.shape, rect, radius=3.5))
    elif entry.line is not None:
        style = theme.line_style(entry.line)
        start, end = QPointF(x - 2, y + ROW / 2), QPointF(x + SWATCH + 4, y + ROW / 2)
        painter.setPen(pen_for(style))
        painter.drawLine(start, end)
        mark = sample_mark(entry.status, start, end, style.width)
        if mark is not None:  # as on the map: the shape tells the status, not colour alone
            painter.fillPath(mark, QColor(style.colour))


def _mark_sample(
    painter: QPainter, entry: LegendEntry, x: float, y: float, theme: CanvasTheme
) -> None:
    """A small sample of an overlay's mark, drawn as the overlay draws it on the map."""
    colour = QColor(entry.colour)
    if entry.mark == "fade":  # a faded box as this theme draws it
        face, _ink = faded_label(entry.colour, theme.background, theme.text, FADED_OPACITY)
        colour = QColor(face)
    if entry.mark in ("badge", "tag"):
        painter.setPen(QPen(QColor("#FFFFFF"), 1.0))
        painter.setBrush(QColor(under_white_text(entry.colour)))
        painter.drawRoundedRect(QRectF(x - 2, y + 5, SWATCH + 6, ROW - 10), 5, 5)
        return
    if entry.mark in ("halo", "hull", "fade"):
        fill = QColor(colour)
        fill.setAlphaF({"halo": 0.28, "hull": 0.12, "fade": 1.0}[entry.mark])  # as on the map
        painter.setPen(
            QPen(qcolor(entry.colour, 0.7), 1.5) if entry.mark != "fade" else Qt.PenStyle.NoPen
        )
        painter.setBrush(fill)
        if entry.mark == "halo":
            painter.drawEllipse(QRectF(x - 1, y + 2, SWATCH + 4, SWATCH + 2))
        else:
            painter.drawRoundedRect(QRectF(x - 2, y + 3, SWATCH + 6, SWATCH), 4, 4)
        return
    if entry.mark == "band":
        pen = QPen(qcolor(entry.colour, 0.35), 9.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x + 2, y + ROW / 2), QPointF(x + SWATCH, y + ROW / 2))
        return
    dashed = entry.line is not None and entry.line.pattern == "dashed"
    painter.setBrush(Qt.BrushStyle.NoBrush)
    ring = QRectF(x - 1, y + 3, SWATCH + 4, SWATCH)
    if entry.mark == "double ring":  # two thin lines, as a single point of failure wears
        painter.setPen(QPen(colour, 1.5))
        painter.drawEllipse(ring)  # the size of a single ring's sample: the text stays clear
        painter.drawEllipse(ring.adjusted(3.5, 3.5, -3.5, -3.5))
        return
    pen = QPen(colour, 2.2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    painter.setPen(pen)
    painter.drawEllipse(ring)


def _heading(painter: QPainter, text: str, x: float, y: float, theme: CanvasTheme) -> float:
    painter.setFont(canvas_font(SMALL_PIXEL_SIZE + 1, bold=True))
    painter.setPen(QColor(theme.text))
    painter.drawText(QRectF(x, y, 600, ROW), Qt.AlignmentFlag.AlignVCenter, text)
    return y + ROW


def _row(painter: QPainter, entry: LegendEntry, x: float, y: float, theme: CanvasTheme) -> float:
    painter.setFont(canvas_font(SMALL_PIXEL_SIZE + 1))
    painter.setPen(QColor(theme.text))
    rect = QRectF(x + SWATCH + 8, y, 600, ROW)
    painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, _row_text(entry))
    return y + ROW


def paint_title(
    painter: QPainter, title: str, rect: QRectF, theme: CanvasTheme, pixel_size: int
) -> None:
    """Draw the map's title in ``rect`` (left-aligned, elided if too long)."""
    font = canvas_font(pixel_size, bold=True)
    text = QFontMetricsF(font).elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(theme.text))
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.restore()
