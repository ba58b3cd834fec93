"""The table dock: stakeholders and relationships as sortable, editable, filterable tables.

Selecting rows selects the same things on the map and the other way round, so a keyboard or
screen-reader user can work on the map entirely from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui.document import MapDocument
from sysmap.gui.resources import icon
from sysmap.gui.tables import MapTable, RelationshipTable, StakeholderTable, vocabulary_for

Index = QModelIndex | QPersistentModelIndex
FILTER_WIDTH = 240
"""Pixels of the filter box beside the tables' tabs."""
WIDEN_ROWS = 60
"""How many rows Qt measures to fit a column; new rows beyond this many are not measured one
by one (the table's columns are fitted as Qt measures them instead)."""


class VocabularyDelegate(QStyledItemDelegate):
    """Edit vocabulary columns with a list of the map's values (new ones may be typed)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        if not isinstance(model, MapTable):
            return super().createEditor(parent, option, index)
        column = model.columns[index.column()]
        vocabulary = vocabulary_for(model.map, column)
        if vocabulary is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(column.kind == "vocab")
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if column.kind != "status":
            combo.addItem("")
        combo.addItems([term.label for term in vocabulary])
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QComboBox) and isinstance(model, MapTable):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)  # type: ignore[arg-type]


class MapTableView(QTableView):
    """A table of stakeholders or relationships."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        # Tab leaves the table (no keyboard trap); the arrow keys move between cells.
        self.setTabKeyNavigation(False)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setItemDelegate(VocabularyDelegate(self))
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(120)
        header.setMaximumSectionSize(320)
        header.setResizeContentsPrecision(WIDEN_ROWS)  # measure some rows, not all 40,000
        # No stretched last column: a narrow "Pinned" must not take the width names need.
        header.setStretchLastSection(False)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # map order until a header is clicked

    def widen_to_contents(self) -> None:
        """Widen each column to what it holds (names first in line), never narrowing one.

        A map drawn from a blank page starts with empty columns; as rows come they widen,
        and a column the user made wider stays so. Qt measures the rows in view and a few
        beside them (:data:`WIDEN_ROWS` in all), for every column.
        """
        header = self.horizontalHeader()
        self._widen_columns(
            [
                max(self.sizeHintForColumn(c), header.sectionSizeHint(c))
                for c in range(header.count())
            ]
        )

    def widen_to_rows(self, rows: Sequence[int]) -> None:
        """Widen each column to what ``rows`` hold, never narrowing one.

        What :meth:`widen_to_contents` does after rows come, measuring only the new ones:
        the other rows fitted their columns already (a column never narrows), so an added
        stakeholder costs one row's measures, not sixty rows' in both tables.
        """
        model = self.model()
        shown = [row for row in rows if not self.isRowHidden(row)]  # as Qt skips hidden rows
        grid = 1 if self.showGrid() else 0  # Qt counts the grid line in a column's width
        self._widen_columns(
            [
                max(
                    (self.sizeHintForIndex(model.index(row, column)).width() + grid)
                    for row in shown
                )
                if shown
                else 0
                for column in range(model.columnCount())
            ]
        )

    def _widen_columns(self, widths: Sequence[int]) -> None:
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            wanted = min(width, header.maximumSectionSize())
            if wanted > header.sectionSize(column):
                header.resizeSection(column, wanted)


class TableDock(QWidget):
    """Both tables in tabs, with a filter box."""

    selection_changed = Signal(list, list)
    """Rows chosen by the user: (stakeholder ids, relationship ids)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name")
        self.filter.setClearButtonEnabled(True)
        mark = self.filter.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        mark.setText("Filter")  # the magnifier's name, for screen readers
        mark.setToolTip("Type to show only the rows whose name contains it")
        self.filter.setAccessibleName("Filter the tables by name")
        self.filter.textChanged.connect(self._apply_filter)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Tables")
        self.tabs.tabBar().setAccessibleName("Tables")
        self.stakeholder_view = MapTableView("Stakeholders table")
        self.relationship_view = MapTableView("Relationships table")
        self.tabs.addTab(self.stakeholder_view, icon("stakeholder"), "Stakeholders")
        self.tabs.addTab(self.relationship_view, icon("relationship"), "Relationships")
        # The filter sits beside the tabs, so a short panel shows a row more.
        self.filter.setFixedWidth(FILTER_WIDTH)
        corner = QWidget()
        beside = QHBoxLayout(corner)
        beside.setContentsMargins(0, 0, 4, 2)
        beside.addWidget(self.filter)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.stakeholders: StakeholderTable | None = None
        self.relationships: RelationshipTable | None = None
        self._syncing = False
        self._widening = False
        self._new_rows: dict[MapTableView, list[QPersistentModelIndex] | None] = {}
        """Rows inserted since the columns were last widened, by table (``None``: too many
        to measure one by one)."""

    def extra_height(self, rows: int) -> int:
        """Pixels the panel must grow by to show ``rows`` rows of the table in front."""
        view = self.tabs.currentWidget()
        if not isinstance(view, MapTableView):
            return 0
        row = view.verticalHeader().defaultSectionSize()
        return max(0, rows * row - view.viewport().height())

    def set_document(self, document: MapDocument | None) -> None:
        """Show this document's map (``None`` clears the tables)."""
        for model in (self.stakeholders, self.relationships):
            if model is not None:
                model.close()
        if document is None:
            self.stakeholders = self.relationships = None
            self.stakeholder_view.setModel(None)
            self.relationship_view.setModel(None)
            return
        self.stakeholders = StakeholderTable(document.map, document.push)
        self.relationships = RelationshipTable(document.map, document.push)
        self._new_rows.clear()
        for view, model in (
            (self.stakeholder_view, self.stakeholders),
            (self.relationship_view, self.relationships),
        ):
            model.edit_refused.connect(document.edit_refused)
            model.rowsInserted.connect(self._filter_inserted)
            model.rowsInserted.connect(partial(self._widen_soon, view, model))
            model.layoutChanged.connect(self._apply_filter)
        self.stakeholder_view.setModel(self.stakeholders)
        self.relationship_view.setModel(self.relationships)
        for view in (self.stakeholder_view, self.relationship_view):
            view.selectionModel().selectionChanged.connect(self._rows_chosen)
        for view in (self.stakeholder_view, self.relationship_view):
            view.resizeColumnsToContents()
        self._apply_filter()

    def _widen_soon(
        self, view: MapTableView, model: MapTable, _parent: QModelIndex, first: int, last: int
    ) -> None:
        # Once per turn of the event loop, however many rows a paste or an undo inserts;
        # persistent indexes follow their rows if more are inserted before then.
        new = self._new_rows.setdefault(view, [])
        if new is not None and len(new) + last - first < WIDEN_ROWS:
            new += [QPersistentModelIndex(model.index(row, 0)) for row in range(first, last + 1)]
        else:
            self._new_rows[view] = None
        if not self._widening:
            self._widening = True
            QTimer.singleShot(0, self, self._widen)

    def _widen(self) -> None:
        self._widening = False
        new_rows: dict[MapTableView, list[QPersistentModelIndex] | None]
        new_rows, self._new_rows = self._new_rows, {}
        for view, new in new_rows.items():
            if view.model() is None:
                continue
            if new is None:
                view.widen_to_contents()
            else:
                view.widen_to_rows([index.row() for index in new if index.isValid()])

    # -------------------------------------------------------------- selection
    def _rows_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._syncing:
            return
        self.selection_changed.emit(
            self._chosen(self.stakeholder_view), self._chosen(self.relationship_view)
        )

    @staticmethod
    def _chosen(view: QTableView) -> list[str]:
        model = view.model()
        if not isinstance(model, MapTable):
            return []
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        return [model.item_id(r) for r in rows]

    def select_ids(self, stakeholder_ids: Sequence[str], relationship_ids: Sequence[str]) -> None:
        """Select the rows of these ids (following a selection made on the map)."""
        self._syncing = True
        try:
            for view, model, ids in (
                (self.stakeholder_view, self.stakeholders, stakeholder_ids),
                (self.relationship_view, self.relationships, relationship_ids),
            ):
                if model is None:
                    continue
                selection = QItemSelection()
                last = model.columnCount() - 1
                for item in ids:
                    row = model.rows.get(item)
                    if row is not None:
                        selection.select(model.index(row, 0), model.index(row, last))
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                view.selectionModel().select(selection, flags)
                if len(ids) == 1 and ids[0] in model.rows:
                    view.scrollTo(model.index(model.rows[ids[0]], 0))
        finally:
            self._syncing = False

    # -------------------------------------------------------------- filter
    def _apply_filter(self, *_args: object) -> None:
        for view, model in self._pairs():
            self._filter_rows(view, model, 0, model.rowCount() - 1)

    def _filter_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if self.filter.text().strip():
            for view, model in self._pairs():
                if model is self.sender():
                    self._filter_rows(view, model, first, last)

    def _pairs(self) -> list[tuple[QTableView, MapTable]]:
        pairs: list[tuple[QTableView, MapTable]] = []
        if self.stakeholders is not None:
            pairs.append((self.stakeholder_view, self.stakeholders))
        if self.relationships is not None:
            pairs.append((self.relationship_view, self.relationships))
        return pairs

    def _filter_rows(self, view: QTableView, model: MapTable, first: int, last: int) -> None:
        wanted = self.filter.text().strip().casefold()
        names = [0] if model is self.stakeholders else [0, 2]
        for row in range(first, last + 1):
            if not wanted:
                view.setRowHidden(row, False)
                continue
            text = " ".join(str(model.data(model.index(row, c)) or "") for c in names)
            view.setRowHidden(row, wanted not in text.casefold())
