"""Writing a drawn page to a file: PNG, SVG or PDF bytes, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSizeF
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from sysmap.io.atomic import atomic_write
from sysmap.model.errors import MapFileError

FORMATS = ("png", "svg", "pdf")
PNG_QUALITY = 80
PAGE_WIDTH = 1600.0


class _Sized(Protocol):
    @property
    def size(self) -> QSizeF: ...


class Picture(Protocol):
    """What the writers need of a drawn page (:class:`sysmap.canvas.export.Picture` is one).

    A protocol, so this module, which :mod:`.export` imports, need not import it back.
    """

    @property
    def page(self) -> _Sized: ...

    @property
    def title(self) -> str: ...

    @property
    def subtitle(self) -> str: ...

    def paint(self, painter: QPainter) -> None:
        """Paint the page, in page pixels."""

    def image(self, width: int, transparent: bool) -> QImage:
        """Render the page to an image ``width`` pixels wide."""


def file_target(path: Path | str, fmt: str | None) -> tuple[Path, str]:
    out = Path(path)
    kind = (fmt or out.suffix.lstrip(".")).lower()
    if kind not in FORMATS:
        raise MapFileError(
            str(out),
            f"'{kind}' is not a picture format",
            hint="Use .png, .svg or .pdf.",
            action="write",
        )
    return out, kind


def write(out: Path, kind: str, picture: Picture, width: int, transparent: bool) -> Path:
    if kind == "png":
        data = _png_bytes(picture, width, transparent)
    elif kind == "svg":
        data = _svg_bytes(picture)
    else:
        data = _pdf_bytes(picture)
    atomic_write(out, data, keep_backup=False)
    return out


def _png_bytes(picture: Picture, width: int, transparent: bool) -> bytes:
    return png_of(picture.image(width, transparent))


def png_of(image: QImage) -> bytes:
    """An image as PNG bytes."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Quality 80 is zlib's fast setting: a third of the default's time, files no bigger.
    image.save(buffer, "PNG", PNG_QUALITY)  # type: ignore[call-overload]  # stub says bytes; Qt wants str
    return bytes(buffer.data().data())


def _svg_bytes(picture: Picture) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = picture.page.size.toSize()
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setResolution(96)
    generator.setTitle(picture.title)
    generator.setDescription(picture.subtitle)
    painter = QPainter(generator)
    try:
        picture.paint(painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _pdf_bytes(picture: Picture) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)
    size = picture.page.size
    points = QSizeF(size.width() * 0.75, size.height() * 0.75)  # 96 px = 72 pt
    writer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "sysmap"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(picture.title)
    writer.setCreator("sysmap")
    painter = QPainter(writer)
    try:
        scale = writer.width() / PAGE_WIDTH
        painter.scale(scale, scale)
        picture.paint(painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
