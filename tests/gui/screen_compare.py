"""What the map view really shows, against what a fresh view of the same map draws.

``viewport().grab()`` repaints the whole widget, so it cannot see a region that was never
repainted. :func:`screen_pixels` reads the window system's own pixels instead: under the
offscreen platform (and under Xvfb with xcb), ``QScreen.grabWindow`` returns the window's
backing store, which changes only where Qt really repainted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model.system_map import SystemMap

CHANNEL_TOLERANCE = 64
"""A pixel differs when a colour channel differs by more than this (of 255).

Antialiased edges of a line cut to a repainted patch can differ by a few levels from the
same line drawn whole; a stale or missing mark differs by far more (text on paper, a line
on paper: 100–255)."""
PIXEL_TOLERANCE = 12
"""At most this many pixels may differ. The smallest mark a stale region could hide is a
short line end or an arrow head (about 20 pixels at 30 %); antialiasing noise at patch
edges measured 0–4 pixels over hundreds of steps."""


def as_array(image: QImage) -> np.ndarray:
    """An image's pixels as a height × width × 4 array of bytes."""
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(height, image.bytesPerLine())[:, : width * 4]
    return rows.reshape(height, width, 4).copy()  # the image's memory goes with it


def screen_pixels(view: MapView) -> np.ndarray:
    """The viewport as the window system holds it (stale where Qt did not repaint)."""
    viewport = view.viewport()
    window = viewport.window()
    corner = viewport.mapTo(window, QPoint(0, 0))
    screen = window.screen() or QGuiApplication.primaryScreen()
    ratio = window.devicePixelRatio()
    pixmap = screen.grabWindow(
        window.winId(), corner.x(), corner.y(), viewport.width(), viewport.height()
    )
    image = pixmap.toImage()
    if ratio != 1.0:
        image = image.scaled(viewport.width(), viewport.height())
    return as_array(image)


@dataclass
class Difference:
    """How far two pictures of the viewport differ."""

    pixels: int
    box: QRect

    @property
    def acceptable(self) -> bool:
        return self.pixels <= PIXEL_TOLERANCE


def difference(a: np.ndarray, b: np.ndarray) -> Difference:
    """The pixels that differ by more than :data:`CHANNEL_TOLERANCE`, and their bounding box."""
    assert a.shape == b.shape, (a.shape, b.shape)
    if np.array_equal(a, b):  # most comparisons: no need to measure
        return Difference(0, QRect())
    far = np.abs(a[..., :3].astype(np.int16) - b[..., :3].astype(np.int16)) > CHANNEL_TOLERANCE
    mask = far.any(axis=2)
    count = int(mask.sum())
    if not count:
        return Difference(0, QRect())
    ys, xs = np.nonzero(mask)
    box = QRect(
        int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
    )
    return Difference(count, box)


class _MirrorView(MapView):
    """A map view that draws the keyboard-focus frame when the live view has the focus.

    The frame is part of what the live view shows (and is repainted incrementally as the
    focus comes and goes), but the fresh view's window never has the focus itself.
    """

    def __init__(self, scene: MapScene, live: MapView) -> None:
        super().__init__(scene)
        self._live = live

    def hasFocus(self) -> bool:
        return self._live.hasFocus()


class FreshView:
    """A second view that draws the map from scratch for each comparison.

    Its scene rebuilds every item (and with them the edge layer, its table and the overview
    picture) from a copy of the map for each step, and its view copies the live view's size,
    zoom, scroll position and settings.
    """

    def __init__(self, live: MapView) -> None:
        self.live = live
        self.scene = MapScene()
        self.view = _MirrorView(self.scene, live)
        # Laid out as a shown window, but never on screen: it neither takes the focus from
        # the live window nor paints frames of its own between comparisons.
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)

    def pixels(self, system_map: SystemMap, rebuild: bool = True) -> np.ndarray:
        """The map drawn by the rebuilt scene, seen as the live view sees it.

        ``rebuild=False`` keeps the items built by the previous call (the map has not
        changed since: the same step seen at another zoom).
        """
        live, live_scene = self.live, self.live.map_scene()
        scene, view = self.scene, self.view
        if rebuild:
            scene.set_map(system_map.copy())
        scene.colour_by(live_scene.colour_attribute)
        scene.set_theme(live_scene.state.theme)
        scene.set_guides(live_scene.guides)
        scene.set_overlay(live_scene.overlay)  # an analysis may have highlighted a finding
        # View options the window remembers between runs (an earlier test may have set them).
        scene.set_relation_labels_visible(live_scene.state.relation_labels)
        scene.select(live_scene.selected_stakeholder_ids(), live_scene.selected_relationship_ids())
        view.setPalette(live.palette())
        view.set_legend_visible(live._legend_visible)
        view.set_title_visible(live._title_visible)
        view.setHorizontalScrollBarPolicy(live.horizontalScrollBarPolicy())
        view.setVerticalScrollBarPolicy(live.verticalScrollBarPolicy())
        if view.size() != live.size() or not view.isVisible():
            view.resize(live.size())
            view.show()
            QApplication.processEvents()
        # The same scrollable area, zoom and scroll position: the same mapping to pixels.
        view.setSceneRect(live.sceneRect())  # the view's own scroll area (it reaches the fit)
        view.setTransform(live.transform())
        view.horizontalScrollBar().setValue(live.horizontalScrollBar().value())
        view.verticalScrollBar().setValue(live.verticalScrollBar().value())
        assert view.viewport().size() == live.viewport().size()
        assert view.mapFromScene(0.0, 0.0) == live.mapFromScene(0.0, 0.0)
        view._update_detail()
        view._settle.stop()
        scene.state.moving = False
        return as_array(view.viewport().grab().toImage())

    def close(self) -> None:
        """Put the second view away."""
        self.view.hide()
        self.scene.close()
        self.view.deleteLater()
