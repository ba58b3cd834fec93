"""MapView: the window onto a map — pan, the mouse and keys, focus, and the pieces it joins.

The view is made of three parts an analyst would recognise: :mod:`sysmap.canvas.furniture`
(the title, the legend and the name tags, drawn in the view's own pixels so they stay
readable at any zoom), :mod:`sysmap.canvas.zoom_and_fit` (zoom, fit, the scroll bars and the
level of detail), and this module, which pans, takes the mouse and keys, edits the title in
place and draws the keyboard-focus frame.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget

from sysmap.canvas.legend_grip import LegendGrip
from sysmap.canvas.legend_place import LegendPlace
from sysmap.canvas.name_tags import NameTag
from sysmap.canvas.scene import MapScene
from sysmap.canvas.theme import qcolor, theme_from_palette
from sysmap.canvas.title_editor import TitleEditor
from sysmap.canvas.zoom_and_fit import ZOOM_STEP, ZoomAndFit

SETTLE_MS = 180
"""The view counts as still this long after the last pan or zoom."""
REFIT_STEP = 32
"""A fitted view fits again when it changes size by more than this (not a scroll bar's)."""
BARS_CHECK_MS = 250
"""How long after the last edit the scroll bars' need is measured again."""
FOCUS_FRAME_WIDTH = 3
"""Pixels of the frame drawn round the map while it has the keyboard focus."""


_T = TypeVar("_T")


class MapView(ZoomAndFit, QGraphicsView):
    """Shows a :class:`MapScene`.

    Wheel zooms around the cursor; middle-drag or Space+drag pans; left-drag on empty canvas
    draws a selection rubber band.

    Parameters
    ----------
    scene : MapScene, optional
        The map to show (an empty one if not given).
    parent : QWidget, optional
        Qt parent.
    """

    _fitted: tuple[object, ...] | None = None
    """The transform and scroll a whole-map fit left (a resize then fits again)."""
    zoom_changed = Signal(float)
    title_edited = Signal(str)
    """The user typed a new map title in place (the GUI makes it an undo step)."""
    legend_placed = Signal(object)
    """The user folded, opened or moved the legend (a :class:`LegendPlace`, to remember)."""

    def __init__(self, scene: MapScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = scene if scene is not None else MapScene()
        self.setScene(self._scene)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(
            QGraphicsView.OptimizationFlag.DontSavePainterState
            | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing
        )
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setAccessibleName("Map canvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._legend_visible = True
        self._title_visible = True
        self._space_held = False
        self._pan_from: QPoint | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._legend_rect = QRectF()
        self._grip = _grip_for(self)
        self._fitted = None
        self._tags: list[NameTag] | None = None
        self._first_tags = None
        self._overlay_tags = None
        self._scene.state.tags_in_view = True  # written at screen size (see furniture)
        self._scene.legend_changed.connect(self._legend_changed)
        self._scene.title_changed.connect(self._title_changed)
        self._scene.drawing_changed.connect(self._forget_tags)
        self._scene.named_by_tag = self._named_by_tag
        self._scene.items_made.connect(self._update_detail)  # out of the first frame's sketch
        self._scene.items_made.connect(self._forget_tags)  # new boxes: tags placed again
        self._reach = QRectF()
        self._reach_scale = 1.0
        """What the last fit showed (scene coordinates): the view may scroll there."""
        self._scene.sceneRectChanged.connect(self._reach_scene)
        self._extent: QRectF | None = None
        """The map's rectangle (scene coordinates), measured when a scroll bar's need is asked."""
        self._fit_legend = QRectF()
        self._legend_check = QTimer(self)
        self._legend_check.setSingleShot(True)
        self._legend_check.setInterval(0)  # after the edit's frame, not in it
        self._legend_check.timeout.connect(self._legend_resized)
        self._scene.legend_changed.connect(self._legend_check.start)
        self._bars_check = QTimer(self)
        self._bars_check.setSingleShot(True)
        self._bars_check.setInterval(BARS_CHECK_MS)
        self._bars_check.timeout.connect(self._check_bars_after_edits)
        self._scene.drawing_changed.connect(self._forget_extent)
        self._fitted_map = 0
        """Which map (its ``id``) was last fitted: a big map's items wait for that frame."""
        self._apply_palette()

    # ------------------------------------------------------------------ basics
    def map_scene(self) -> MapScene:
        """The scene shown."""
        return self._scene

    def level_of_detail(self) -> str:
        """``"full"``, ``"shapes"`` or ``"overview"``."""
        return self._scene.detail_level()

    def legend_place(self) -> LegendPlace:
        """The legend's corner and whether it is folded."""
        return self._grip.place

    def set_legend_place(self, place: LegendPlace) -> None:
        """Put the legend in a corner, folded or open (a view preference, not an edit)."""
        self._grip.place = place
        self._refit_if_fitted()
        self.viewport().update()

    def _legend_moved(self, place: LegendPlace) -> None:
        self.set_legend_place(place)
        self.legend_placed.emit(place)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._update_detail()
        self.viewport().update()  # the legend and title are pinned to the viewport

    def resizeEvent(self, event: QResizeEvent) -> None:
        fitted = self._fitted is not None and self._fitted == self._where()
        super().resizeEvent(event)
        self._update_detail()
        if not fitted:
            return
        change = event.size() - event.oldSize()
        if max(abs(change.width()), abs(change.height())) > REFIT_STEP:
            self.fit_map()  # a panel opened or closed, or the window grew
        else:  # a scroll bar came or went: still the fit, and fitting again could loop
            self._fitted = self._where()

    # ------------------------------------------------------------------ mouse and keys
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)  # Shift+wheel scrolls sideways
            self._show_bars_as_needed(hide=False)
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        panning = event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_held
        )
        if panning:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if not self._grip.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            self._show_bars_as_needed(hide=False)
            event.accept()
            return
        if not self._grip.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space_held else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        if not self._grip.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The title is drawn over the map: a double-click on it edits it, and must not add
        # a stakeholder hidden under it.
        if self._title_shown() and self._title_box().contains(event.position()):
            self.edit_title()
            event.accept()
            return
        if self._grip.over(event.position()):  # the first click folded or opened it
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def edit_title(self) -> TitleEditor:
        """Open the in-place title editor; Enter emits :attr:`title_edited`, Esc cancels."""
        box = self._title_box()
        editor = TitleEditor(self.viewport(), box, self._scene.system_map.title, self._title_done)
        editor.show()
        editor.setFocus()
        return editor

    def _title_done(self, text: str, keep: bool) -> None:
        self.setFocus()
        if keep and text and text != self._scene.system_map.title:
            self.title_edited.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self._scene.label_editor() is not None
        if event.key() == Qt.Key.Key_Space and not editing:
            if not event.isAutoRepeat():
                self._space_held = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_held:
            self._space_held = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # ------------------------------------------------------------------ palette and overlays
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        self._scene.set_theme(theme_from_palette(self.palette()))

    def paintEvent(self, event: QPaintEvent) -> None:
        # An edit repaints a few small patches (the stakeholder, the legend's corner) whose
        # bounding box can span the view; the edge layer draws only the lines crossing them.
        state = self._scene.state
        # QRegion iterates over its rectangles (PySide6's stubs do not say so).
        state.repainting = (self.viewport(), tuple(event.region()))  # type: ignore[arg-type]
        try:
            super().paintEvent(event)
        finally:
            state.repainting = (None, ())
        if self._scene.building and self._fitted_map == id(self._scene.system_map):
            self._scene.start_building()  # the map's first frame is up: make its items now

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            # A finding's tag left out for want of room shows while its mark is hovered.
            text = self.overlay_tags().hover_text(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
                return True
        return super().viewportEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._repaint_focus_frame()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._repaint_focus_frame()

    def _repaint_focus_frame(self) -> None:
        # Only the frame's band along the four edges changes.
        rect = self.viewport().rect()
        band = FOCUS_FRAME_WIDTH + 1
        for edge in (
            rect.adjusted(0, 0, 0, band - rect.height()),
            rect.adjusted(0, rect.height() - band, 0, 0),
            rect.adjusted(0, 0, band - rect.width(), 0),
            rect.adjusted(rect.width() - band, 0, 0, 0),
        ):
            self.viewport().update(edge)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if self.hasFocus():
            # The keyboard is on the map: say so with a frame as visible as a focus ring.
            painter.save()
            painter.resetTransform()
            width = FOCUS_FRAME_WIDTH
            pen = QPen(qcolor(self._scene.state.theme.selection), width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = width / 2
            painter.drawRect(QRectF(self.viewport().rect()).adjusted(half, half, -half, -half))
            painter.restore()
        self._paint_furniture(painter, rect)


def _grip_for(view: MapView) -> LegendGrip:
    """The legend's grip, holding its view weakly.

    A grip holding the view's bound methods would make a reference cycle: the garbage
    collector would then empty the view's attributes before Qt destroys the widget, and Qt's
    last resize and scroll calls into the half-gone view would raise.
    """
    ref = weakref.ref(view)

    def call(act: Callable[[MapView], _T], default: _T) -> Callable[[], _T]:
        def run() -> _T:
            alive = ref()
            return act(alive) if alive is not None else default

        return run

    def moved(place: LegendPlace) -> None:
        alive = ref()
        if alive is not None:
            alive._legend_moved(place)

    return LegendGrip(
        call(lambda v: v._legend_box(), QRectF()),
        call(lambda v: QRectF(v.viewport().rect()), QRectF()),
        moved,
        call(lambda v: v._repaint(), None),
    )
