"""Find stakeholders by name (Ctrl+F): a bar under the map, as in a browser."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from sysmap.gui.resources import icon
from sysmap.model.system_map import SystemMap


def find_stakeholders(system_map: SystemMap, text: str) -> list[str]:
    """Ids of stakeholders whose name contains ``text`` (ignoring case), in map order."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    return [
        node
        for node, data in system_map.stakeholder_rows()
        if wanted in str(data.get("label", "")).casefold()
    ]


class FindBar(QWidget):
    """Type part of a name: every match is selected; Enter steps through them one by one.

    Signals carry ids; the window selects them on the map and brings them into view.
    """

    matches_found = Signal(list)
    match_chosen = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find a stakeholder by name")
        self.field.setAccessibleName("Find a stakeholder by name")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._search)
        self.field.installEventFilter(self)  # Enter: next match; Shift+Enter: previous
        self.count = QLabel("")
        self.count.setMinimumWidth(90)
        self.previous_button = _button("Previous match (Shift+Enter)", "undo")
        self.previous_button.setText("Previous")
        self.previous_button.clicked.connect(self.previous_match)
        self.next_button = _button("Next match (Enter)", "redo")
        self.next_button.setText("Next")
        self.next_button.clicked.connect(self.next_match)
        close = _button("Close the find bar (Esc)", "close")
        close.setText("Close")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)
        self.map: SystemMap | None = None
        self.matches: list[str] = []
        self.current = -1
        self.hide()

    def open_bar(self, system_map: SystemMap) -> None:
        """Show the bar for ``system_map`` with the field focused and its text selected."""
        self.map = system_map
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search(self.field.text())

    def close_bar(self) -> None:
        """Hide the bar."""
        self.hide()
        self.closed.emit()

    def _search(self, text: str) -> None:
        self.matches = find_stakeholders(self.map, text) if self.map is not None else []
        self.current = -1
        not_found = bool(text.strip()) and not self.matches
        self.field.setProperty("notFound", not_found)
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)
        if not text.strip():
            self.count.setText("")
        elif not self.matches:
            self.count.setText("Not found")
        else:
            n = len(self.matches)
            self.count.setText("1 found" if n == 1 else f"{n} found")
        if self.matches:
            self.matches_found.emit(list(self.matches))

    def next_match(self) -> None:
        """Go to the next match (and wrap round)."""
        self._step(1)

    def previous_match(self) -> None:
        """Go to the previous match (and wrap round)."""
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + direction) % len(self.matches)
        self.count.setText(f"{self.current + 1} of {len(self.matches)}")
        self.match_chosen.emit(self.matches[self.current])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if watched is self.field and pressed:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous_match()
                else:
                    self.next_match()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)


def _button(tip: str, icon_name: str) -> QToolButton:
    button = QToolButton()
    button.setIcon(icon(icon_name))
    button.setToolTip(tip)
    button.setAccessibleName(tip.split(" (")[0])
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    return button
