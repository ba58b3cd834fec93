"""The Places dialog: each place the map uses, its level, the place it sits within, and the
place the map is about, and the two place rules of who should talk to whom.

Places nest (Salford within Greater Manchester within the North West…). The dialog lists the
map's own places and every place a stakeholder uses, fills in what sysmap knows of UK places
where the map says nothing, and offers as parents the map's places and the places sysmap
ships. OK applies everything as one undoable edit; a parent that would put a place within
itself is refused with a sentence, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sysmap.analysis.place_groups import FOCUS_KEY
from sysmap.analysis.should_talk import ShouldTalk, should_talk_of
from sysmap.gui.commands import MacroCommand, MapCommand, SetPlaces, SetShouldTalk
from sysmap.gui.document import MapDocument
from sysmap.gui.plain_text import plain_label
from sysmap.model.errors import ValidationError
from sysmap.model.places import PlaceTree
from sysmap.model.system_map import SystemMap
from sysmap.model.uk_places import UK_PLACES
from sysmap.model.vocab import PLACE_LEVELS, Term, Vocabulary

NAME, LEVEL, WITHIN = range(3)
NONE = ""


class PlacesDialog(QDialog):
    """Edit the map's places and their nesting; :meth:`command` gives the edit to push."""

    def __init__(self, system_map: SystemMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Places")
        self.map = system_map
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Place", "Level", "Sits within"])
        self.table.setAccessibleName("Places")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WITHIN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.focus = QComboBox()
        self.focus.setAccessibleName("The place this map is about")
        self.focus.setToolTip(
            "The system's home: the analysis never calls it a silo. Leave empty to use the "
            "place where most stakeholders are."
        )
        try:
            should_talk = should_talk_of(system_map)
        except ValidationError:  # a damaged list in the file: the analysis says so; start afresh
            should_talk = ShouldTalk()
        self.should_talk = should_talk
        self.same_place = QCheckBox("Any two sectors in the &same place should talk")
        self.same_place.setChecked(should_talk.same_place)
        self.same_place.setToolTip(
            "Missing links between sectors are also looked for within each place"
        )
        self.national_as_one = QCheckBox("Count the &national places as one tier")
        self.national_as_one.setChecked(should_talk.national_as_one)
        self.national_as_one.setToolTip(
            "United Kingdom, Great Britain, England & Wales and each nation are one national "
            "tier, as the guidance treats them; untick to compare them as places of their own"
        )
        self.add_button = QPushButton("&Add place")
        self.remove_button = QPushButton("&Remove place")
        self.message = plain_label(QLabel(""))  # a refusal quoting place names
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("This map is &about:", self.focus)
        form.addRow(self.same_place)
        form.addRow(self.national_as_one)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Each place's level, and the place it sits within (Salford within Greater "
            "Manchester). Places sysmap knows are filled in; change what is wrong."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 460)
        self.add_button.clicked.connect(lambda: self.add_row(Term("New place", "New place")))
        self.remove_button.clicked.connect(self.remove_row)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._fill()

    # ------------------------------------------------------------------ contents
    def _fill(self) -> None:
        tree = PlaceTree(self.map.places)
        listed = {t.key for t in self.map.places}
        terms = list(self.map.places)
        used = sorted(
            {str(d["place"]) for _, d in self.map.stakeholder_rows() if d.get("place")} - listed,
            key=str.casefold,
        )
        for name in used:
            terms.append(Term(name, name))
        for term in terms:
            self.add_row(term, tree.parent(term.key), tree.level(term.key), term.key in listed)
        focus = self.map.metadata.get(FOCUS_KEY)
        self.focus.addItem(NONE)
        self.focus.addItems([t.key for t in terms])
        if isinstance(focus, str):
            self.focus.setCurrentText(focus)

    def add_row(
        self,
        term: Term,
        within: str | None = None,
        level: str | None = None,
        listed: bool = True,
    ) -> int:
        """Add a place to the table, showing ``within`` and ``level`` (what sysmap knows
        where the map says nothing); return its row."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(term.label if term.label else term.key)
        item.setData(Qt.ItemDataRole.UserRole, (term, within, level, listed))
        self.table.setItem(row, NAME, item)
        levels = QComboBox()
        levels.addItem(NONE, None)
        for entry in PLACE_LEVELS:
            levels.addItem(entry.label, entry.key)
        levels.setCurrentIndex(max(levels.findData(level or term.level), 0))
        self.table.setCellWidget(row, LEVEL, levels)
        parents = QComboBox()
        parents.setEditable(True)
        parents.addItem(NONE)
        parents.addItems(self._parent_names())
        parents.setCurrentText(within or term.within or NONE)
        self.table.setCellWidget(row, WITHIN, parents)
        return row

    def _parent_names(self) -> list[str]:
        own = [t.key for t in self.map.places]
        return own + [t.key for t in UK_PLACES if t.key not in own]

    def remove_row(self) -> None:
        """Remove the chosen place from the map's list (stakeholders keep their value)."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_within(self, row: int, place: str) -> None:
        """Set a row's parent (as choosing it in the table would)."""
        combo = self.table.cellWidget(row, WITHIN)
        assert isinstance(combo, QComboBox)
        combo.setCurrentText(place)

    def row_of(self, name: str) -> int:
        """The row showing a place (-1 if none)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            if item is not None and item.text() == name:
                return row
        return -1

    # ------------------------------------------------------------------ the edit
    def places(self) -> Vocabulary:
        """The places as the table has them.

        Raises
        ------
        ValidationError
            If two rows name one place, or a parent is unknown or loops back.
        """
        terms = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            if item is None or not item.text().strip():
                continue
            stored = item.data(Qt.ItemDataRole.UserRole)
            old, shown_within, shown_level, listed = stored or (None, None, None, False)
            name = item.text().strip()
            level = self._combo(row, LEVEL).currentData()
            within = self._combo(row, WITHIN).currentText().strip() or None
            base = old if isinstance(old, Term) and old.key == name else Term(name, name)
            # What sysmap knows, left as shown, stays unsaid: the map keeps only its own word.
            if within == shown_within and old is not None and old.within is None:
                within = None
            if level == shown_level and old is not None and old.level is None:
                level = None
            if not listed and old is not None and (within, level) == (None, None):
                continue
            terms.append(Term(base.key, name, base.colour, base.description, level, None, within))
        return Vocabulary("place", tuple(terms))

    def _combo(self, row: int, column: int) -> QComboBox:
        widget = self.table.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def command(self) -> MapCommand | None:
        """The undoable edit the dialog stands for, or ``None`` when nothing changed."""
        edits: list[MapCommand] = []
        places = self.places()
        focus = self.focus.currentText().strip() or None
        old = self.map.metadata.get(FOCUS_KEY)
        if places != self.map.places or focus != (old if isinstance(old, str) else None):
            edits.append(SetPlaces(self.map, places, focus))
        should_talk = replace(
            self.should_talk,
            same_place=self.same_place.isChecked(),
            national_as_one=self.national_as_one.isChecked(),
        )
        if should_talk != self.should_talk:
            edits.append(SetShouldTalk(self.map, should_talk))
        if len(edits) > 1:
            return MacroCommand(self.map, "Edit places", edits)
        return edits[0] if edits else None

    def accept(self) -> None:
        try:
            self.places()
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        super().accept()


def places_button(parent: QWidget, document: Callable[[], MapDocument | None]) -> QPushButton:
    """A button that opens the Places dialog for the document shown; OK pushes its edit."""
    button = QPushButton("&Places and where they sit…", parent)
    button.setToolTip(
        "Each place's level, the place it sits within, and the place the map is about"
    )

    def open_dialog() -> None:
        shown = document()
        if shown is None:
            return
        dialog = PlacesDialog(shown.map, button.window())
        dialog.setModal(True)

        def apply() -> None:
            command = dialog.command()
            if command is not None:
                shown.push(command)

        dialog.accepted.connect(apply)
        button.setProperty("dialog", dialog)  # kept for tests and while it is open
        dialog.open()

    button.clicked.connect(open_dialog)
    return button
