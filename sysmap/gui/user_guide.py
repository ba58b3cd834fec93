"""F1: the user guide, offline, with a searchable list of every keyboard shortcut.

The guide is ``resources/guide.md`` (shipped with the app), followed by the shared glossary
(:mod:`sysmap.analysis.glossary`), so the guide, the tooltips, the briefing and the report
explain each word the same way. The shortcuts are read from the window's own actions, so the
list is never out of date, and its columns are as wide as their longest entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sysmap.analysis.glossary import GLOSSARY
from sysmap.gui.resources import resources_dir

MAP_KEYS: tuple[tuple[str, str], ...] = (
    ("Next control; leaves any table or list", "Tab"),
    ("Previous control", "Shift+Tab"),
    ("On the map: nearest stakeholder in that direction", "Ctrl+Arrow"),
    ("On the map: add the nearest in that direction to the selection", "Ctrl+Shift+Arrow"),
    ("On the map: open the selected stakeholder in the inspector", "Enter"),
    ("On the map: move the selection (Shift: small steps)", "Arrow"),
    ("On the map: clear the selection, or cancel", "Esc"),
    ("In a panel: jump to a field", "Alt+underlined letter"),
)
"""Keys that belong to no menu command, listed with them."""


def guide_markdown() -> str:
    """The guide's text: the shipped guide, then every word of the shared glossary."""
    path = resources_dir() / "guide.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# sysmap user guide\n"
    words = "\n".join(f"- **{term}**: {line}" for term, line in GLOSSARY.items())
    return f"{text.rstrip()}\n\n## Words the analysis uses\n\n{words}\n"


def shortcut_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """(command, keys) for every action with keys, every key of it, then the map's keys."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), ", ".join(keys)))
    return sorted(set(rows)) + list(MAP_KEYS)


class UserGuide(QDialog):
    """The guide in one tab, the shortcuts in another; one search box looks in both."""

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("sysmap user guide")
        self.setObjectName("UserGuide")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the guide and the shortcuts")
        self.search.setAccessibleName("Search the guide and the shortcuts")
        self.search.setClearButtonEnabled(True)
        self.guide = QTextBrowser()
        self.guide.setAccessibleName("User guide")
        self.guide.setOpenExternalLinks(False)
        self.guide.setMarkdown(guide_markdown())
        self.shortcuts = self._table(shortcut_rows(actions))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Guide and shortcuts")
        self.tabs.tabBar().setAccessibleName("Guide and shortcuts")
        self.tabs.addTab(self.guide, "&Guide")
        self.tabs.addTab(self.shortcuts, "&Keyboard shortcuts")
        self.found = QLabel("")
        self.found.setAccessibleName("Search result")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.found)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.search_for)
        self.search.returnPressed.connect(self.find_next)
        self._fit_width()

    def _table(self, rows: list[tuple[str, str]]) -> QTableWidget:
        table = QTableWidget(len(rows), 2)
        table.setObjectName("ShortcutsTable")
        table.setHorizontalHeaderLabels(["Command", "Keys"])
        table.setAccessibleName("Keyboard shortcuts")
        table.verticalHeader().setVisible(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        for row, (name, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _fit_width(self) -> None:
        """Wide enough that no key and no command is cut short (F1 once showed "Ctr")."""
        table = self.shortcuts
        table.resizeColumnsToContents()
        needed = table.horizontalHeader().length() + table.verticalScrollBar().sizeHint().width()
        self.resize(max(640, needed + 60), 640)

    # ------------------------------------------------------------------ search
    def search_for(self, text: str) -> None:
        """Show only the shortcuts that mention ``text``; mark its first place in the guide."""
        wanted = text.strip().casefold()
        shown = 0
        for row in range(self.shortcuts.rowCount()):
            cells = [self.shortcuts.item(row, c) for c in (0, 1)]
            words = " ".join(c.text() for c in cells if c is not None).casefold()
            hide = bool(wanted) and wanted not in words
            self.shortcuts.setRowHidden(row, hide)
            shown += not hide
        cursor = self.guide.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.guide.setTextCursor(cursor)
        in_guide = bool(wanted) and self.guide.find(text.strip())
        if not wanted:
            self.found.setText("")
        else:
            where = "found in the guide" if in_guide else "not in the guide"
            self.found.setText(f"{shown} shortcuts match; {where}.")
        if wanted and shown and not in_guide:
            self.tabs.setCurrentWidget(self.shortcuts)

    def find_next(self) -> None:
        """Enter in the search box: the next place in the guide."""
        text = self.search.text().strip()
        if text and not self.guide.find(text):
            cursor = self.guide.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.guide.setTextCursor(cursor)
            self.guide.find(text, QTextDocument.FindFlag(0))


def show_user_guide(parent: QWidget, actions: Sequence[QAction], shortcuts: bool = False) -> None:
    """Open the guide (on its shortcuts tab when ``shortcuts``)."""
    dialog = UserGuide(actions, parent)
    if shortcuts:
        dialog.tabs.setCurrentWidget(dialog.shortcuts)
    dialog.search.setFocus()
    dialog.exec()
