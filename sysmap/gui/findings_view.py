"""The ranked findings under their headings, and the one chosen shown in full.

A tree lists the sections (silos, gaps, suggested links, brokers, single points of failure,
the citizen's view, what the proposals change) with their findings, most serious first; the
pane under it gives the chosen finding's explanation, its numbers and the measure behind it,
with buttons to zoom to it and, for a suggested link, to accept or dismiss it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sysmap.analysis import Finding
from sysmap.analysis.glossary import GLOSSARY, terms_in, tooltip
from sysmap.canvas.finding_list import by_section, finding_key, numbers_of
from sysmap.gui.plain_text import plain_tooltip
from sysmap.gui.resources import icon

SEVERITY_COLOURS = {"high": "#D55E00", "medium": "#E69F00", "low": "#56B4E9", "info": "#009E73"}
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low", "info": "Note"}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
MORE_ROLE = Qt.ItemDataRole.UserRole + 2


SEVERITY_SHAPES = {"high": "triangle", "medium": "diamond", "low": "circle", "info": "square"}
"""Severity is never colour alone (WCAG 1.4.1): each has its shape, and its word."""
SEVERITY_MARKS = {"high": "▲", "medium": "◆", "low": "●", "info": "■"}


def severity_shape(severity: str, size: float) -> QPolygonF | QRectF:
    """The outline of a severity's mark in a ``size`` square: a triangle for high, a diamond
    for medium, a circle (its bounding square) for low, a square for a note."""
    s, m = size, 1.0
    shape = SEVERITY_SHAPES.get(severity, "circle")
    if shape == "triangle":
        return QPolygonF([QPointF(s / 2, m), QPointF(s - m, s - m), QPointF(m, s - m)])
    if shape == "diamond":
        return QPolygonF(
            [QPointF(s / 2, m), QPointF(s - m, s / 2), QPointF(s / 2, s - m), QPointF(m, s / 2)]
        )
    inset = m if shape == "circle" else 2.0
    return QRectF(inset, inset, s - 2 * inset, s - 2 * inset)


def severity_icon(severity: str, size: int = 12) -> QIcon:
    """The severity's shape, filled in its colour with a dark edge (seen on any background)."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#1A1A1A"), 1.0))
    painter.setBrush(QColor(SEVERITY_COLOURS.get(severity, "#8C959F")))
    shape = severity_shape(severity, size)
    if isinstance(shape, QPolygonF):
        painter.drawPolygon(shape)
    elif SEVERITY_SHAPES.get(severity, "circle") == "circle":
        painter.drawEllipse(shape)
    else:
        painter.drawRect(shape)
    painter.end()
    return QIcon(pixmap)


def finding_html(finding: Finding) -> str:
    """A finding in full, as rich text for the details pane."""
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td align='right'><b>{escape(value)}</b></td></tr>"
        for name, value in numbers_of(finding)
    )
    numbers = f"<table cellspacing='0' cellpadding='2'>{rows}</table>" if rows else ""
    word = SEVERITY_WORDS.get(finding.severity, finding.severity)
    colour = SEVERITY_COLOURS.get(finding.severity, "#8C959F")
    measure = f"<p><i>Measure: {escape(finding.measure)}</i></p>" if finding.measure else ""
    why = f"<p><i>Why it ranks here: {escape(finding.rank_reason)}</i></p>"
    # The numbers' names are technical words too ("Permutation p", "NMI"): explain them all.
    named = [f"{name} = {value}" for name, value in numbers_of(finding)]
    words = terms_in([finding.title, finding.explanation, finding.measure, *named])
    glossary = "".join(f"<li><b>{escape(t)}</b>: {escape(GLOSSARY[t])}</li>" for t in words)
    return (
        f"<p><span style='color:{colour}'>{SEVERITY_MARKS.get(finding.severity, '●')}</span> "
        f"<b>{escape(word)}</b> · "
        f"<b>{escape(finding.title)}</b></p><p>{escape(finding.explanation)}</p>"
        f"{numbers}{why if finding.rank_reason else ''}{measure}"
        + (f"<p>Words used:</p><ul>{glossary}</ul>" if glossary else "")
    )


def finding_tooltip(finding: Finding) -> str:
    """The explanation, with a plain line on each technical word it uses."""
    words = tooltip(finding.explanation)
    return finding.explanation + (f"\n\n{words}" if words else "")


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the tree's width: titles are never cut short."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        # Room for the branch indentation, the severity dot and the item's margins; in a
        # table of several columns, the column's own width.
        width = self.tree.viewport().width() - self.tree.indentation() * (depth + 1) - 28
        if self.tree.columnCount() > 1:
            width = self.tree.header().sectionSize(index.column()) - 12
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else option.fontMetrics
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(QRect(0, 0, max(width, 60), 10_000), flags, text).height()
        return QSize(hint.width(), max(hint.height(), needed + 6))


class FindingsView(QWidget):
    """The findings tree and the chosen finding's details, with its actions."""

    finding_selected = Signal(object)  # Finding or None
    accept_requested = Signal(object)
    dismiss_requested = Signal(object)
    zoom_requested = Signal()
    more_requested = Signal()
    """The user asked to see every suggested link, not the best few."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Findings")
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.viewport().installEventFilter(self)
        self.details = QTextBrowser()
        self.details.setAccessibleName("Finding details")
        self.details.setOpenLinks(False)
        self.zoom_button = self._button("Zoom to it", "zoom-selection", "Fit the finding in view")
        self.accept_button = self._button(
            "Accept", "relationship", "Add this suggestion to the map as a proposed relationship"
        )
        self.dismiss_button = self._button(
            "Dismiss", "cancel", "Hide this suggestion for this map (remembered in the file)"
        )
        self.clear_button = self._button("Clear", "close", "Stop highlighting the finding")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.zoom_button, self.accept_button, self.dismiss_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.details, 1)
        column.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._findings: list[Finding] = []
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.zoom_button.clicked.connect(self.zoom_requested)
        self.accept_button.clicked.connect(lambda: self._act(self.accept_requested))
        self.dismiss_button.clicked.connect(lambda: self._act(self.dismiss_requested))
        self.clear_button.clicked.connect(self.clear_selection)
        self._show(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Wrapped rows change height with the width: lay the rows out again after a resize.
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.tree, self.tree.doItemsLayout)
        return False

    def _button(self, text: str, icon_name: str, tip: str) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        return button

    # ------------------------------------------------------------------ contents
    def set_findings(self, findings: Sequence[Finding], more: int = 0) -> None:
        """Show these findings under their sections, keeping the chosen one if still there;
        ``more`` suggested links not listed get an item that lists them all."""
        chosen = self.selected()
        key = finding_key(chosen) if chosen is not None else None
        self._findings = list(findings)
        blocked = self.tree.blockSignals(True)
        self.tree.clear()
        again = None
        for section, items in by_section(findings):
            top = QTreeWidgetItem([f"{section.title} ({len(items)})"])
            top.setToolTip(0, plain_tooltip(section.blurb))
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for finding in items:
                item = QTreeWidgetItem([finding.title])
                item.setIcon(0, severity_icon(finding.severity))
                word = SEVERITY_WORDS.get(finding.severity, finding.severity)
                # A screen reader hears the severity the shape and colour show.
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{word}: {finding.title}")
                item.setToolTip(0, plain_tooltip(finding_tooltip(finding)))  # names, as typed
                item.setData(0, FINDING_ROLE, finding)
                top.addChild(item)
                if key is not None and finding_key(finding) == key:
                    again = item
            if section.key == "links" and more > 0:
                top.addChild(self._more_item(more))
            top.setExpanded(True)
        if again is not None:
            again.setSelected(True)
            self.tree.setCurrentItem(again)
        self.tree.blockSignals(blocked)
        if chosen is not None:
            # The same finding, freshly measured, or none if it has gone.
            self._selection_changed()

    def _more_item(self, more: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"Show {more} more suggested links…"])
        item.setData(0, MORE_ROLE, True)
        item.setToolTip(0, "Every introduction the analysis found, best first")
        font = item.font(0)
        font.setItalic(True)
        item.setFont(0, font)
        return item

    def more_item(self) -> QTreeWidgetItem | None:
        """The item that lists every suggestion, if shown."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                child = top.child(j) if top is not None else None
                if child is not None and child.data(0, MORE_ROLE):
                    return child
        return None

    def findings(self) -> list[Finding]:
        """The findings listed."""
        return list(self._findings)

    def selected(self) -> Finding | None:
        """The finding chosen, if any."""
        for item in self.tree.selectedItems():
            finding = item.data(0, FINDING_ROLE)
            if isinstance(finding, Finding):
                return finding
        return None

    def select(self, finding: Finding | None) -> None:
        """Choose a finding (as a click would)."""
        if finding is None:
            self.clear_selection()
            return
        key = finding_key(finding)
        for item in self._items():
            if finding_key(item.data(0, FINDING_ROLE)) == key:
                self.tree.setCurrentItem(item)
                item.setSelected(True)
                self.tree.scrollToItem(item)
                return

    def clear_selection(self) -> None:
        """Choose no finding."""
        self.tree.clearSelection()

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                found += [
                    c
                    for j in range(top.childCount())
                    if (c := top.child(j)) is not None
                    and isinstance(c.data(0, FINDING_ROLE), Finding)
                ]
        return found

    # ------------------------------------------------------------------ reacting
    def _selection_changed(self) -> None:
        if any(item.data(0, MORE_ROLE) for item in self.tree.selectedItems()):
            self.more_requested.emit()
            return
        finding = self.selected()
        self._show(finding)
        self.finding_selected.emit(finding)

    def _show(self, finding: Finding | None) -> None:
        if finding is None:
            self.details.setHtml(
                "<p>Choose a finding to see it on the map, with the numbers behind it.</p>"
            )
        else:
            self.details.setHtml(finding_html(finding))
        suggestion = finding is not None and finding.kind == "suggested_link"
        self.zoom_button.setEnabled(finding is not None)
        self.clear_button.setEnabled(finding is not None)
        self.accept_button.setVisible(suggestion)
        self.dismiss_button.setVisible(suggestion)

    def _act(self, signal: SignalInstance) -> None:
        finding = self.selected()
        if finding is not None:
            signal.emit(finding)
