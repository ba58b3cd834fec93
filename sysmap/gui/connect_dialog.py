"""The small dialog that asks what a new relationship is: its type, status and direction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from sysmap.gui.inspector_widgets import dialog_layout, swatch
from sysmap.gui.resources import icon, mute
from sysmap.model.entities import Relationship
from sysmap.model.errors import ValidationError
from sysmap.model.style import line_style
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import STATUSES


class ConnectDialog(QDialog):
    """Ask for the type, status and direction of a relationship from ``source`` to ``target``.

    The type list is the map's relationship types; a new type may be typed. If the two are
    already related, the dialog says how, since another type makes a second relationship.
    The last type and status used are chosen already, and Enter connects: a run of the
    same kind of tie costs one drag and one key each.
    """

    def __init__(
        self,
        system_map: SystemMap,
        source: str,
        target: str,
        last_type: str = "",
        parent: QWidget | None = None,
        last_status: str = "",
    ) -> None:
        super().__init__(parent)
        self.map, self.source, self.target = system_map, source, target
        self.setWindowTitle("New relationship")
        self.setObjectName("ConnectDialog")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.swap_button = QPushButton(icon("connect"), "S&wap direction")
        self.swap_button.setToolTip("Make the relationship run the other way")
        self.swap_button.clicked.connect(self.swap)
        heading = QHBoxLayout()
        heading.addWidget(self.heading, 1)
        heading.addWidget(self.swap_button)
        self._show_ends()
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for term in system_map.relation_types:
            self.relation.addItem(term.label, term.key)
            self.relation.setItemData(
                self.relation.count() - 1, term.description, Qt.ItemDataRole.ToolTipRole
            )
        self.relation.setAccessibleName("Relationship type")
        self.status = QComboBox()
        for term in STATUSES:
            self.status.addItem(swatch(line_style(term.key).colour), term.label, term.key)
        self.status.setAccessibleName("Status")
        remembered = self.status.findData(last_status) if last_status else -1
        self.status.setCurrentIndex(max(remembered, 0))
        self.directed = QCheckBox("Runs one way, from the first to the second")
        self.directed.setAccessibleName("One way")
        form = QFormLayout()
        form.addRow("&Type:", self.relation)
        form.addRow("&Status:", self.status)
        form.addRow("", self.directed)
        existing = system_map.relationships_between(source, target)
        note = QLabel(
            "Already related: "
            + ", ".join(
                f"{system_map.relation_types.label(r.relation or 'other')} ({r.status})"
                for r in existing
            )
            + ". A different type adds a second relationship."
            if existing
            else ""
        )
        note.setWordWrap(True)
        note.setVisible(bool(existing))
        mute(note)
        dialog_layout(self, "Connect", heading, form, note)
        self.relation.currentIndexChanged.connect(self._type_chosen)
        start = self.relation.findData(last_type) if last_type else -1
        self.relation.setCurrentIndex(max(start, 0))
        self._type_chosen()

    def _show_ends(self) -> None:
        source, target = self.map.label(self.source), self.map.label(self.target)
        self.heading.setText(f"<b>{_html(source)}</b> → <b>{_html(target)}</b>")

    def swap(self) -> None:
        """Turn the relationship round: the second stakeholder becomes the first."""
        self.source, self.target = self.target, self.source
        self._show_ends()

    def _type_chosen(self) -> None:
        key = self.relation.currentData()
        self.directed.setChecked(self.map.default_directed(key))

    def relation_text(self) -> str:
        """The type as the user chose or typed it."""
        return self.relation.currentText().strip()

    def relationship(self) -> Relationship:
        """The relationship the user described (its type key may be new to the map)."""
        text = self.relation_text()
        if not text:
            raise ValidationError("A relationship needs a type, such as funds or refers to.")
        key = self.map.relation_types.key_for(text) or text
        return Relationship(
            self.source,
            self.target,
            key,
            status=str(self.status.currentData()),
            directed=self.directed.isChecked(),
        )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
