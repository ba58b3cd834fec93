"""Map furniture: the title, the legend, the name tags and the overlay's tags, drawn in the
view's own pixels.

Drawn over the map rather than in it, they stay readable and in place at any zoom. Where the
legend and title go is worked out in :mod:`sysmap.canvas.legend_place`, the mouse on the
legend in :mod:`sysmap.canvas.legend_grip`, and where name tags go in
:mod:`sysmap.canvas.name_tags`; :class:`MapFurniture` gives :class:`~sysmap.canvas.view.MapView`
their boxes in viewport pixels, the repaints an edit needs, and the painting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView

from sysmap.canvas.legend import paint_title
from sysmap.canvas.legend_grip import LegendGrip
from sysmap.canvas.legend_place import (
    LegendBox,
    legend_box,
    paint_box,
    paint_title_backing,
    title_room,
    title_size,
)
from sysmap.canvas.name_tags import Candidate, NameTag, paint_tags, place_tags
from sysmap.canvas.scene import MapScene
from sysmap.canvas.screen_tags import (
    ScreenTags,
    box_array,
    in_view,
    paint_screen_tags,
    plan_screen_tags,
)
from sysmap.canvas.theme import TITLE_PIXEL_SIZE

MAX_TAGGED = 1000
"""Maps with more stakeholders get no name tags when zoomed out (the overview shows groups)."""

if TYPE_CHECKING:
    _ViewBase = QGraphicsView
else:
    _ViewBase = object  # a mixin: MapView brings the QGraphicsView


class MapFurniture(_ViewBase):
    """The title, legend and name tags of a :class:`~sysmap.canvas.view.MapView` (a mixin)."""

    _scene: MapScene
    _grip: LegendGrip
    _legend_visible: bool
    _title_visible: bool
    _legend_rect: QRectF
    """Where the legend was last painted (an edit repaints there and where it goes)."""
    _tags: list[NameTag] | None
    """The name tags placed for the view as it is (placed again after a zoom or an edit)."""
    _first_tags: list[NameTag] | None = None
    """The names of the stakeholders the finding shown is about, placed before the overlay's
    tags (likewise; see :meth:`_highlighted_names`)."""
    _overlay_tags: ScreenTags | None = None
    """The overlay's tags placed for the view as it is (likewise; see :mod:`.screen_tags`)."""
    _box_array: np.ndarray | None = None
    """Every stakeholder's box (scene coordinates) while the map is unchanged: a pan or a
    zoom places the overlay's tags again without walking the stakeholders."""

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the on-screen legend."""
        self._legend_visible = visible
        self.viewport().update()

    def set_title_visible(self, visible: bool) -> None:
        """Show or hide the map's title in the top-left corner."""
        self._title_visible = visible
        self.viewport().update()

    def _repaint(self) -> None:
        self.viewport().update()

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

    def _title_box(self) -> QRectF:
        """The title's box: the top row, short of a legend in the top-right corner."""
        return title_room(QRectF(self.viewport().rect()), TITLE_PIXEL_SIZE + 12, self._legend_box())

    def title_pixel_size(self) -> int:
        """The title's type size: smaller for a long title, so that it is seldom shortened."""
        title = self._scene.system_map.title
        return title_size(title, self._title_box().width(), TITLE_PIXEL_SIZE)

    def name_tags(self) -> list[NameTag]:
        """The names written under stakeholders while labels are too small (for tests)."""
        return self._name_tags() if self._scene.detail_level() == "shapes" else []

    def _name_tags(self) -> list[NameTag]:
        if self._tags is None:
            self._tags = self._place_tags()
        return self._tags

    def _place_tags(self) -> list[NameTag]:
        candidates = self._candidates()
        if not candidates:
            return []
        viewport = QRectF(self.viewport().rect())
        blocked = [*self._furniture_boxes(), *(t.rect for t in self.overlay_tags().placed)]
        return place_tags(candidates, blocked, viewport, kept=self._highlighted_names())

    def _highlighted_names(self) -> list[NameTag]:
        """The names of the stakeholders a finding shown is about (ringed, badged, at a
        suggested link's end), each where it would be with no finding's tags: placed before
        those tags, which then go round them (placed after them, such a name was often
        pushed to a second-choice spot, by its own ring's tag among others)."""
        if self._first_tags is None:
            overlay = self._scene.overlay
            about = overlay.marked_stakeholders() if overlay is not None else frozenset()
            candidates = self._candidates() if about and self._tags_in_use() else []
            self._first_tags = []
            if any(c.ident in about for c in candidates):
                viewport = QRectF(self.viewport().rect())
                furniture = self._furniture_boxes()
                self._first_tags = place_tags(candidates, furniture, viewport, only=about)
        return self._first_tags

    def _candidates(self) -> list[Candidate]:
        """Every stakeholder that could be named in the view as it is (viewport pixels)."""
        items = self._scene.items_model.stakeholders
        if len(items) > MAX_TAGGED:
            return []
        viewport = QRectF(self.viewport().rect())
        graph = self._scene.system_map.network()
        state = self._scene.state
        editor = self._scene.label_editor()
        naming = editor.stakeholder_id if editor is not None else None  # its name is typed
        candidates = []
        for node_id, item in items.items():
            if node_id == naming:
                continue
            emphasis = state.stakeholder_emphasis(node_id)
            shape = item.mapRectToScene(item.box_rect())  # the shape, not its hover margin
            box = QRectF(self.mapFromScene(shape).boundingRect())
            if emphasis >= 0 and box.intersects(viewport):  # a finding's faded ones: unnamed
                ties, first = graph.degree(node_id), emphasis > 0
                candidates.append(Candidate(item.label, box, ties, first, item.short_name, node_id))
        return candidates

    def _furniture_boxes(self) -> list[QRectF]:
        """The legend's and the title's boxes, where shown (viewport pixels)."""
        blocked = [self._legend_box()]
        if self._title_visible and self._scene.system_map.title:
            blocked.append(self._title_box())
        return [b for b in blocked if not b.isEmpty()]

    def overlay_tags(self) -> ScreenTags:
        """The tags of the finding shown, as the view writes them now (placed after the
        highlighted stakeholders' names, before the others': see :meth:`_highlighted_names`)."""
        if self._overlay_tags is None:
            self._overlay_tags = self._place_overlay_tags()
        return self._overlay_tags

    def _place_overlay_tags(self) -> ScreenTags:
        marks = self._scene.decorations()
        anchors = [a for m in marks for a in getattr(m, "screen_tags", list)()]
        if not anchors:
            return ScreenTags()
        transform = self.viewportTransform()
        viewport = QRectF(self.viewport().rect())
        covers = self._furniture_boxes()
        if self._box_array is None:
            items = self._scene.items_model.stakeholders.values()
            self._box_array = box_array(i.mapRectToScene(i.box_rect()) for i in items)
        boxes = in_view(self._box_array, transform)
        zoom = transform.m11()
        names = [t.rect for t in self._highlighted_names()]
        return plan_screen_tags(anchors, transform.mapRect, zoom, boxes, viewport, covers, names)

    def _named_by_tag(self, stakeholder_id: str) -> bool:
        """Whether a name tag already names this stakeholder (no hover name is needed)."""
        tags = self._tags if self._scene.detail_level() == "shapes" else None
        return any(tag.ident == stakeholder_id for tag in tags or ())

    def _forget_tags(self, *_changed: object) -> None:
        # Tags sit outside their stakeholders' boxes, which is all an edit repaints, and an
        # edit can add one anywhere (deleting a stakeholder uncovers a neighbour's spot):
        # while tags are in use, the whole view is repainted so none is left behind or out.
        marks = self._overlay_tags is not None and self._overlay_tags.placed
        if self._tags or marks or self._tags_in_use():
            self.viewport().update()
        self._tags = None
        self._first_tags = None
        self._overlay_tags = None
        self._box_array = None

    def _tags_in_use(self) -> bool:
        """Whether names are written in tags now (zoomed out, a map small enough)."""
        items = self._scene.items_model.stakeholders
        return self._scene.detail_level() == "shapes" and len(items) <= MAX_TAGGED

    def _paint_furniture(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """Paint the name tags, the title and the legend where ``rect`` (scene) is exposed."""
        tags = self._name_tags() if self._scene.detail_level() == "shapes" else []
        marks = self.overlay_tags().placed
        if not (self._legend_visible or self._title_visible or tags or marks):
            return
        theme = self._scene.state.theme
        exposed = painter.worldTransform().mapRect(QRectF(rect))
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # A leader reaches outside its tag, into a box: a repaint of the box alone (a move,
        # a selection) must draw it again, or the box's fill leaves it out.
        paint_tags(painter, [t for t in tags if t.extent().intersects(exposed)], theme)
        paint_screen_tags(painter, [t for t in marks if t.extent().intersects(exposed)])
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
