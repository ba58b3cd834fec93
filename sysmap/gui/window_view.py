"""The View menu: zoom, fit, colour by, legend and labels, and which docks show."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar, QToolButton

from sysmap.canvas.legend_place import LegendPlace
from sysmap.gui.actions import dock_action, make_action
from sysmap.gui.document import MapDocument
from sysmap.gui.resources import icon
from sysmap.gui.window_base import WindowBase
from sysmap.model.entities import STAKEHOLDER_FIELDS

TABLE_ROWS = 8
"""Rows the Tables panel shows when it opens (if half the window's height allows)."""

COLOUR_CHOICES = (
    ("sector", "Sector"),
    ("place", "Place"),
    ("place_level", "Place level"),
    ("kind", "Kind"),
)


class ViewController(QObject):
    """How the map is shown; none of this is an edit."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)  # destroyed with the window, and its connections with it
        self.window = window
        w, reg = window, window.register
        view = window.view
        view.legend_placed.connect(self._legend_placed)
        reg(
            "view.zoom_in",
            make_action(
                w,
                "Zoom &in",
                view.zoom_in,
                icon_name="zoom-in",
                keys=[QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
                tip="Zoom in",
            ),
        )
        reg(
            "view.zoom_out",
            make_action(
                w,
                "Zoom &out",
                view.zoom_out,
                icon_name="zoom-out",
                keys=QKeySequence.StandardKey.ZoomOut,
                tip="Zoom out",
            ),
        )
        reg(
            "view.fit",
            make_action(
                w,
                "&Fit the map",
                view.fit_map,
                icon_name="zoom-fit",
                keys="Ctrl+0",
                tip="Show the whole map",
            ),
        )
        reg(
            "view.zoom_selection",
            make_action(
                w,
                "Zoom to &selection",
                view.zoom_to_selection,
                icon_name="zoom-selection",
                keys="Ctrl+9",
                tip="Show the selected stakeholders",
            ),
        )
        reg(
            "view.actual_size",
            make_action(w, "&Actual size", view.reset_zoom, keys="Ctrl+8", tip="Zoom to 100%"),
        )
        self.legend = reg(
            "view.legend",
            make_action(
                w,
                "Show &legend",
                self._apply_overlays,
                icon_name="legend",
                checkable=True,
                checked=True,
                tip="Show what the colours, shapes and lines mean",
            ),
        )
        self.title = reg(
            "view.title",
            make_action(
                w,
                "Show map &title",
                self._apply_overlays,
                checkable=True,
                checked=True,
                tip="Show the map's title over the canvas",
            ),
        )
        self.relation_labels = reg(
            "view.relation_labels",
            make_action(
                w,
                "Show relationship t&ypes",
                self._apply_overlays,
                checkable=True,
                tip="Write each relationship's type on its line",
            ),
        )
        self.full_screen = reg(
            "view.full_screen",
            make_action(
                w,
                "F&ull screen",
                self._toggle_full_screen,
                keys=QKeySequence.StandardKey.FullScreen,
                checkable=True,
                tip="Use the whole screen for the map",
            ),
        )
        self.colour_menu = QMenu("&Colour by", w)
        self.colour_menu.setIcon(icon("colour"))
        self.colour_menu.aboutToShow.connect(self._fill_colour_menu)
        self.colour_group = QActionGroup(w)
        self.colour_group.setExclusive(True)
        self.colour_attribute = "sector"
        self.dock_actions: dict[QDockWidget, QAction] = {}
        for dock, icon_name, keys in (
            (window.inspector_dock, "inspector", "Ctrl+Alt+I"),
            (window.tables_dock, "table", "Ctrl+Alt+T"),
            (window.history_dock, "history", "Ctrl+Alt+H"),
        ):
            action = dock_action(dock)
            action.setIcon(icon(icon_name))
            action.setShortcut(QKeySequence(keys))
            action.setStatusTip(f"Show or hide the {dock.windowTitle().lower()}")
            reg(f"view.dock_{dock.objectName()}", action)
            self.dock_actions[dock] = action
        # The map comes first: the tables are a shortcut away until someone asks for them.
        self._docks_wanted = {dock: dock is not window.tables_dock for dock in self.dock_actions}
        for dock in self.dock_actions:
            dock.visibilityChanged.connect(lambda _v, d=dock: self._remember_dock(d))
        window.tables_dock.visibilityChanged.connect(self._tables_shown)

    def fill_menu(self, menu: QMenu) -> None:
        """Fill the View menu."""
        a = self.window.action
        menu.addActions([a("view.zoom_in"), a("view.zoom_out"), a("view.actual_size")])
        menu.addActions([a("view.fit"), a("view.zoom_selection")])
        menu.addSeparator()
        menu.addMenu(self.colour_menu)
        menu.addActions([self.legend, self.title, self.relation_labels])
        menu.addSeparator()
        menu.addActions(list(self.dock_actions.values()))
        menu.addSeparator()
        menu.addAction(self.full_screen)

    def add_toolbar_button(self, toolbar: QToolBar) -> None:
        """A "Colour by" button with its menu, for the toolbar."""
        button = QToolButton()
        button.setIcon(icon("colour"))
        button.setText("Colour by")
        button.setToolTip("Colour stakeholders by sector, place or any attribute")
        button.setMenu(self.colour_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(button)

    # -------------------------------------------------------------- documents
    def follow(self, document: MapDocument) -> None:
        """A new map is shown: colour it as chosen before (falling back to sector)."""
        self.colour_by(self.colouring_for(document))
        self._apply_overlays()

    def colouring_for(self, document: MapDocument) -> str:
        """The attribute a newly opened map is coloured by: as chosen before, else sector."""
        attribute = self.colour_attribute
        if attribute not in dict(COLOUR_CHOICES) and attribute not in self._attributes(document):
            attribute = "sector"
        return attribute

    def preview_colouring(self) -> str | None:
        """What a map's first picture is coloured by, if its preview carries that attribute
        (a custom attribute is known only once the map is there)."""
        attribute = self.colour_attribute
        return attribute if attribute in dict(COLOUR_CHOICES) else None

    def colour_by(self, attribute: str) -> None:
        """Colour stakeholders by ``attribute`` (sector, place… or a custom attribute)."""
        self.colour_attribute = attribute
        self.window.scene.colour_by(attribute)

    def _attributes(self, document: MapDocument | None) -> list[str]:
        if document is None:
            return []
        names: set[str] = set()
        for _node, data in document.map.stakeholder_rows():
            names.update(k for k in data if k not in STAKEHOLDER_FIELDS)
        return sorted(names, key=str.casefold)

    def _fill_colour_menu(self) -> None:
        self.colour_menu.clear()
        for action in self.colour_group.actions():
            self.colour_group.removeAction(action)
        choices = list(COLOUR_CHOICES)
        custom = [(name, name) for name in self._attributes(self.window.document)]
        for i, (key, title) in enumerate(choices + custom):
            if i == len(choices) and custom:
                self.colour_menu.addSeparator()
            action = self.colour_menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(key == self.colour_attribute)
            action.setStatusTip(f"Colour stakeholders by {title.lower()}")
            action.triggered.connect(lambda _c=False, k=key: self.colour_by(k))
            self.colour_group.addAction(action)

    # -------------------------------------------------------------- toggles
    def _apply_overlays(self) -> None:
        view, scene = self.window.view, self.window.scene
        view.set_legend_visible(self.legend.isChecked())
        view.set_title_visible(self.title.isChecked())
        scene.set_relation_labels_visible(self.relation_labels.isChecked())

    def _toggle_full_screen(self) -> None:
        if self.full_screen.isChecked():
            self.window.showFullScreen()
        else:
            self.window.showNormal()

    def _remember_dock(self, dock: QDockWidget) -> None:
        # Only the user's choice counts: docks also hide when the start page shows.
        if self.window.document is not None:
            self._docks_wanted[dock] = not dock.isHidden()  # a tab behind another still counts

    def _tables_shown(self, visible: bool) -> None:
        # While the tables are open the right-hand panels keep the window's full height and
        # the tables sit under the map only: otherwise the panels' minimum height caps the
        # tables at about three rows at 1366×768. (Always so, the window could not be made
        # narrower than both panels' minimum widths, even with the tables closed.)
        beside = not self.window.tables_dock.isHidden()  # a tab behind the charts still counts
        self.window.setCorner(
            Qt.Corner.BottomRightCorner,
            Qt.DockWidgetArea.RightDockWidgetArea
            if beside
            else Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        if visible:  # it opens at its minimum height: grow it once laid out
            QTimer.singleShot(0, self, self._grow_tables)

    def _grow_tables(self) -> None:
        """Give the tables room for TABLE_ROWS rows, but never more than half the height
        they share with the map, so the map keeps at least as much as they take."""
        window = self.window
        dock = window.tables_dock
        central = window.centralWidget()
        if central is None or dock.isHidden() or dock.isFloating():
            return
        shared = central.height() + dock.height()
        wanted = min(dock.height() + window.tables.extra_height(TABLE_ROWS), shared // 2)
        if wanted > dock.height():
            window.resizeDocks([dock], [wanted], Qt.Orientation.Vertical)

    def dock_wanted(self, dock: QDockWidget) -> bool:
        """Whether the user wants ``dock`` shown when a map is open."""
        return self._docks_wanted.get(dock, True)

    # -------------------------------------------------------------- settings
    def save_options(self) -> None:
        """Remember the view options for next time."""
        settings = self.window.settings
        settings.set_value("legend", self.legend.isChecked())
        settings.set_value("title", self.title.isChecked())
        settings.set_value("relation_labels", self.relation_labels.isChecked())
        settings.set_value("colour_by", self.colour_attribute)
        for dock, wanted in self._docks_wanted.items():
            settings.set_value(f"dock/{dock.objectName()}", wanted)

    def _legend_placed(self, place: LegendPlace) -> None:
        # Remembered at once: where the legend sits is the user's, like a panel's place.
        self.window.settings.set_value("legend_corner", place.corner)
        self.window.settings.set_value("legend_folded", place.folded)

    def restore_options(self) -> None:
        """Bring back the view options of last time."""
        settings = self.window.settings
        corner = str(settings.value("legend_corner", "top-right"))
        folded = bool(settings.value("legend_folded", False))
        self.window.view.set_legend_place(LegendPlace(corner, folded))
        self.legend.setChecked(bool(settings.value("legend", True)))
        self.title.setChecked(bool(settings.value("title", True)))
        self.relation_labels.setChecked(bool(settings.value("relation_labels", False)))
        self.colour_attribute = str(settings.value("colour_by", "sector"))
        for dock, default in self._docks_wanted.items():
            self._docks_wanted[dock] = bool(settings.value(f"dock/{dock.objectName()}", default))
