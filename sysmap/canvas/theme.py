"""Colours and fonts of the canvas, for light and dark desktops and for exported pictures.

The map's own colours (sector fills, relationship styles) come from :mod:`sysmap.model.style`
and read on either background. What changes with the desktop is the paper: background, the
text drawn straight on it (guides, legend, title) and the neutral lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPalette

from sysmap.model.style import DARK_PAPER, LIGHT_PAPER, STATUS_STYLES, LineStyle

LABEL_PIXEL_SIZE = 12
"""Stakeholder labels are 12 px at 100 % zoom (the estimate in ``sysmap.model.style``)."""
SMALL_PIXEL_SIZE = 11
TITLE_PIXEL_SIZE = 20


@dataclass(frozen=True)
class CanvasTheme:
    """The paper the map is drawn on.

    Parameters
    ----------
    background : str
        Canvas colour.
    text : str
        Text drawn on the background (legend, guide labels, title).
    muted : str
        Secondary text and guide outlines.
    guide_fill : str
        Fill of guide boxes and rings (very light, behind everything).
    outline : str
        Outline of stakeholder shapes.
    selection : str
        Selection highlight.
    panel : str
        Background of the legend and of relationship labels.
    dark : bool
        Whether this is a dark theme (lightens the grey relationship lines).
    """

    background: str
    text: str
    muted: str
    guide_fill: str
    outline: str
    selection: str
    panel: str
    dark: bool = False

    def line_style(self, style: LineStyle) -> LineStyle:
        """Return ``style`` adjusted to read on this background (greys lighten on dark)."""
        if not self.dark or style.colour not in _GREYS:
            return style
        return LineStyle(_GREYS[style.colour], style.pattern, style.width)


_GREYS = {
    STATUS_STYLES["active"].colour: "#B8B8B8",
    STATUS_STYLES["weak"].colour: "#9A9A9A",
}

LIGHT = CanvasTheme(
    background=LIGHT_PAPER.background,
    text=LIGHT_PAPER.text,
    muted=LIGHT_PAPER.muted,
    guide_fill="#F3F4F6",
    outline="#3C3C3C",
    selection="#0B63CE",
    panel="#FFFFFF",
)
DARK = CanvasTheme(
    background=DARK_PAPER.background,
    text=DARK_PAPER.text,
    muted=DARK_PAPER.muted,
    guide_fill="#2A2C30",
    outline="#D9D9D9",  # light on the dark paper: a dark outline there measured 1.15:1
    selection="#6CB4FF",
    panel="#2B2D31",
    dark=True,
)


def theme_from_palette(palette: QPalette) -> CanvasTheme:
    """Pick the light or dark theme to match a widget palette (the desktop's setting)."""
    window = palette.color(QPalette.ColorRole.Window)
    return DARK if window.lightnessF() < 0.5 else LIGHT


def qcolor(colour: str, alpha: float = 1.0) -> QColor:
    """Return a QColor for ``#RRGGBB`` with an opacity between 0 and 1."""
    result = QColor(colour)
    result.setAlphaF(alpha)
    return result


def canvas_font(pixel_size: int = LABEL_PIXEL_SIZE, bold: bool = False) -> QFont:
    """Return the sans-serif font the canvas draws with, sized in pixels.

    Pixel sizes (not points) keep a label the same size on screen and in every export,
    whatever the display's DPI.
    """
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def paint_not_set(painter: QPainter, path: QPainterPath) -> None:
    """Hatch a "Not set" fill: its grey alone is too close to some sector colours for people
    who see colour differently (deuteranopia brings it near Citizens' pink)."""
    painter.save()
    # A pattern brush is laid in device pixels from an origin Qt picks, which is not the same
    # when the widget paints to the screen and when it paints into a picture: pin the hatch
    # to the shape's own corner in view pixels, so it is the same wherever it is drawn.
    transform = painter.transform()
    painter.resetTransform()
    corner = transform.map(path.boundingRect().topLeft())
    painter.setBrushOrigin(QPointF(round(corner.x()), round(corner.y())))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(qcolor(NOT_SET_HATCH, 0.75), Qt.BrushStyle.BDiagPattern))
    painter.drawPath(transform.map(path))
    painter.restore()


NOT_SET_HATCH = "#FFFFFF"
