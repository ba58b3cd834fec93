"""The Layout menu: every layout sysmap has, run off the GUI thread, applied as one step.

A layout runs on a copy of the map in a worker thread, with a progress bar and Cancel in the
status bar; its positions then arrive as one undo step that leaves pinned stakeholders where
they are. The layout's guides (quadrants, rings, bands) are drawn behind the map for as long
as that layout is the latest one applied, so undoing it takes its guides away too.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from sysmap.gui.actions import make_action
from sysmap.gui.commands import ApplyLayout
from sysmap.gui.document import MapDocument
from sysmap.gui.resources import icon
from sysmap.gui.tasks import Task
from sysmap.gui.window_base import WindowBase
from sysmap.layout import LAYOUTS, Guide, LayoutResult, compute_layout
from sysmap.model.progress import Progress

LAYOUT_ICONS = {
    "force": "layout-force",
    "sector": "layout-sector",
    "place": "layout-place",
    "circular": "layout-circular",
    "citizen": "layout-citizen",
    "power-interest": "layout-grid",
}


class LayoutController(QObject):
    """Apply layouts to the open map, one at a time."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)  # destroyed with the window, and its connections with it
        self.window = window
        self.task: Task | None = None
        self.layout_actions: list[QAction] = []
        for layout in LAYOUTS.values():
            action = make_action(
                window,
                layout.title,
                partial(self.apply, layout.name),
                icon_name=LAYOUT_ICONS.get(layout.name, "layout"),
                tip=layout.summary,
            )
            self.layout_actions.append(window.register(f"layout.{layout.name}", action))
        self.show_guides = window.register(
            "layout.guides",
            make_action(
                window,
                "Show layout &guides",
                self.refresh_guides,
                icon_name="guides",
                checkable=True,
                checked=True,
                tip="Show the quadrants, rings or bands that explain the last layout",
            ),
        )
        self.menu: QMenu | None = None

    def fill_menu(self, menu: QMenu) -> None:
        """Fill the Layout menu."""
        self.menu = menu
        menu.addActions(self.layout_actions)
        menu.addSeparator()
        menu.addAction(self.show_guides)
        menu.addSeparator()
        menu.addActions([self.window.action("edit.pin"), self.window.action("edit.unpin")])
        menu.setToolTipsVisible(True)

    def add_toolbar_button(self, toolbar: QToolBar) -> None:
        """A "Layout" button with the list of layouts, for the toolbar."""
        button = QToolButton()
        button.setIcon(icon("layout"))
        button.setText("Layout")
        button.setToolTip("Lay the map out: force-directed, by sector, by place and more")
        popup = QMenu(button)
        popup.addActions(self.layout_actions)
        popup.setToolTipsVisible(True)
        button.setMenu(popup)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(button)

    def follow(self, document: MapDocument) -> None:
        """A new map is open: its guides follow its undo stack."""
        self.window.follow_document(document.undo_stack.indexChanged, self.refresh_guides)
        self.refresh_guides()

    # -------------------------------------------------------------- running
    def apply(self, name: str) -> None:
        """Lay the open map out with the layout called ``name``."""
        document = self.window.document
        if document is None or self.task is not None:
            return
        layout = LAYOUTS[name]
        snapshot = document.map.copy()  # the worker reads its own copy while the user works on

        def work(progress: Progress) -> LayoutResult:
            return compute_layout(name, snapshot, progress=progress)

        task = Task(f"Laying out: {layout.title}", work, self.window)
        task.done.connect(lambda result: self._finished(document, layout.title, result))
        task.failed.connect(lambda message: self.window.show_message(message, 8000))
        task.was_cancelled.connect(
            lambda: self.window.show_message("The layout was cancelled; nothing moved.")
        )
        task.finished.connect(self._task_over)
        self.task = task
        self._set_enabled(False)
        self.window.progress.follow(task)
        task.start()

    def _finished(self, document: MapDocument, title: str, result: LayoutResult) -> None:
        if document is not self.window.document:
            return  # the map was closed while its layout ran
        command = ApplyLayout(document.map, title, result.positions, result.guides)
        if document.push(command):
            self.window.view.fit_map()
            pinned = sum(1 for _n, d in document.map.stakeholder_rows() if d.get("pinned"))
            note = f" {pinned} pinned stakeholders stayed where they were." if pinned else ""
            self.window.show_message(f"Applied the {title.lower()} layout.{note}")

    def _task_over(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()
        self._set_enabled(True)

    def cancel(self) -> None:
        """Stop a running layout (the map is closing, or the user pressed Cancel)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait(5000)

    def _set_enabled(self, enabled: bool) -> None:
        for action in self.layout_actions:
            action.setEnabled(enabled)

    # -------------------------------------------------------------- guides
    def refresh_guides(self) -> None:
        """Draw the guides of the latest layout still applied (none after undoing it)."""
        document = self.window.document
        guides: tuple[Guide, ...] = ()
        if document is not None and self.show_guides.isChecked():
            stack = document.undo_stack
            for index in range(stack.index() - 1, -1, -1):
                command = stack.command(index)
                if isinstance(command, ApplyLayout):
                    guides = command.guides
                    break
        self.window.scene.set_guides(guides)
