"""Icons and the stylesheet, read from sysmap's ``resources`` folder, in the system's colours.

The icons are line drawings in ``currentColor``; each is drawn in the palette's text colour,
so they read on light and dark themes alike. The stylesheet refers to palette roles
(``palette(mid)``), never to fixed light colours.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from sysmap._data import data_dir
from sysmap.model.colour_vision import contrast_ratio

ICON_SIZES = (16, 20, 24, 32, 48, 64)


def resources_dir() -> Path:
    """The folder holding ``icons/`` and ``sysmap.qss``."""
    return data_dir("resources")


def icon_path(name: str) -> Path:
    """The SVG file of the icon called ``name``."""
    return resources_dir() / "icons" / f"{name}.svg"


def _text_colours() -> tuple[str, str]:
    """The palette's text colour, and the one it uses for disabled text."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return "#202020", "#A0A0A0"
    palette = app.palette()
    normal = palette.color(QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if disabled == normal:  # some palettes leave it unset: fade towards the background
        back = palette.color(QPalette.ColorRole.Window)
        disabled = QColor(
            (normal.red() + back.red() * 2) // 3,
            (normal.green() + back.green() * 2) // 3,
            (normal.blue() + back.blue() * 2) // 3,
        )
    return normal.name(), disabled.name()


def icon(name: str) -> QIcon:
    """The icon called ``name``, drawn in the current palette's text colours.

    Disabled actions get the palette's disabled text colour, so they look disabled on light
    and dark themes alike. An unknown name gives an empty icon rather than an error: a
    missing picture must never stop the app.
    """
    return _icon(name, *_text_colours())


@cache
def _icon(name: str, colour: str, disabled: str) -> QIcon:
    path = icon_path(name)
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    result = QIcon()
    for mode, tint in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
        renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", tint).encode("utf-8")))
        for size in ICON_SIZES:
            result.addPixmap(_draw(renderer, size), mode)
    return result


def _draw(renderer: QSvgRenderer, size: int) -> QPixmap:
    ratio = _device_pixel_ratio()
    pixels = round(size * ratio)
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _device_pixel_ratio() -> float:
    app = QGuiApplication.instance()
    screen = app.primaryScreen() if isinstance(app, QGuiApplication) else None
    return max(1.0, float(screen.devicePixelRatio())) if screen is not None else 1.0


def app_icon() -> QIcon:
    """The application's own icon (in its own colours)."""
    path = icon_path("sysmap")
    return QIcon(str(path)) if path.is_file() else QIcon()


def stylesheet() -> str:
    """The app's stylesheet, or an empty one if the file is missing."""
    path = resources_dir() / "sysmap.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def clear_icon_cache() -> None:
    """Forget drawn icons (after the system switches between light and dark)."""
    _icon.cache_clear()


def mute(widget: QWidget) -> None:
    """Draw a widget's text half way between text and background: for hints and captions."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mixed = QColor(
        (text.red() * 3 + back.red() * 2) // 5,
        (text.green() * 3 + back.green() * 2) // 5,
        (text.blue() * 3 + back.blue() * 2) // 5,
    )
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, mixed)
    widget.setPalette(palette)


def readable_highlight(palette: QPalette) -> QPalette:
    """``palette`` with its highlight darkened or lightened until the chosen item's text reads
    on it at 4.5:1 (Fusion's light blue gives white text 3.7:1) and it stands 3:1 from the
    window (the As is / To be toggle and focus borders use it)."""
    result = QPalette(palette)
    roles = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = result.color(group, roles.HighlightedText).name()
        window = result.color(group, roles.Window).name()
        colour = result.color(group, roles.Highlight)
        towards = QColor("#000000") if QColor(text).lightnessF() > 0.5 else QColor("#FFFFFF")
        for _ in range(40):
            name = colour.name()
            if contrast_ratio(text, name) >= 4.5 and contrast_ratio(name, window) >= 3.0:
                break
            colour = QColor(
                round(colour.red() * 0.95 + towards.red() * 0.05),
                round(colour.green() * 0.95 + towards.green() * 0.05),
                round(colour.blue() * 0.95 + towards.blue() * 0.05),
            )
        result.setColor(group, roles.Highlight, colour)
    return result
