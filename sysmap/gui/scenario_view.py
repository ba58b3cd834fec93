"""As is against to be: what the proposed relationships would change, as a table.

Each row is one change the analysis found when it counted the proposed relationships as
working ties — a silo opening up, a gap closing, separate parts joining, citizens' routes
shortening, a single point of failure going — with the figure before and after. Choosing a
row shows it on the map.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sysmap.analysis import AnalysisResult
from sysmap.analysis.results import Change
from sysmap.analysis.wording import count
from sysmap.gui.findings_view import WrappingDelegate
from sysmap.gui.plain_text import plain_tooltip
from sysmap.report.tables import change_value, comparison_changes

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 2
EMPTY = (
    "No proposed relationships yet. Accept a suggested link, or set a relationship's status "
    "to proposed, to see what it would change."
)
VALUE_SHARE = 0.22
"""The most of the table's width each figure column takes; longer figures wrap."""


class ScenarioView(QWidget):
    """The list of changes the proposed relationships would make."""

    change_selected = Signal(object)  # Change or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(EMPTY)
        self.heading.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setAccessibleName("What the proposals change")
        self.table.setColumnCount(3)
        self.table.setHeaderLabels(["What would change", "As is", "To be"])
        self.table.setRootIsDecorated(False)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setItemDelegate(WrappingDelegate(self.table))  # long names wrap
        self.table.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.table.itemSelectionChanged.connect(self._selected)

    def set_result(self, result: AnalysisResult | None) -> None:
        """Show the comparison of an analysis (nothing to compare without proposals)."""
        self.table.clear()
        comparison = result.comparison if result is not None else None
        if result is None or comparison is None:
            self.heading.setText(EMPTY)
            return
        proposed = count(len(comparison.proposed), "proposed relationship")
        changes = comparison_changes(result)
        if not changes:
            self.heading.setText(f"The {proposed} would change none of the findings.")
            return
        self.heading.setText(f"What making the {proposed} would change:")
        for change in changes:
            item = QTreeWidgetItem(
                [
                    change.title,
                    change_value(result, change, change.before),
                    change_value(result, change, change.after),
                ]
            )
            item.setToolTip(0, plain_tooltip(change.explanation))
            item.setData(0, CHANGE_ROLE, change)
            self.table.addTopLevelItem(item)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Size the columns to the table: what would change first, the figures beside it.

        A figure column takes its content's width up to a share of the table (a long one,
        such as a stakeholder's name, wraps), and what would change takes the rest.
        """
        header = self.table.header()
        room = self.table.viewport().width()
        widths = []
        for column in (1, 2):
            title = header.sectionSizeHint(column)
            wanted = max(self.table.sizeHintForColumn(column), title)
            widths.append(min(wanted, max(title, int(room * VALUE_SHARE))))
        header.resizeSection(1, widths[0])
        header.resizeSection(2, widths[1])
        header.resizeSection(0, max(header.sectionSizeHint(0), room - sum(widths)))
        self.table.doItemsLayout()  # rows as tall as their wrapped text in the new widths

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()  # the panel was made wider or narrower
        return super().eventFilter(watched, event)

    def changes(self) -> list[Change]:
        """The changes listed, in order."""
        return [item.data(0, CHANGE_ROLE) for item in self._items()]

    def rows(self) -> list[tuple[str, str, str]]:
        """The table's text, row by row (for tests and screen readers' summaries)."""
        return [(item.text(0), item.text(1), item.text(2)) for item in self._items()]

    def _items(self) -> list[QTreeWidgetItem]:
        count = self.table.topLevelItemCount()
        return [i for n in range(count) if (i := self.table.topLevelItem(n)) is not None]

    def _selected(self) -> None:
        items = self.table.selectedItems()
        self.change_selected.emit(items[0].data(0, CHANGE_ROLE) if items else None)
