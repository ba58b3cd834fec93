"""MapView: the window onto a map — zoom, pan, fit, level of detail, legend and title.

The legend and title are drawn in the view's own pixels, so they stay readable at any zoom.

One piece (about 620 lines): zoom, pan, fit and the level of detail share the view's
transform, and the legend and title are painted from it. Where the legend and title go is
worked out in :mod:`sysmap.canvas.legend_place`, the mouse on the legend in
:mod:`sysmap.canvas.legend_grip`, and name tags in :mod:`sysmap.canvas.name_tags`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QScrollBar, QWidget

from sysmap.canvas.fitting import fit_around_legend, fit_in
from sysmap.canvas.legend import paint_title
from sysmap.canvas.legend_grip import LegendGrip
from sysmap.canvas.legend_place import (
    LegendBox,
    LegendPlace,
    legend_box,
    paint_box,
    paint_title_backing,
    room_beside,
    title_room,
    title_size,
)
from sysmap.canvas.name_tags import Candidate, NameTag, paint_tags, place_tags
from sysmap.canvas.scene import MapScene
from sysmap.canvas.theme import TITLE_PIXEL_SIZE, qcolor, theme_from_palette
from sysmap.canvas.title_editor import TitleEditor

ZOOM_STEP = 1.25
MAX_ZOOM = 8.0
FIT_MARGIN = 40.0
MAX_FIT_ZOOM = 1.5
"""A tiny map is not blown up beyond comfortable reading."""
MAX_BOXES_CHECKED = 20_000
MAX_TAGGED = 1000
"""Maps with more stakeholders get no name tags when zoomed out (the overview shows groups)."""
SETTLE_MS = 180
"""The view counts as still this long after the last pan or zoom."""
REFIT_STEP = 32
"""A fitted view fits again when it changes size by more than this (not a scroll bar's)."""
FOCUS_FRAME_WIDTH = 3
"""Pixels of the frame drawn round the map while it has the keyboard focus."""


_T = TypeVar("_T")


class MapView(QGraphicsView):
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
        self._scene.legend_changed.connect(self._legend_changed)
        self._scene.title_changed.connect(self._title_changed)
        self._scene.drawing_changed.connect(self._forget_tags)
        self._scene.named_by_tag = self._named_by_tag
        self._scene.items_made.connect(self._update_detail)  # out of the first frame's sketch
        self._reach = QRectF()
        self._reach_scale = 1.0
        """What the last fit showed (scene coordinates): the view may scroll there."""
        self._scene.sceneRectChanged.connect(self._reach_scene)
        self._extent: QRectF | None = None
        """The map's rectangle (scene coordinates), measured when a scroll bar's need is asked."""
        self._scene.drawing_changed.connect(self._forget_extent)
        self._fitted_map = 0
        """Which map (its ``id``) was last fitted: a big map's items wait for that frame."""
        self._apply_palette()

    # ------------------------------------------------------------------ basics
    def map_scene(self) -> MapScene:
        """The scene shown."""
        return self._scene

    def zoom_level(self) -> float:
        """Current zoom: 1.0 is 100 %."""
        return float(self.transform().m11())

    def level_of_detail(self) -> str:
        """``"full"``, ``"shapes"`` or ``"overview"``."""
        return self._scene.detail_level()

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the on-screen legend."""
        self._legend_visible = visible
        self.viewport().update()

    def set_title_visible(self, visible: bool) -> None:
        """Show or hide the map's title in the top-left corner."""
        self._title_visible = visible
        self.viewport().update()

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

    def _repaint(self) -> None:
        self.viewport().update()

    # ------------------------------------------------------------------ zoom
    def zoom_by(self, factor: float, anchor_view_pos: QPointF | None = None) -> None:
        """Zoom by ``factor`` around a viewport point (the centre if not given)."""
        current = self.zoom_level()
        target = min(MAX_ZOOM, max(self._min_zoom(), current * factor))
        if abs(target - current) < 1e-9:
            return
        anchor = (
            anchor_view_pos
            if anchor_view_pos is not None
            else QPointF(self.viewport().rect().center())
        )
        before = self.mapToScene(anchor.toPoint())
        old_anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        scale = target / current
        self.scale(scale, scale)
        after = self.mapToScene(anchor.toPoint())
        delta = after - before
        self.translate(delta.x(), delta.y())
        self.setTransformationAnchor(old_anchor)
        self._zoomed()

    def zoom_in(self) -> None:
        """Zoom in one step around the centre."""
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        """Zoom out one step around the centre."""
        self.zoom_by(1 / ZOOM_STEP)

    def reset_zoom(self) -> None:
        """Show the map at 100 %, keeping the centre."""
        self.zoom_by(1.0 / self.zoom_level())

    def fit_map(self) -> None:
        """Fit the whole map in the view (and again whenever the view changes size)."""
        # The fit fills the view with no scroll bars, which it then has no need of.
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            self._set_bar_policy(bar, Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._extent = self._scene.map_rect()
        self._fit(self._extent)
        self._fitted = self._where()

    def _show_bars_as_needed(self, hide: bool = True) -> None:
        """Show a scroll bar only while the map reaches past the view along its side.

        The view can scroll well past the map (a margin to pan into), so Qt's own rule
        would show both bars at every fit, saying there is more map to see when there is
        not. A bar is hidden while the whole map is in sight along its side; hiding it
        only widens the view, so the map stays in sight and the choice does not flicker.
        While panning (``hide`` false) a bar may come but does not go: the view under the
        hand does not change size.
        """
        if self._extent is None:
            self._extent = self._scene.map_rect()
        shown = QRectF(self.mapFromScene(self._extent).boundingRect())
        view = QRectF(self.viewport().rect())
        if shown.isEmpty():
            return
        off, needed = Qt.ScrollBarPolicy.ScrollBarAlwaysOff, Qt.ScrollBarPolicy.ScrollBarAsNeeded
        inside_x = shown.left() >= view.left() and shown.right() <= view.right()
        inside_y = shown.top() >= view.top() and shown.bottom() <= view.bottom()
        if hide or not inside_x:
            self._set_bar_policy(self.horizontalScrollBar(), off if inside_x else needed)
        if hide or not inside_y:
            self._set_bar_policy(self.verticalScrollBar(), off if inside_y else needed)

    def _set_bar_policy(self, bar: QScrollBar, policy: Qt.ScrollBarPolicy) -> None:
        """Show or hide a bar with nothing on screen moving (the view grows or shrinks)."""
        horizontal = bar is self.horizontalScrollBar()
        now = self.horizontalScrollBarPolicy() if horizontal else self.verticalScrollBarPolicy()
        if now == policy:
            return
        corner = self.mapToScene(QPoint(0, 0))  # Qt would keep the centre: the map would jump
        if horizontal:
            self.setHorizontalScrollBarPolicy(policy)
        else:
            self.setVerticalScrollBarPolicy(policy)
        moved = self.mapFromScene(corner)
        for axis_bar, step in (
            (self.horizontalScrollBar(), moved.x()),
            (self.verticalScrollBar(), moved.y()),
        ):
            if step:
                axis_bar.setValue(axis_bar.value() + step)

    def _forget_extent(self) -> None:
        self._extent = None  # measured again when next needed (an edit must stay cheap)

    def _where(self) -> tuple[object, ...]:
        return (
            self.transform(),
            self.horizontalScrollBar().value(),
            self.verticalScrollBar().value(),
        )

    def _refit_if_fitted(self) -> None:
        """Fit again if the view still shows the whole-map fit (a panel opened or closed)."""
        if self._fitted is not None and self._fitted == self._where():
            self.fit_map()

    def zoom_to_selection(self) -> None:
        """Fit the selected items (or the whole map when nothing is selected)."""
        rect = QRectF()
        for item in self._scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        self._fit(rect if not rect.isNull() else self._scene.map_rect())

    def fit_rect(self, rect: QRectF) -> None:
        """Fit a part of the map (scene coordinates), such as what an overlay shows."""
        self._fit(rect)

    def _fit(self, rect: QRectF) -> None:
        self._fitted_map = id(self._scene.system_map)  # fitted, or too small a view to fit
        if rect.isNull() or rect.isEmpty():
            return
        full, strip = self._free_areas()
        if strip.width() <= 2 * FIT_MARGIN or strip.height() <= 2 * FIT_MARGIN:
            return
        viewport = QRectF(self.viewport().rect())
        if strip == full:
            fit = fit_in(rect, full, viewport, FIT_MARGIN, MAX_FIT_ZOOM)
        else:  # the legend's corner is free for stakeholders only where none would land
            boxes = self._stakeholder_boxes()
            fit = fit_around_legend(
                rect, boxes, full, strip, self._legend_box(), viewport, FIT_MARGIN, MAX_FIT_ZOOM
            )
        self.resetTransform()
        self.scale(fit.scale, fit.scale)
        half_w, half_h = viewport.width() / 2 / fit.scale, viewport.height() / 2 / fit.scale
        self._reach = QRectF(
            fit.centre.x() - half_w, fit.centre.y() - half_h, 2 * half_w, 2 * half_h
        )
        self._reach_scale = fit.scale
        self._reach_scene()
        self.centerOn(fit.centre)
        self._zoomed()

    def _reach_scene(self) -> None:
        """Let the view scroll over the scene and wherever the last fit put the viewport.

        A view cannot scroll past its scene rect, so a fit that puts the map off centre (to
        clear the legend) near the scene's edge would be pulled back under the legend. Only
        the view's rect grows: the scene's own rect, and so its item index, stay the map's.
        At the fit, a side along which the scene fits in the viewport is the viewport's
        span exactly, so reaching off centre brings up no scroll bar.
        """
        scene, reach = self._scene.sceneRect(), self._reach
        if reach.isNull() or scene.contains(reach):
            self.setSceneRect(scene)
            return
        rect = scene.united(reach)
        if abs(self.transform().m11() - self._reach_scale) < 1e-9 * self._reach_scale:
            if scene.width() <= reach.width():
                rect.setLeft(reach.left())
                rect.setRight(reach.right())
            if scene.height() <= reach.height():
                rect.setTop(reach.top())
                rect.setBottom(reach.bottom())
        self.setSceneRect(rect)

    def _stakeholder_boxes(self) -> np.ndarray:
        if self._scene.system_map.stakeholder_count > MAX_BOXES_CHECKED:
            return np.zeros((0, 4))  # a national map: the strip beside the legend, no search
        return self._scene.stakeholder_boxes()

    def _free_areas(self) -> tuple[QRectF, QRectF]:
        """The viewport below the title, and the part of that beside the legend."""
        full = QRectF(self.viewport().rect())
        if self._title_visible and self._scene.system_map.title:
            full.setTop(self._title_box().bottom())
        legend = self._legend_box()
        rect = self._scene.map_rect()
        viewport = QRectF(self.viewport().rect())
        rooms = [r for r in room_beside(full, legend) if r.width() > 0 and r.height() > 0]
        if rect.isEmpty() or not rooms:
            return full, rooms[0] if rooms else full
        # The room beside the legend, or above or below it, whichever shows the map largest.
        strip = max(rooms, key=lambda r: fit_in(rect, r, viewport, FIT_MARGIN, 1e9).scale)
        return full, strip

    def _min_zoom(self) -> float:
        rect = self._scene.map_rect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return 0.05
        fit = min(view.width() / rect.width(), view.height() / rect.height())
        return min(0.1, fit / 2)

    def _zoomed(self) -> None:
        self._reach_scene()
        self._show_bars_as_needed()
        self._update_detail()
        self.zoom_changed.emit(self.zoom_level())

    def _update_detail(self) -> None:
        self._tags = None
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        self._scene.set_view_scale(self.zoom_level(), visible)
        self._scene.state.moving = True
        self._settle.start()

    def _settled(self) -> None:
        self._scene.state.moving = False
        self.viewport().update()

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

    def _legend_changed(self) -> None:
        # Only the legend's corner is repainted: an edit must not cost a whole frame.
        old = self._legend_rect
        new = self._legend_box()
        self.viewport().update(old.united(new).toAlignedRect().adjusted(-2, -2, 2, 2))
        if old.width() != new.width():  # the title takes the width the legend leaves
            row = self._title_box().adjusted(-2, -2, 2, 2)
            self.viewport().update(QRect(0, 0, self.viewport().width(), int(row.bottom()) + 1))

    def _title_changed(self) -> None:
        # The title is drawn in the view's pixels, which no scene item's repaint reaches.
        self.viewport().update(self._title_box().toAlignedRect().adjusted(-2, -2, 2, 2))

    def _legend_box(self) -> QRectF:
        """Where the legend is drawn, in viewport pixels (empty when there is none)."""
        return self._legend_layout().rect

    def _legend_layout(self) -> LegendBox:
        legend = self._scene.legend()
        if not self._legend_visible or legend.empty:
            return LegendBox(QRectF(), "open")
        top = TITLE_PIXEL_SIZE + 20 if self._title_shown() else 0.0
        return legend_box(legend, QRectF(self.viewport().rect()), top, self._grip.place)

    def _title_shown(self) -> bool:
        return self._title_visible and bool(self._scene.system_map.title)

    def name_tags(self) -> list[NameTag]:
        """The names written under stakeholders while labels are too small (for tests)."""
        return self._name_tags() if self._scene.detail_level() == "shapes" else []

    def _name_tags(self) -> list[NameTag]:
        if self._tags is None:
            self._tags = self._place_tags()
        return self._tags

    def _place_tags(self) -> list[NameTag]:
        items = self._scene.items_model.stakeholders
        if len(items) > MAX_TAGGED:
            return []
        viewport = QRectF(self.viewport().rect())
        graph = self._scene.system_map.network()
        state = self._scene.state
        candidates = []
        for node_id, item in items.items():
            emphasis = state.stakeholder_emphasis(node_id)
            shape = item.mapRectToScene(item.box_rect())  # the shape, not its hover margin
            box = QRectF(self.mapFromScene(shape).boundingRect())
            if emphasis >= 0 and box.intersects(viewport):  # a finding's faded ones: unnamed
                ties, first = graph.degree(node_id), emphasis > 0
                candidates.append(Candidate(item.label, box, ties, first, item.short_name, node_id))
        blocked = [self._legend_box()]
        if self._title_visible and self._scene.system_map.title:
            blocked.append(self._title_box())
        return place_tags(candidates, [b for b in blocked if not b.isEmpty()], viewport)

    def _named_by_tag(self, stakeholder_id: str) -> bool:
        """Whether a name tag already names this stakeholder (no hover name is needed)."""
        tags = self._tags if self._scene.detail_level() == "shapes" else None
        return any(tag.ident == stakeholder_id for tag in tags or ())

    def _forget_tags(self, *_changed: object) -> None:
        # Tags sit outside their stakeholders' boxes, which is all an edit repaints, and an
        # edit can add one anywhere (deleting a stakeholder uncovers a neighbour's spot):
        # while tags are in use, the whole view is repainted so none is left behind or out.
        if self._tags or self._tags_in_use():
            self.viewport().update()
        self._tags = None

    def _tags_in_use(self) -> bool:
        """Whether names are written in tags now (zoomed out, a map small enough)."""
        items = self._scene.items_model.stakeholders
        return self._scene.detail_level() == "shapes" and len(items) <= MAX_TAGGED

    def _title_box(self) -> QRectF:
        """The title's box: the top row, short of a legend in the top-right corner."""
        return title_room(QRectF(self.viewport().rect()), TITLE_PIXEL_SIZE + 12, self._legend_box())

    def title_pixel_size(self) -> int:
        """The title's type size: smaller for a long title, so that it is seldom shortened."""
        title = self._scene.system_map.title
        return title_size(title, self._title_box().width(), TITLE_PIXEL_SIZE)

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
        tags = self._name_tags() if self._scene.detail_level() == "shapes" else []
        if not (self._legend_visible or self._title_visible or tags):
            return
        theme = self._scene.state.theme
        exposed = painter.worldTransform().mapRect(QRectF(rect))
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_tags(painter, [t for t in tags if t.rect.intersects(exposed)], theme)
        title = self._title_box()
        if self._title_shown() and title.intersects(exposed):
            size = self.title_pixel_size()
            paint_title_backing(painter, self._scene.system_map.title, title, theme, size)
            paint_title(painter, self._scene.system_map.title, title, theme, size)
        box = self._legend_layout()
        if self._grip.dragged_to is not None:  # following the pointer to another corner
            box = LegendBox(self._grip.dragged_to, box.mode)
        self._legend_rect = box.rect
        if not box.rect.isEmpty() and box.rect.intersects(exposed):
            paint_box(painter, self._scene.legend(), box, theme)
        painter.restore()


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
