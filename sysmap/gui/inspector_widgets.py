"""Small editing widgets the inspector is built from.

Each one reports a *user's* change through a signal and can be updated from the map without
firing it, so a change arriving from the map (an undo, a table edit) never loops back as a
new edit. Text fields carry a typing session: keystrokes in one visit to a field merge into
one undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui.ranked_suggestions import RankedSuggestions
from sysmap.gui.resources import icon
from sysmap.model.entities import AttrValue
from sysmap.model.vocab import Vocabulary

MIXED = "Mixed"
"""Placeholder shown when the selected stakeholders hold different values."""


class Session:
    """A visit to a text field: edits made in one visit merge into one undo step."""


class TypingLine(QLineEdit):
    """A one-line text field that reports each keystroke with its typing session."""

    typed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = Session()
        self.textEdited.connect(lambda text: self.typed.emit(text, self.session))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.session = Session()
        super().focusInEvent(event)

    def show_value(self, text: str, mixed: bool = False) -> None:
        """Show a value from the map, unless the user is typing here."""
        self.setPlaceholderText(MIXED if mixed else "")
        if text != self.text() and not (self.hasFocus() and self.isModified()):
            self.setText(text)
            self.setModified(False)
            self.setCursorPosition(0)  # show the start of a long name, not its end


class TypingText(QPlainTextEdit):
    """A multi-line text field that reports each change with its typing session.

    ``typed`` fires on every change; ``left`` fires once when the user leaves the field after
    changing it (for edits that cannot merge keystrokes).
    """

    typed = Signal(str, object)
    left = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = Session()
        self._showing = False
        self._dirty = False
        self.setTabChangesFocus(True)  # Tab moves on, as keyboard users expect in a form
        self.textChanged.connect(self._changed)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.session = Session()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._dirty:
            self._dirty = False
            self.left.emit(self.toPlainText())

    def _changed(self) -> None:
        if not self._showing:
            self._dirty = True
            self.typed.emit(self.toPlainText(), self.session)

    def show_value(self, text: str, mixed: bool = False) -> None:
        """Show a value from the map without reporting it as typed."""
        self.setPlaceholderText(MIXED if mixed else "")
        if text != self.toPlainText() and not self.hasFocus():
            self._showing = True
            try:
                self.setPlainText(text)
            finally:
                self._showing = False


def dialog_layout(dialog: QDialog, ok_text: str, *parts: QWidget | QLayout) -> QDialogButtonBox:
    """Lay out a small dialog: its parts top to bottom, then ``ok_text`` and Cancel."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(buttons)
    return buttons


def swatch(colour: str | None, size: int = 14) -> QIcon:
    """A small square of colour, for vocabulary lists."""
    if not colour:
        return QIcon()
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class VocabularyCombo(QComboBox):
    """Choose a value from a vocabulary, or type a new one.

    ``chosen`` carries the text the user picked or typed (a label or a new value); the
    editing layer matches it to a key or makes a new term.
    """

    chosen = Signal(str)

    def __init__(self, editable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(editable)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self._showing = False
        self.activated.connect(lambda _i: self._report())
        line = self.lineEdit()
        completer = self.completer()
        if editable and completer is not None:
            # Suggestions in a list under the box, never typed into it: "England" stays
            # England when "England & Wales" is also known (inline completion made it that).
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            # The line edit re-ranks on textEdited, before it asks the completer to refilter.
            ranked = RankedSuggestions(self)
            ranked.setSourceModel(self.model())
            completer.setModel(ranked)
            if line is not None:
                line.textEdited.connect(ranked.set_typed)
        if editable and line is not None:
            line.editingFinished.connect(self._report)
            line.returnPressed.connect(self._report)
        self._last_reported: str | None = None

    def set_vocabulary(self, vocabulary: Vocabulary, allow_empty: bool = True) -> None:
        """Offer the terms of ``vocabulary`` (labels, with colour swatches)."""
        self._showing = True
        try:
            current = self.currentText()
            self.clear()
            if allow_empty:
                self.addItem("", None)
            for term in vocabulary:
                self.addItem(swatch(term.colour), term.label, term.key)
                tip = term.description
                if tip:
                    self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            self.setCurrentText(current)
        finally:
            self._showing = False

    def show_value(self, label: str, mixed: bool = False) -> None:
        """Show a value from the map without reporting it."""
        self._showing = True
        try:
            index = self.findText(label)
            if index >= 0:
                self.setCurrentIndex(index)
            elif self.isEditable():
                self.setCurrentIndex(-1)
                self.setEditText(label)
            line = self.lineEdit()
            if self.isEditable() and line is not None:
                line.setPlaceholderText(MIXED if mixed else "")
            self._last_reported = label
        finally:
            self._showing = False

    def _report(self) -> None:
        if self._showing:
            return
        text = self.currentText()
        if text == self._last_reported:
            return
        self._last_reported = text
        self.chosen.emit(text)


class OptionalNumber(QDoubleSpinBox):
    """A number from 0 to 1 that may also be "not set" (the lowest position)."""

    changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-0.05, 1.0)
        self.setSingleStep(0.05)
        self.setDecimals(2)
        self.setSpecialValueText("Not set")
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session = Session()
        self._showing = False
        self.valueChanged.connect(self._changed)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.session = Session()
        super().focusInEvent(event)

    def _changed(self, value: float) -> None:
        if not self._showing:
            self.changed.emit("" if value < 0 else f"{value:g}", self.session)

    def show_value(self, value: float | None, mixed: bool = False) -> None:
        """Show a value from the map without reporting it."""
        self._showing = True
        try:
            self.setValue(self.minimum() if value is None else value)
            self.setSpecialValueText(MIXED if mixed else "Not set")
        finally:
            self._showing = False


class TriStateCheck(QCheckBox):
    """A check box that shows "some of them" for a mixed selection."""

    toggled_by_user = Signal(bool)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.clicked.connect(lambda checked: self.toggled_by_user.emit(bool(checked)))

    def show_values(self, values: list[bool]) -> None:
        """Checked, unchecked, or partly checked when the values differ."""
        self.blockSignals(True)
        try:
            if values and all(values):
                self.setCheckState(Qt.CheckState.Checked)
            elif any(values):
                self.setTristate(True)
                self.setCheckState(Qt.CheckState.PartiallyChecked)
            else:
                self.setCheckState(Qt.CheckState.Unchecked)
            self.setTristate(self.checkState() == Qt.CheckState.PartiallyChecked)
        finally:
            self.blockSignals(False)


class AttributeEditor(QWidget):
    """Custom attributes as a two-column table: rename nothing, change values, add, remove.

    ``value_set(name, text)`` is emitted for a changed value (empty text removes it) and
    for a new attribute.
    """

    value_set = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setHorizontalHeaderLabels(["Attribute", "Value"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Custom attributes")
        self.table.setMinimumHeight(90)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton(icon("new"), "Add attribute")
        self.add_button.setToolTip("Add a column of your own, such as department or budget")
        self.add_button.clicked.connect(self._add_row)
        self.remove_button = QPushButton(icon("delete"), "Remove")
        self.remove_button.setToolTip("Remove the chosen attribute from the selection")
        self.remove_button.clicked.connect(self._remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._showing = False

    def show_attributes(self, values: dict[str, list[AttrValue | None]]) -> None:
        """Show each attribute with its value, or "Mixed" where the selection differs."""
        self._showing = True
        try:
            self.table.setRowCount(0)
            for name in sorted(values, key=str.casefold):
                found = values[name]
                row = self.table.rowCount()
                self.table.insertRow(row)
                key = QTableWidgetItem(name)
                key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
                distinct = {repr(v) for v in found}
                shown = _attribute_text(found[0]) if len(distinct) == 1 else ""
                value = QTableWidgetItem(shown)
                if len(distinct) > 1:
                    value.setToolTip("The selected stakeholders hold different values")
                    value.setData(Qt.ItemDataRole.UserRole, MIXED)
                self.table.setItem(row, 0, key)
                self.table.setItem(row, 1, value)
        finally:
            self._showing = False

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._showing:
            return
        name_item = self.table.item(item.row(), 0)
        value_item = self.table.item(item.row(), 1)
        if name_item is None or value_item is None:
            return
        name = name_item.text().strip()
        if name:
            self.value_set.emit(name, value_item.text())

    def _add_row(self) -> None:
        self._showing = True
        try:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(""))
            self.table.setItem(row, 1, QTableWidgetItem(""))
        finally:
            self._showing = False
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        name_item = self.table.item(row, 0) if row >= 0 else None
        if name_item is not None and name_item.text().strip():
            self.value_set.emit(name_item.text().strip(), "")


def _attribute_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
