"""MapScene: the map drawn as Qt graphics items, following the map's change events.

The scene never changes the map. What the user does becomes a signal carrying plain values
(:attr:`MapScene.stakeholders_moved`, :attr:`MapScene.connect_requested`…); the GUI turns
each into an undo command that edits the map; the map's event brings the scene in step.

The scene comes in three layers, each in its own module:
:class:`~sysmap.canvas.scene_items.ItemScene` makes the items (now or in slices), finds
them and selects them; :class:`~sysmap.canvas.scene_input.InputScene` turns mouse and keys
into those signals; :class:`MapScene`, here, follows the map's events and says how the map
looks (colours, legend, theme, guides, analysis overlay, level of detail, hover names).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QWidget

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.guides import GuideItem
from sysmap.canvas.item_build import SlicedBuild
from sysmap.canvas.items import MapItems
from sysmap.canvas.legend import Legend, build_legend
from sysmap.canvas.overlay import Overlay
from sysmap.canvas.overlay_items import OverlayMark, overlay_marks, replan_tags
from sysmap.canvas.overlay_key import overlay_key
from sysmap.canvas.overview import wants_overview
from sysmap.canvas.preview_build import PreviewBuild
from sysmap.canvas.scene_input import InputScene
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import LABEL_LOD
from sysmap.canvas.theme import LIGHT, CanvasTheme, canvas_font, qcolor
from sysmap.layout.result import Guide
from sysmap.model import events as ev
from sysmap.model.system_map import SystemMap

if TYPE_CHECKING:
    from sysmap.io.map_preview import MapPreview


class MapScene(InputScene):
    """A map on a canvas, drawn from a SystemMap and kept in step with its change events.

    Parameters
    ----------
    system_map : SystemMap, optional
        The map to draw (an empty one if not given).
    parent : QObject, optional
        Qt parent.
    """

    hovered_changed = Signal(str)
    title_changed = Signal()
    drawing_changed = Signal()
    """Something drawn changed (an edit, or stakeholders dragged): name tags are placed anew.

    The view listens to this rather than to ``QGraphicsScene.changed``: while anything is
    connected to ``changed``, Qt stops sending items' repaints straight to the views and
    a removed item's patch can be left unpainted (the removed stakeholder stays on screen).
    """

    def __init__(self, system_map: SystemMap | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map = system_map if system_map is not None else SystemMap()
        self._unsubscribe: Callable[[], None] | None = None
        self._colour_attribute = "sector"
        self._guides: list[GuideItem] = []
        self._marks: list[OverlayMark] = []
        self._lod = 1.0
        self._callout = _callout()
        self._callout_shown = False
        self.named_by_tag: Callable[[str], bool] = lambda _id: False
        """Whether a view already writes this stakeholder's name beside it (set by the view)."""
        self.addItem(self._callout)
        self.set_map(self._map)

    # ------------------------------------------------------------------ the map
    @property
    def system_map(self) -> SystemMap:
        """The map shown."""
        return self._map

    def set_map(
        self, system_map: SystemMap, sliced: bool = False, colour_attribute: str | None = None
    ) -> None:
        """Show another map; overlay, guides and selection are cleared.

        ``sliced`` (a big map): the first frame shows the map drawn straight from its data,
        and its items are made in slices after that frame (see
        :mod:`~sysmap.canvas.item_build`); otherwise they are all made now.
        ``colour_attribute``: what fills show (as before if not given).
        """
        self.close()
        self._stop_building()
        self._cancel_interactions()
        self.set_overlay(None)
        self.set_guides(())
        if self.state.hovered or self._callout_shown:
            self.stakeholder_hovered(None, False)  # the old map's name must not stay up
        had_selection = bool(self.selectedItems())
        if self._items is not None:
            # Removing selected items says "selection changed" at once, while listeners
            # already hold the new map: they would look up the old map's ids in it.
            blocked = self.blockSignals(True)
            try:
                self._items.clear()
            finally:
                self.blockSignals(blocked)
        self._map = system_map
        if colour_attribute is not None:
            self._colour_attribute = colour_attribute
        colouring = Colouring(system_map, self._colour_attribute)
        self._items = MapItems(self, system_map, self.state, colouring, self._geometry_changed)
        if sliced:
            self._build = SlicedBuild(self._items, self.state.theme, self._built)
            self._set_interactive(False)
            self._build_later.start()  # built anyway if no view shows it
        else:
            self._items.build(self.breathe)
        self._unsubscribe = system_map.events.subscribe(self._on_event)
        self.legend_changed.emit()
        if had_selection:
            self.selectionChanged.emit()

    def show_preview(self, preview: MapPreview, colour_attribute: str | None = None) -> None:
        """Show the first picture of a map still being read (see :mod:`.preview_build`).

        The scene holds the preview's empty header map meanwhile: nothing can be clicked or
        edited, and :meth:`set_map` with the map itself replaces the picture.
        """
        self.set_map(preview.header, colour_attribute=colour_attribute)
        assert self._items is not None
        self._build = PreviewBuild(self._items, preview, self.state.theme)
        self._set_interactive(False)
        self.legend_changed.emit()

    @property
    def previewing(self) -> bool:
        """Whether the scene shows a map's first picture, the map not there yet."""
        return isinstance(self._build, PreviewBuild)

    def close(self) -> None:
        """Stop following the map's events (call before dropping the scene)."""
        if self._build is not None:  # what is left is made if anything asks for it
            self._build.stop()
            self._build_later.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: ev.MapEvent) -> None:
        if isinstance(event, ev.StakeholderRemoved | ev.RelationshipRemoved):
            self._cancel_interactions()
        self.items_model.apply(event)
        if isinstance(event, ev.StakeholderRemoved) and self.state.hovered == event.stakeholder_id:
            self.stakeholder_hovered(None, False)
        if isinstance(event, ev.StakeholdersMoved):
            self._geometry_changed(event.stakeholder_ids)
        elif isinstance(event, ev.StakeholderAdded | ev.StakeholderRemoved):
            self._geometry_changed(())  # suggested links bend round a newcomer, or unbend
        if not isinstance(event, ev.StakeholdersMoved):
            self.legend_changed.emit()
        if isinstance(event, ev.MapChanged) and "title" in event.fields:
            self.title_changed.emit()
        self.drawing_changed.emit()

    def sync_positions(self, ids: Iterable[str] | None = None) -> None:
        """Put items back where the map says (after the GUI refused a move)."""
        items = self.items_model
        wanted = list(items.stakeholders) if ids is None else list(ids)
        items.apply(ev.StakeholdersMoved(tuple(wanted)))

    def map_rect(self) -> QRectF:
        """The rectangle holding the stakeholders, guides and overlay marks."""
        build = self._build
        assert self._items is not None
        rect = build.extent if build is not None else self._items.map_rect()
        for item in [*self._guides, *self._marks]:
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # ------------------------------------------------------------------ how it looks
    @property
    def colour_attribute(self) -> str:
        """The attribute fills show ("sector" by default)."""
        return self._colour_attribute

    def colour_by(self, attribute: str) -> None:
        """Fill stakeholders by ``attribute``'s value (sector, place, kind or any attribute)."""
        if attribute == self._colour_attribute:
            return
        self._colour_attribute = attribute
        items = self.items_model
        items.colouring = Colouring(self._map, attribute)
        items.restyle()
        self.update()
        self.legend_changed.emit()

    def legend(self) -> Legend:
        """What the legend shows now."""
        counts = self._build if self._build is not None else self._items
        assert counts is not None
        overlay = self.state.overlay
        return build_legend(
            counts.colouring,
            counts.kinds,
            counts.statuses,
            overlay.title if overlay is not None else "",
            counts.pinned,
            overlay_key(overlay) if overlay is not None else (),
        )

    def set_theme(self, theme: CanvasTheme) -> None:
        """Draw on light or dark paper."""
        if theme != self.state.theme:
            self.state.theme = theme
            self.setBackgroundBrush(qcolor(theme.background))
            self.items_model.overview.restyle_all()
            self.items_model.edge_layer.restyled()
            self.update()

    def set_relation_labels_visible(self, visible: bool) -> None:
        """Write every relationship's type on it (otherwise only on hover)."""
        self.state.relation_labels = visible
        self.update()

    @property
    def guides(self) -> tuple[Guide, ...]:
        """The guides drawn behind the map."""
        return tuple(g.guide for g in self._guides)

    def set_guides(self, guides: Sequence[Guide]) -> None:
        """Draw a layout's guides behind the map (replacing any shown); not an edit."""
        for item in self._guides:
            self.removeItem(item)
        self._guides = [GuideItem(g, self.state) for g in guides]
        for item in self._guides:
            self.addItem(item)
            if self._items is not None:
                self._items._grow_scene_rect(item.sceneBoundingRect())

    @property
    def overlay(self) -> Overlay | None:
        """The analysis overlay shown, if any."""
        return self.state.overlay

    def set_overlay(self, overlay: Overlay | None) -> None:
        """Show an analysis overlay, or clear it with ``None``; never an edit."""
        if self._build is not None:
            if overlay is None and self.state.overlay is None:
                return  # nothing to clear on a map still being made
            self.finish_building()
        for mark in self._marks:
            self.removeItem(mark)
        self._marks = []
        self.state.set_overlay(overlay)
        if overlay is not None and self._items is not None:
            self._marks = overlay_marks(overlay, self._items.stakeholders, self.state)
            for mark in self._marks:
                if mark.bends:
                    mark.router = self._items.router
                    mark.refresh()
                self.addItem(mark)
        if self._items is not None:
            self._items.overview.restyle_all()
            self._items.edge_layer.restyled()
        self.update()
        self.legend_changed.emit()
        self.drawing_changed.emit()  # names follow the finding; its marks widen the map

    def decorations(self) -> list[QGraphicsItem]:
        """Guides and overlay marks (drawn with the overview in pictures of big maps)."""
        return [*self._guides, *self._marks]

    def _geometry_changed(self, ids: Iterable[str]) -> None:
        self.drawing_changed.emit()
        if not self._marks:
            return
        moved = set(ids)
        # A mark along lines bends round any stakeholder in its way: it follows every move.
        touched = [mark for mark in self._marks if mark.member_ids & moved or mark.bends]
        for mark in touched:
            mark.refresh()
        if touched and self._items is not None:  # tags clear of the moved stakeholders
            replan_tags(self._marks, self._items.stakeholders.values())

    # ------------------------------------------------------------------ level of detail
    def set_view_scale(self, scale: float, visible: QRectF, overview: bool | None = None) -> str:
        """Choose the level of detail for a view at ``scale`` showing ``visible``; return it.

        Batched overview drawing is used when labels would be unreadable (``scale`` below
        :data:`OVERVIEW_LOD`) and more than :data:`OVERVIEW_ITEMS` items would be painted.
        ``overview`` forces the choice.
        """
        self._lod = scale
        if scale >= LABEL_LOD and self._callout_shown:
            self._show_callout(False)  # names are written on the boxes again
        items = self._items
        assert items is not None
        if self._build is not None:
            overview = True  # the sketch is all there is to draw until the items are made
        elif overview is None:
            box = (visible.left(), visible.top(), visible.right(), visible.bottom())
            nodes = items.grid.count_in(*box)
            per_node = 1 + len(items.relationships) / max(1, len(items.stakeholders))
            overview = wants_overview(scale, nodes * per_node)
        items.set_overview(overview)
        return self.detail_level()

    def current_scale(self) -> float:
        """The zoom the level of detail was last chosen for."""
        return self._lod

    def detail_level(self) -> str:
        """``"full"``, ``"shapes"`` or ``"overview"`` for the last view scale set."""
        if self.state.overview:
            return "overview"
        return "full" if self._lod >= LABEL_LOD else "shapes"

    # ------------------------------------------------------------------ tooltips and hover
    def stakeholder_hovered(self, item: StakeholderItem | None, entered: bool) -> None:
        """Called by items: show the name when labels are hidden, tell the GUI."""
        if entered and item is not None:
            item.setToolTip(self.stakeholder_tooltip(item.stakeholder_id))
            self.state.hovered = item.stakeholder_id
            if self._lod < LABEL_LOD and not self.named_by_tag(item.stakeholder_id):
                self._callout.setText(item.label)
                rect = item.sceneBoundingRect()
                self._callout.setPos(rect.center().x(), rect.top())
                self._show_callout(True)
        else:
            self.state.hovered = ""
            self._show_callout(False)
        self.hovered_changed.emit(self.state.hovered)

    def _show_callout(self, shown: bool) -> None:
        # Tracked here: the view may still ask while the window closes and the item is gone.
        if shown != self._callout_shown:
            self._callout_shown = shown
            self._callout.setVisible(shown)

    def stakeholder_tooltip(self, stakeholder_id: str) -> str:
        """Rich-text tooltip: name, sector, place, kind and description."""
        s = self._map.stakeholder(stakeholder_id)
        rows = [f"<b>{html.escape(s.label)}</b>"]
        facts = [
            ("Sector", self._map.sectors.label(s.sector) if s.sector else ""),
            ("Place", s.place or ""),
            ("Kind", self._map.kinds.label(s.kind) if s.kind else ""),
        ]
        rows += [f"{k}: {html.escape(v)}" for k, v in facts if v]
        if s.description:
            rows.append(f"<i>{html.escape(s.description)}</i>")
        if s.pinned:
            rows.append("Pinned: layouts leave it where it is.")
        return "<br>".join(rows)

    def relationship_tooltip(self, relationship_id: str) -> str:
        """Rich-text tooltip: who relates to whom how, status, description, evidence."""
        r = self._map.relationship(relationship_id)
        verb = self._map.relation_types.label(r.relation) if r.relation else "is linked to"
        rows = [
            f"<b>{html.escape(self._map.label(r.source))}</b> {html.escape(verb)} "
            f"<b>{html.escape(self._map.label(r.target))}</b>",
            f"Status: {html.escape(r.status)}",
        ]
        if r.description:
            rows.append(html.escape(r.description))
        if r.evidence:
            rows.append(f"Evidence: <i>{html.escape(r.evidence)}</i>")
        return "<br>".join(rows)


def _callout() -> QGraphicsSimpleTextItem:
    """The name shown over a hovered stakeholder when labels are too small to draw."""
    item = QGraphicsSimpleTextItem()
    item.setFont(canvas_font(13, bold=True))
    item.setBrush(qcolor(LIGHT.text))
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setZValue(60.0)
    item.setVisible(False)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item
