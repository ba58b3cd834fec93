"""Pictures of the example maps for the start page, drawn by the canvas and cached on disk.

A thumbnail is drawn once per example file and sysmap version and kept in the per-user cache
folder; the start page shows a plain map icon until its picture is ready.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

import sysmap
from sysmap.gui.settings import cache_dir
from sysmap.io import Example

THUMBNAIL_WIDTH = 360
THUMBNAIL_ASPECT = 0.6
THUMBNAIL_STYLE = 2  # bump when thumbnails are drawn differently
_log = logging.getLogger(__name__)


def thumbnail_path(example: Example, width: int = THUMBNAIL_WIDTH) -> Path:
    """Where the thumbnail of ``example`` is cached: named after its content and version."""
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(example.path.read_bytes())
    digest.update(f"{sysmap.__version__}:{width}:{THUMBNAIL_STYLE}".encode())
    return cache_dir() / "thumbnails" / f"{example.name}-{digest.hexdigest()[:12]}.png"


def cached_thumbnail(example: Example, width: int = THUMBNAIL_WIDTH) -> Path | None:
    """The cached thumbnail, if it has been drawn already."""
    try:
        path = thumbnail_path(example, width)
    except OSError:
        return None
    return path if path.is_file() else None


def make_thumbnail(example: Example, width: int = THUMBNAIL_WIDTH) -> Path | None:
    """Draw (or reuse) the thumbnail of ``example``; ``None`` if it cannot be drawn.

    A thumbnail is a nicety: any failure is logged and the start page keeps its icon.
    """
    try:
        path = thumbnail_path(example, width)
        if path.is_file():
            return path
        image = _render(example, width)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.png")
        if not image.save(str(tmp)):
            return None
        tmp.replace(path)
        return path
    except Exception:  # a thumbnail must never stop the app from starting
        _log.exception("Could not draw the thumbnail of %s", example.name)
        return None


def _render(example: Example, width: int) -> QImage:
    """The map alone, shapes and lines as the canvas draws them, on a white card.

    At thumbnail size a title and legend would be unreadable, so the scene is drawn bare, at
    the level of detail the canvas uses for a zoomed-out view.
    """
    from sysmap.canvas.scene import MapScene
    from sysmap.workspace import open_map

    system_map = open_map(str(example.path)).map
    scene = MapScene(system_map)
    try:
        source = scene.map_rect().adjusted(-30, -30, 30, 30)
        height = round(width * THUMBNAIL_ASPECT)
        scale = min(width / source.width(), height / source.height())
        scene.set_view_scale(scale, source)
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, QRectF(0, 0, width, height), source)
        painter.end()
        return image
    finally:
        scene.close()
