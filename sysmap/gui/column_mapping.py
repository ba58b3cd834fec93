"""Opening a map from another tool: say which of its columns means sector, place or kind.

Kumu calls a sector ``Type``, Gephi has a ``Modularity Class``, yEd a ``group``. sysmap does
not guess: when a file leaves most stakeholders without a sector or a place and has columns
that could hold one, the user is asked which column (if any) to use, with a preview of what
each value becomes. The file itself is never changed; the choice applies to the map opened.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui.plain_text import plain_label
from sysmap.io.remap import AttributeRemap, column_values, plan_remap
from sysmap.io.result import LoadResult
from sysmap.model import SystemMap
from sysmap.workspace import remap_columns

OFFERED = {"sector": "Sector", "place": "Place", "place_level": "Place level", "kind": "Kind"}
"""The fields a column can fill, with the names the dialog shows."""
MAX_VALUES = 30
"""A column with more distinct values than this is a name or a note, not a grouping."""
UNIQUE_UP_TO = 12
"""Up to this many stakeholders, a column may give each stakeholder a group of its own."""
SAMPLE_CHARS = 60


def candidate_columns(system_map: SystemMap) -> dict[str, Counter[str]]:
    """Columns whose values repeat, like a grouping does (not ids, links or free text)."""
    found = {}
    small = system_map.stakeholder_count <= UNIQUE_UP_TO
    for column, values in column_values(system_map).items():
        used = sum(values.values())
        distinct = {" ".join(value.casefold().split()) for value in values}
        if not 0 < len(distinct) <= MAX_VALUES or _measure(values):
            continue
        # In a big file a column with a different value on every row is an id or a name,
        # and one that few stakeholders fill is a note about them.
        if small or (len(distinct) < used and used * 4 >= system_map.stakeholder_count):
            found[column] = values
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))


def _measure(values: Counter[str]) -> bool:
    """Whether the values are amounts (0.4, 1.8), not classes (1, 2, 3) or names."""
    try:
        numbers = [float(value) for value in values]
    except ValueError:
        return False
    return any(not number.is_integer() for number in numbers)


def needs_mapping(system_map: SystemMap) -> bool:
    """Whether most stakeholders lack a sector or a place and some column could give one."""
    count = system_map.stakeholder_count
    if count == 0 or not candidate_columns(system_map):
        return False
    rows = [data for _, data in system_map.stakeholder_rows()]
    return any(sum(1 for data in rows if not data.get(f)) * 2 > count for f in ("sector", "place"))


class ColumnMappingDialog(QDialog):
    """Choose a column for sector, place, place level and kind, with a preview."""

    def __init__(self, system_map: SystemMap, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Use the file's columns")
        self.setObjectName("ColumnMappingDialog")
        self.system_map = system_map
        self.columns = candidate_columns(system_map)
        intro = QLabel(
            f"“{file_name}” does not say which sector or place most stakeholders belong to. "
            "If one of its columns does, choose it here. The file itself is not changed."
        )
        intro.setWordWrap(True)
        plain_label(intro)  # it names the file
        form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for target, label in OFFERED.items():
            combo = self._combo(target)
            combo.setAccessibleName(f"Column for {label.lower()}")
            form.addRow(f"{label}:", combo)
            self.choices[target] = combo
        self.new_terms = QCheckBox("Add values that match nothing as new sectors and kinds")
        self.new_terms.toggled.connect(self._preview)
        self.preview = plain_label(QLabel(""))  # quotes the file's values
        self.preview.setWordWrap(True)
        self.preview.setObjectName("MappingPreview")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._use = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._use.setText("Use these columns")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Keep the file as it is")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.new_terms)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._preview()

    def _combo(self, target: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem("Leave as it is", "")
        for column, values in self.columns.items():
            shown = ", ".join(value for value, _ in values.most_common(4))
            if len(values) > 4 or len(shown) > SAMPLE_CHARS:
                shown = shown[:SAMPLE_CHARS].rstrip(", ") + ", …"
            combo.addItem(f"{column} ({shown})", column)
            # A column already called by the field's name is offered first, not applied.
            if column.casefold() in (target, OFFERED[target].casefold()):
                combo.setCurrentIndex(combo.count() - 1)
        combo.currentIndexChanged.connect(self._preview)
        return combo

    def remaps(self) -> list[AttributeRemap]:
        """The columns chosen, one instruction per field."""
        return [
            AttributeRemap(str(combo.currentData()), target)
            for target, combo in self.choices.items()
            if combo.currentData()
        ]

    def add_terms(self) -> bool:
        """Whether unmatched values become new terms of the map's vocabularies."""
        return self.new_terms.isChecked()

    def _preview(self) -> None:
        remaps = self.remaps()
        columns = [r.column for r in remaps]
        if len(set(columns)) < len(columns):
            self.preview.setText("Choose a different column for each field.")
            self._use.setEnabled(False)
            return
        self._use.setEnabled(bool(remaps))
        lines: list[str] = []
        for remap in remaps:
            lines += plan_remap(self.system_map, remap, add_terms=self.add_terms()).sentences()
        self.preview.setText(
            "\n".join(lines) or "Nothing is changed: choose a column for a field above."
        )


def offer_column_mapping(parent: QWidget, result: LoadResult, file_name: str) -> None:
    """Ask which columns to use when the map needs it; apply the answer to ``result``."""
    if not needs_mapping(result.map):
        return
    dialog = ColumnMappingDialog(result.map, file_name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    remap_columns(result, dialog.remaps(), add_terms=dialog.add_terms())
