"""Zoom and fit: how much of the map the view shows, and where.

Wheel and keys zoom around a point; Fit shows the whole map as large as the view allows, clear
of the title and the legend (:mod:`sysmap.canvas.fitting` finds the zoom and centre). The
view's scroll area reaches wherever a fit put the map, and a scroll bar shows only while the
map reaches past the view along its side. Each zoom sets the scene's level of detail.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QGraphicsView, QScrollBar

from sysmap.canvas.fitting import fit_around_legend, fit_in
from sysmap.canvas.furniture import MapFurniture
from sysmap.canvas.legend_place import room_beside
from sysmap.canvas.stakeholder_item import StakeholderItem

ZOOM_STEP = 1.25
MAX_ZOOM = 8.0
FIT_MARGIN = 40.0
MAX_FIT_ZOOM = 1.5
"""A tiny map is not blown up beyond comfortable reading."""
MAX_BOXES_CHECKED = 20_000
LEGEND_ROOM = 32.0
"""A legend this much smaller than at the fit (a section gone) gives its room to the map."""


class ZoomAndFit(MapFurniture):
    """Zoom, fit and the scroll bars of a :class:`~sysmap.canvas.view.MapView` (a mixin)."""

    zoom_changed: SignalInstance
    _settle: QTimer
    _fitted: tuple[object, ...] | None
    """The transform and scroll a whole-map fit left (a resize then fits again)."""
    _fitted_map: int
    """Which map (its ``id``) was last fitted: a big map's items wait for that frame."""
    _reach: QRectF
    """What the last fit showed (scene coordinates): the view may scroll there."""
    _reach_scale: float
    _extent: QRectF | None
    """The map's rectangle (scene coordinates), measured when a scroll bar's need is asked."""
    _fit_legend: QRectF
    """The legend's box (viewport pixels) the last whole-map fit kept the map clear of."""
    _bars_check: QTimer
    """Asks the scroll bars' need again once the edits pause (an edit can move the map)."""

    def zoom_level(self) -> float:
        """Current zoom: 1.0 is 100 %."""
        return float(self.transform().m11())

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
        self._fit_legend = self._legend_box()

    def _where(self) -> tuple[object, ...]:
        return (
            self.transform(),
            self.horizontalScrollBar().value(),
            self.verticalScrollBar().value(),
        )

    def _legend_resized(self) -> None:
        """Fit again if, at the whole-map fit, the legend has grown over a stakeholder.

        Showing a finding adds a section to the legend, an edit a row; the map was fitted
        around the legend as it was. A legend that shrank by a section gives its room back.
        Runs from a timer after the change: a row more or less (a count's digits) that covers
        no one leaves the map where it is.
        """
        if self._fitted is None or self._fitted != self._where():
            return
        now, then = self._legend_box(), self._fit_legend
        if now == then:
            return
        shrank = (
            then.height() - now.height() > LEGEND_ROOM or then.width() - now.width() > LEGEND_ROOM
        )
        if shrank or self._anyone_under(now):
            self.fit_map()

    def _anyone_under(self, rect: QRectF) -> bool:
        """Whether a stakeholder's box shows under ``rect`` (viewport pixels)."""
        if rect.isEmpty():
            return False
        area = self.mapToScene(rect.toAlignedRect()).boundingRect()
        return any(isinstance(item, StakeholderItem) for item in self._scene.items(area))

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
        self._first_tags = None
        self._overlay_tags = None
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        self._scene.set_view_scale(self.zoom_level(), visible)
        self._scene.state.moving = True
        self._settle.start()

    def _settled(self) -> None:
        self._scene.state.moving = False
        self.viewport().update()

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
        """Show or hide a bar with nothing on screen moving (the view grows or shrinks).

        The bar's side is its orientation (not whether it is the very Python object that
        ``horizontalScrollBar()`` returned, which a wrapper need not be).
        """
        horizontal = bar.orientation() == Qt.Orientation.Horizontal
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
        self._bars_check.start()

    def _check_bars_after_edits(self) -> None:
        """Show the bars again if the edits took the map past the view (hide them if back).

        Runs from a timer once the edits pause: measuring the map walks every stakeholder,
        which an edit itself must not do.
        """
        if self._scene.system_map.stakeholder_count:
            self._show_bars_as_needed()
