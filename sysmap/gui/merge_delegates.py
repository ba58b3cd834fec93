"""The editors of the merge dialog's tables: a partner picked by typing, a value to keep.

Picking from a list, or pressing Return after typing, is the decision: no extra click.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from sysmap.combine.profiles import Member
from sysmap.gui.merge_review import ConflictModel, MatchFilter, MatchModel


class MergeTables(Protocol):
    """What the delegates edit: the merge dialog's tables (a small interface, so this module
    need not import the dialog that uses it)."""

    filter: MatchFilter
    matches: MatchModel | None
    conflicts: ConflictModel


KEEP_APART = "— keep apart —"
Index = QModelIndex | QPersistentModelIndex


def review_table(name: str) -> QTableView:
    """A table of the review: whole rows selected, edited on double-click or F2."""
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.SelectedClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    view.verticalHeader().hide()
    view.setWordWrap(False)
    return view


def _commit_on_choice(delegate: QStyledItemDelegate, combo: QComboBox) -> None:
    """Picking from the list, or Return after typing, is the decision: no extra click."""

    def commit() -> None:
        delegate.commitData.emit(combo)
        delegate.closeEditor.emit(combo)

    combo.activated.connect(lambda _at: commit())
    line = combo.lineEdit()
    if line is not None:
        line.returnPressed.connect(commit)


class PartnerDelegate(QStyledItemDelegate):
    """ "Same as": a list of partners to choose from, likely ones first, searchable by typing."""

    def __init__(self, dialog: MergeTables, parent: QObject) -> None:
        super().__init__(parent)
        self.dialog = dialog

    def _row(self, index: Index) -> int:
        return self.dialog.filter.mapToSource(self.dialog.filter.index(index.row(), 0)).row()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = self.dialog.matches
        assert model is not None
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem(KEEP_APART, None)
        for member in model.choices_for(self._row(index)):
            combo.addItem(model.describe(member), (member.map, member.id))
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
        _commit_on_choice(self, combo)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        model = self.dialog.matches
        assert isinstance(editor, QComboBox)
        assert model is not None
        partner = model.partner(model.rows[self._row(index)])
        at = editor.findData((partner.map, partner.id)) if partner else 0
        editor.setCurrentIndex(max(0, at))
        line = editor.lineEdit()
        if line is not None:
            line.selectAll()  # typing a name replaces it, and the list narrows to matches

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        matches = self.dialog.matches
        assert isinstance(editor, QComboBox)
        assert matches is not None
        typed = editor.currentText().casefold().strip()
        at = editor.findText(editor.currentText())
        if at < 0 and typed:  # the first entry containing what was typed ("magistrates")
            texts = [editor.itemText(i).casefold() for i in range(editor.count())]
            at = next((i for i, text in enumerate(texts) if typed in text), -1)
        key = editor.itemData(at) if at >= 0 else None
        partner: Member | None = matches.partners.get(key) if key else None
        matches.set_partner(self._row(index), partner)


class KeepDelegate(QStyledItemDelegate):
    """ "Keep": the value the merged map takes in a conflict."""

    def __init__(self, dialog: MergeTables, parent: QObject) -> None:
        super().__init__(parent)
        self.dialog = dialog

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(self.dialog.conflicts.options(index.row()))
        _commit_on_choice(self, combo)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(self.dialog.conflicts.chosen(index.row()))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        self.dialog.conflicts.choose(index.row(), editor.currentText())
