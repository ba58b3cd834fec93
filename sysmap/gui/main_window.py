"""The main window: the map in the middle, inspector, tables and history around it.

The window owns one :class:`~sysmap.gui.document.MapDocument` at a time (or none, when it
shows the start page). Its menus are built by its controllers — files, editing, view,
layouts, analysis, merging and keyboard — and put in the menu bar and toolbar by
:mod:`~sysmap.gui.window_menus`; :mod:`~sysmap.gui.window_selection` keeps the panels on the
canvas's selection. The window itself builds its docks, switches documents and handles Qt's
window events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.gui.actions import redraw_icons
from sysmap.gui.analysis_controller import AnalysisController
from sysmap.gui.autosave import Autosaver
from sysmap.gui.document import MapDocument
from sysmap.gui.document_links import DocumentLinks
from sysmap.gui.find_bar import FindBar
from sysmap.gui.inspector import Inspector
from sysmap.gui.keyboard import next_in_tab_order
from sysmap.gui.resources import app_icon, clear_icon_cache
from sysmap.gui.settings import Settings
from sysmap.gui.start_page import StartPage
from sysmap.gui.table_dock import TableDock
from sysmap.gui.tasks import ProgressPanel
from sysmap.gui.window_base import WindowBase
from sysmap.gui.window_edit import EditController
from sysmap.gui.window_files import FileController
from sysmap.gui.window_keys import KeyboardController
from sysmap.gui.window_layout import LayoutController
from sysmap.gui.window_menus import build_menus_and_toolbar
from sysmap.gui.window_merge import MergeController
from sysmap.gui.window_selection import SelectionSync
from sysmap.gui.window_view import ViewController
from sysmap.io.map_preview import MapPreview
from sysmap.model.system_map import SystemMap

APP_NAME = "sysmap"


class MainWindow(WindowBase):
    """One window, one map (or the start page)."""

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.document: MapDocument | None = None
        self._links = DocumentLinks()
        self.actions_by_name: dict[str, QAction] = {}
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )
        self.setUnifiedTitleAndToolBarOnMac(True)

        self.scene = MapScene(SystemMap(), self)
        self.scene.breathe = _repaint_meanwhile
        self._docks_for: MapDocument | None = None
        self.scene.sketch_shown.connect(self._first_frame_shown)
        self.scene.items_made.connect(self._items_made)
        self.view = MapView(self.scene)
        self.view.setAccessibleName("Map")
        self.find_bar = FindBar()
        editor = QWidget()
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self.start_page = StartPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(editor)
        self.setCentralWidget(self.pages)

        self.inspector = Inspector()
        self.tables = TableDock()
        self._no_stack = QUndoStack(self)  # what the history shows with no map open
        self.history = QUndoView()
        self.history.setEmptyLabel("Opened map")
        self.history.setAccessibleName("Undo history")
        self.inspector_dock = self._dock("Inspector", "InspectorDock", self.inspector)
        self.tables_dock = self._dock("Tables", "TablesDock", self.tables)
        self.history_dock = self._dock("History", "HistoryDock", self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.tabifyDockWidget(self.inspector_dock, self.history_dock)
        self.inspector_dock.raise_()
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.tables_dock)
        self.resizeDocks([self.inspector_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.tables_dock], [220], Qt.Orientation.Vertical)

        self.selection_label = QLabel("")
        self.zoom_label = QLabel("")
        self.progress = ProgressPanel()
        status = self.statusBar()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.selection_label)
        status.addPermanentWidget(self.zoom_label)

        self.files = FileController(self)
        self.edit = EditController(self)
        self.viewing = ViewController(self)
        self.layouts: LayoutController = LayoutController(self)
        self.analysis: AnalysisController = AnalysisController(self)
        self.merging = MergeController(self)
        self.autosave: Autosaver = Autosaver(self)
        self.keyboard = KeyboardController(self)
        self.toolbar = build_menus_and_toolbar(self, self)
        self._connect()
        self.keyboard.finish()
        self._restore_window_state()
        self.show_start_page()

    # -------------------------------------------------------------- building
    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        return dock

    def register(self, name: str, action: QAction) -> QAction:
        """Give an action a name (``edit.undo``) so menus, tests and shortcuts list find it."""
        self.actions_by_name[name] = action
        action.setObjectName(name)
        return action

    def action(self, name: str) -> QAction:
        """The action called ``name``."""
        return self.actions_by_name[name]

    def _connect(self) -> None:
        self.start_page.new_requested.connect(self.files.new_map)
        self.start_page.open_requested.connect(self.files.open_dialog)
        self.start_page.recent_requested.connect(self.files.open_recent)
        self.start_page.example_requested.connect(self.files.open_example)
        self.start_page.clear_recent_requested.connect(self.files.clear_recent)
        self.selection = SelectionSync(
            self, self.tables, self.edit, self.keyboard, self.selection_label
        )
        self.view.zoom_changed.connect(self._zoom_changed)
        self.find_bar.closed.connect(self.view.setFocus)

    # -------------------------------------------------------------- document
    def set_document(self, document: MapDocument | None) -> None:
        """Show ``document`` (or the start page for ``None``), replacing the one open."""
        self._detach_document()
        self.document = document
        big = document is not None and document.map.stakeholder_count >= BIG_MAP
        self.scene.set_map(
            document.map if document is not None else SystemMap(),
            sliced=big,  # its first frame is drawn from the map, its items made after it
            colour_attribute=self.viewing.colouring_for(document) if document else None,
        )
        if big:
            assert document is not None
            self.show_message(DRAWING.format(count=document.map.stakeholder_count), 0)
            # The panels are filled after the first frame (_fill_docks), the analysis too.
            self._docks_for = document
            self.inspector.set_document(None)
            self.tables.set_document(None)
            self.analysis.set_document(None, show_docks=False)  # no findings of the last map
            self.analysis.show_docks(True)
        else:
            self._docks_for = None
            self._fill_docks(document)
        self.history.setStack(document.undo_stack if document is not None else self._no_stack)
        self.find_bar.close_bar()
        if document is not None:
            self._links.follow(document)
            self.follow_document(document.title_changed, self.update_title)
            self.follow_document(document.edit_refused, self._edit_refused)
            self.edit.follow(document)
            self.autosave.follow(document)
            self.layouts.follow(document)
            self.viewing.follow(document)
            self.pages.setCurrentIndex(1)
            self._set_docks_visible(True)
            QTimer.singleShot(0, self.view, self.view.fit_map)
            self.view.setFocus()
        else:
            self.pages.setCurrentIndex(0)
            self._set_docks_visible(False)
            self.zoom_label.setText("")
            self.start_page.set_recent_files(self.settings.recent_files())
            self.start_page.new_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.toolbar.setVisible(document is not None)  # the start page has its own buttons
        self.edit.update_actions()
        self.files.update_actions()
        self.merging.update_actions()
        self.update_title()
        self.selection.canvas_changed()
        self.name_panel_tabs()

    def show_preview(self, preview: MapPreview) -> bool:
        """Paint a big map's first picture while it is read, over the start page only (the
        map page and panels show, no document: nothing can be edited until set_document)."""
        attribute = self.viewing.preview_colouring()
        if self.document is not None or attribute is None:
            return False
        self.scene.show_preview(preview, attribute)
        self.pages.setCurrentIndex(1)
        self._set_docks_visible(True)  # with every panel the map will have, the fit stands
        self.analysis.show_docks(True)
        self.toolbar.setVisible(True)
        self.show_message(READING.format(count=preview.stakeholder_count), 0)
        if (layout := self.layout()) is not None:
            layout.activate()  # settled before the fit: a frame at 100 % would take seconds
        self.view.fit_map()
        return True

    @property
    def docks_waiting(self) -> bool:
        """Whether the panels wait for a big map's first frame before showing it."""
        return self._docks_for is not None

    def _first_frame_shown(self) -> None:
        # A turn of the event loop later: the frame's paint has finished by then.
        if self._docks_for is not None:
            QTimer.singleShot(0, self, lambda: self._fill_docks(self._docks_for))

    def _items_made(self) -> None:
        self._first_frame_shown()  # made on demand before any frame (an edit came first)
        if self.statusBar().currentMessage().startswith(DRAWING[:8]):
            self.statusBar().clearMessage()

    def _fill_docks(self, document: MapDocument | None) -> None:
        if document is not self.document:
            return  # another map came meanwhile; it fills them itself
        waited, self._docks_for = self._docks_for is not None, None
        self.inspector.set_document(document)
        self.tables.set_document(document)
        self.analysis.set_document(document, show_docks=not waited)
        self.selection.canvas_changed()

    def follow_document(self, signal: SignalInstance, slot: Callable[..., object]) -> None:
        """Connect to a signal of the open document; undone when the document goes."""
        self._links.add(signal, slot)

    def _detach_document(self) -> None:
        self.autosave.forget()  # saved, discarded or closed: its recovery copy goes too
        self.layouts.cancel()
        self.analysis.cancel()
        self._links.cut()
        if self.document is not None:
            self.document.close()
            self.document = None

    def show_start_page(self) -> None:
        """Close the map view and show the start page."""
        self.set_document(None)

    def _set_docks_visible(self, visible: bool) -> None:
        for dock in (self.inspector_dock, self.tables_dock, self.history_dock):
            dock.setVisible(visible and self.viewing.dock_wanted(dock))

    def update_title(self) -> None:
        """Title, file name and modified marker, following the undo stack's clean state."""
        document = self.document
        if document is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        self.setWindowTitle(document.window_title())
        self.setWindowModified(document.modified)

    # -------------------------------------------------------------- selection
    def selected(self) -> tuple[list[str], list[str]]:
        """The selected stakeholder ids and relationship ids, in map order."""
        if self.document is None:
            return [], []
        return self.scene.selected_stakeholder_ids(), self.scene.selected_relationship_ids()

    def select(self, stakeholder_ids: Sequence[str], relationship_ids: Sequence[str] = ()) -> None:
        """Select these on the map (the tables and inspector follow)."""
        self.scene.select(list(stakeholder_ids), list(relationship_ids))

    def _zoom_changed(self, level: float) -> None:
        self.zoom_label.setText(f"{level * 100:.0f}%")

    def _edit_refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def show_message(self, message: str, timeout: int = 5000) -> None:
        """Tell the user something in the status bar."""
        self.statusBar().showMessage(message, timeout)

    # -------------------------------------------------------------- Qt events
    def focusNextPrevChild(self, next: bool) -> bool:
        # Qt's Tab order also stops in panels behind another panel's tab: skip what is hidden.
        target = next_in_tab_order(self, next)
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Named after the window shows, as the tab bars are made then.
        QTimer.singleShot(0, self, self.name_panel_tabs)

    def name_panel_tabs(self) -> None:
        """Qt makes the tab bars of tabbed panels itself, unnamed: name them for screen readers."""
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not bar.accessibleName():
                bar.setAccessibleName("Panel tabs")

    def changeEvent(self, event: QEvent) -> None:
        # Follow the system when it switches between light and dark.
        if event.type() == QEvent.Type.PaletteChange:
            clear_icon_cache()
            redraw_icons(self.actions())  # the canvas view follows the palette itself
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.files.droppable(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.files.droppable(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            # Open after the drop finishes, so a dialog never blocks the drag source.
            QTimer.singleShot(0, self, lambda: self.files.open_path(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.viewing.save_options()
        self.files.cancel()  # a worker still reading or drawing must not outlive the window
        self._detach_document()
        self.inspector.set_document(None)
        self.tables.set_document(None)
        self.scene.close()
        event.accept()

    def _restore_window_state(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(round(screen.width() * 0.9), round(screen.height() * 0.9))
        if state is not None:
            self.restoreState(state)
        self.viewing.restore_options()


BIG_MAP = 3000
"""Stakeholders from which a map's first frame is drawn before its items are made."""
DRAWING = (
    "Drawing {count:,} stakeholders and their relationships: zoom and pan meanwhile; "
    "the map can be clicked and edited in a moment."
)
READING = "Reading {count:,} stakeholders: zoom and pan meanwhile; edit once the map is read."


def _repaint_meanwhile() -> None:
    """Let the window repaint while a big map's items are made; clicks and keys wait."""
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
