"""What the window's controllers rely on: the small interface between them and the window.

The controllers (files, editing, clipboard, layout, merge, view, analysis, autosave and the
exports) each serve one window. They are given it as a :class:`WindowBase`: the parts they use
(the document, the scene and view, the progress panel, settings, the action registry, the
status line, the selection) and nothing more. :class:`~sysmap.gui.main_window.MainWindow`
implements it and builds the controllers; no controller imports ``main_window``, so the
modules of the app import one another without a cycle (``tests/test_layers.py`` checks it).

The open windows are listed here too (:func:`windows`, :func:`open_window`), so a controller
can open another window, and Preferences can reach every window, without importing the
:mod:`sysmap.gui.app` module that makes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.gui.analysis_panel import AnalysisPanel
from sysmap.gui.document import MapDocument
from sysmap.gui.find_bar import FindBar
from sysmap.gui.inspector import Inspector
from sysmap.gui.recovery import RecoveryEntry
from sysmap.gui.settings import Settings
from sysmap.gui.start_page import StartPage
from sysmap.gui.table_dock import TableDock
from sysmap.gui.tasks import ProgressPanel
from sysmap.io.map_preview import MapPreview


class RecoveryCopies(Protocol):
    """The window's recovery copies, as Preferences and the recovery dialog use them."""

    def apply_settings(self) -> None:
        """Take up the autosave interval as the settings now say."""

    def adopt(self, entry: RecoveryEntry) -> None:
        """The map was restored from ``entry``: that copy becomes this window's copy."""


class AnalysisPart(Protocol):
    """The analysis panel's dock and panel, as the keyboard controller reaches them."""

    dock: QDockWidget
    panel: AnalysisPanel


class LayoutsPart(Protocol):
    """The Layout menu's actions, as the keyboard controller gives them keys."""

    layout_actions: list[QAction]


class WindowBase(QMainWindow):
    """The window as its controllers see it (implemented by ``MainWindow``).

    Attributes
    ----------
    settings : Settings
        Where the window keeps what the user chose.
    document : MapDocument or None
        The map shown, with its undo stack and file; ``None`` on the start page.
    scene, view : MapScene, MapView
        The canvas.
    find_bar, start_page : FindBar, StartPage
        The find bar above the canvas, and the page shown when no map is open.
    inspector_dock, tables_dock, history_dock : QDockWidget
        The docked panels.
    tables : TableDock
        The tables inside ``tables_dock``.
    progress : ProgressPanel
        Progress and Cancel of long work, in the status bar.
    autosave : RecoveryCopies
        The recovery copies of this window's map.
    inspector, analysis, layouts : Inspector, AnalysisPart, LayoutsPart
        The inspector, the analysis panel and the Layout menu.
    """

    settings: Settings
    document: MapDocument | None
    scene: MapScene
    view: MapView
    find_bar: FindBar
    start_page: StartPage
    inspector_dock: QDockWidget
    tables_dock: QDockWidget
    tables: TableDock
    history_dock: QDockWidget
    progress: ProgressPanel
    autosave: RecoveryCopies
    inspector: Inspector
    analysis: AnalysisPart
    layouts: LayoutsPart

    def register(self, name: str, action: QAction) -> QAction:
        """Keep ``action`` under ``name`` (``"file.open"``) for menus, shortcuts and tests."""
        raise NotImplementedError

    def action(self, name: str) -> QAction:
        """The action registered under ``name``."""
        raise NotImplementedError

    def set_document(self, document: MapDocument | None) -> None:
        """Show ``document`` (``None``: the start page)."""
        raise NotImplementedError

    def show_preview(self, preview: MapPreview) -> bool:
        """Paint a big map's first picture while it is read; whether it is shown."""
        raise NotImplementedError

    def follow_document(self, signal: SignalInstance, slot: Callable[..., object]) -> None:
        """Connect a signal of the shown document; it is disconnected when the map goes."""
        raise NotImplementedError

    def show_start_page(self) -> None:
        """Close the map shown and show the start page."""
        raise NotImplementedError

    def selected(self) -> tuple[list[str], list[str]]:
        """The selected stakeholder and relationship ids."""
        raise NotImplementedError

    def select(self, stakeholder_ids: Sequence[str], relationship_ids: Sequence[str] = ()) -> None:
        """Select these stakeholders and relationships on the canvas."""
        raise NotImplementedError

    def show_message(self, message: str, timeout: int = 5000) -> None:
        """Say something in the status bar for ``timeout`` milliseconds."""
        raise NotImplementedError


_windows: list[WindowBase] = []
_opener: list[Callable[[], WindowBase]] = []


def windows() -> list[WindowBase]:
    """The open main windows."""
    return list(_windows)


def track(window: WindowBase) -> None:
    """Count ``window`` among the open ones until it is destroyed."""
    _windows.append(window)
    window.destroyed.connect(lambda _obj=None, w=window: forget(w))


def forget(window: WindowBase) -> None:
    """No longer count ``window`` among the open ones."""
    if window in _windows:
        _windows.remove(window)


def set_opener(opener: Callable[[], WindowBase]) -> None:
    """How :func:`open_window` makes a window (the app module sets it)."""
    _opener[:] = [opener]


def open_window() -> WindowBase:
    """Open a new main window with the start page."""
    if not _opener:
        raise RuntimeError("The app has not been started: no window can be opened.")
    return _opener[0]()
